#pragma once
// Forward sensitivities of a hybrid neuron model (docs/architecture.md section 1): the derivatives of the state
// and of every spike time with respect to chosen parameters of the model, and optionally the stimulus amplitude,
// for gradient-based fitting. Classical RK4 at a fixed step or Dormand-Prince 5(4) with adaptive steps integrates
// the state and its sensitivity together, and the sensitivity jumps at each spike by the saltation (jump)
// conditions of hybrid systems. One dual pass per stage carries a direction per entry of theta (4 when there are
// at most 4, else one per entry of the parameter table and the amplitude).
//
//   theta = (the chosen parameters of M::parameters[, A])      A: the stimulus amplitude (see below)
//   between events   x' = f(x, theta, I(t)),   S' = df/dx S + df/dtheta,   S = dx/dtheta (n x P), S(t_start) = 0
//   at a spike tau   g(x^-(tau), theta) = 0 crossing upward, x^+ = R(x^-, theta):
//     dtau/dtheta = -(g_x S^- + g_theta) / (g_x f^-)
//     S^+ = R_x S^- + R_theta + (R_x f^- - f^+) dtau/dtheta,    f^- = f(x^-), f^+ = f(x^+)
//   (the saltation matrix of Aizerman & Gantmacher 1958, Q. J. Mech. Appl. Math. 11:385-398; trajectory
//   sensitivities of hybrid systems in Hiskens & Pai 2000, IEEE Trans. Circuits Syst. I 47(2):204-220).
//   g_theta is zero for the plain Izhikevich cutoff but not for a cutoff that is itself a parameter (vpeak).
//   For a model without a reset the spike is only a crossing: tau gets its gradient and S is continuous.
//
// The initial state is held fixed unless SensitivityOptions::initial_sensitivity says how it follows theta (a fit
// whose u0 is the model's steady state at v0 gives du0/db there).
//
// Units: time in ms; the state in its variables' units (mV, pA, ...); each column j of S and of the spike-time
// gradients is per unit of theta_j in that parameter's own unit (the model's parameter table), so dtau/da of
// izh2007 is in ms per (1/ms) and dv/dd in mV per pA. The amplitude A is in the model's current unit.
//
// The amplitude derivative (SensitivityOptions::amplitude) is defined for a stimulus of exactly one component
// that is a step (`step:amp=A,start=..[,stop=..]`, and `const:amp=A`) or a pulse train (`pulses:amp=A,...`):
// I(t) = A shape(t) with shape the indicator of the step or of the pulses, so dI/dA = shape(t) (I(t) / A for
// A != 0). Any other stimulus (a sum, a ramp, a sine, noise, a table) is refused with InputError when the
// amplitude is asked for, and is fine otherwise.
//
// Not covered, refused with InputError: a reset that holds the state (lif with t_ref > 0: the release time
// would move with tau and t_ref) and a state that jumps with the input (the Lienard form of FitzHugh-Nagumo).
#include <cstddef>
#include <string>
#include <vector>

#include "neurodyn/solve/solution.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// The method is given as MethodOptions (solve/method.hpp), of which these are read:
//   rk4      dt (ms): the step on the grid t_start + k dt; a step is split at each jump or bend of the stimulus
//            (Stimulus::next_piece_end) and at each spike, and the grid is kept. max_steps.
//   dopri5   rtol, atol (the solver's weighted norm of the error of x, and of S with atol / |theta_j| as in
//            CVODES: S is controlled too), dt (ms): the first step tried, min_step, max_steps. Steps end at the
//            stimulus's jumps and bends.
struct SensitivityOptions {
  // theta's parameters, by their names in the model's table, in this order; empty: the whole table in its order.
  std::vector<std::string> parameters;
  bool amplitude = false;    // append the stimulus amplitude to theta (see above for which stimuli allow it)
  // Keep the state and S at t_start and on a grid up to t_end: rk4's own grid; for dopri5 the grid
  // t_start + k record_step (and t_end) from its continuous extension, record_step 0 meaning the method's dt.
  bool record_grid = false;
  double record_step = 0.0;  // ms
  // S(t_start) = dx(t_start)/dtheta, row-major n x P as SensitivityResult::final_sensitivity; empty: zero.
  std::vector<double> initial_sensitivity;
};

// The work of one run, so that a study can set it against finite differences (which cost one or two runs of
// the state alone per parameter).
struct SensitivityCounts {
  long long steps = 0;  // rk4: its steps, the partial ones and the re-integration to each spike included;
                        // dopri5: the accepted steps
  long long rejected_steps = 0;   // dopri5
  long long rhs_evaluations = 0;  // evaluations of f: one per stage (each a dual pass), plus f at the end of an
                                  // RK4 step that holds a spike (the locator's interpolant) and f^- and f^+ at
                                  // each spike
  long long directional_derivatives = 0;       // the columns the stage passes carried: P per stage, each one
                                               // (df/dx S + df/dtheta) e_j, of the work of about one f
  long long reset_derivative_evaluations = 0;  // evaluations of g_x, g_theta, R_x, R_theta (one per spike)
};

struct SensitivityResult {
  std::size_t dimension = 0;         // n, the number of state variables
  std::vector<std::string> parameters;  // theta: the chosen parameters in order, then "amplitude" when asked for
  std::vector<std::string> units;       // the unit of each entry of theta
  std::vector<double> spike_times;      // ms
  std::vector<double> spike_time_gradients;  // row-major: [k * P + j] = dtau_k / dtheta_j
  std::vector<double> final_state;           // x(t_end)
  std::vector<double> final_sensitivity;     // row-major: [i * P + j] = dx_i(t_end) / dtheta_j
  // With record_grid: every grid time, the state there (row-major, n per time) and S there (n * P per time,
  // row-major as final_sensitivity).
  std::vector<double> times;
  std::vector<double> states;
  std::vector<double> sensitivities;
  SensitivityCounts counts;
  SolveStatus status = SolveStatus::ok;  // ok, unstable (a blow-up or a reset at the cutoff), max_steps or
                                         // step_too_small
  std::string message;                   // empty when ok

  std::size_t parameter_count() const { return parameters.size(); }
  double spike_gradient(std::size_t spike, std::size_t parameter) const {
    return spike_time_gradients[spike * parameters.size() + parameter];
  }
  double sensitivity(std::size_t variable, std::size_t parameter) const {
    return final_sensitivity[variable * parameters.size() + parameter];
  }
  bool ok() const { return status == SolveStatus::ok; }
};

// Integrates the problem and its forward sensitivities with `method` (rk4 or dopri5). Throws InputError for
// another method, an invalid problem or option, a parameter that is not in the model's table, an amplitude
// derivative of a stimulus that has none, and the cases refused above; numerical failures come back as the
// status (dopri5 adds step_too_small).
SensitivityResult solve_sensitivities(const Problem& problem, const MethodOptions& method,
                                      const SensitivityOptions& options = {});

}  // namespace neurodyn
