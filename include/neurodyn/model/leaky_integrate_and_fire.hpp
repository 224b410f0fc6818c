#pragma once
// Leaky integrate-and-fire (Lapicque 1907; in the form of Gerstner W et al. (2014) Neuronal Dynamics, ch. 1):
//
//   C v' = -g_L (v - E_L) + I        i.e. tau_m v' = -(v - E_L) + R I,  tau_m = C/g_L,  R = 1/g_L
//   if v >= v_threshold:  v <- v_reset, held there for t_ref
//
// Time in ms, v in mV, I in pA, C in pF, g_L in nS (so tau_m in ms and R in GOhm: R I in mV for I in pA).
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <optional>

#include "neurodyn/error.hpp"
#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/power_series.hpp"
#include "neurodyn/model/scalar_ops.hpp"

namespace neurodyn {

template <class P>
struct BasicLeakyIntegrateAndFire {
  static constexpr int dimension = 1;
  using State = StateVector<1>;
  static constexpr std::string_view name = "lif";
  static constexpr std::string_view title = "Leaky integrate-and-fire";
  static constexpr std::string_view citation =
      "Lapicque L (1907); Gerstner W, Kistler WM, Naud R, Paninski L (2014) Neuronal Dynamics, ch. 1";
  static constexpr std::string_view current_unit = "pA";
  static constexpr bool has_reset = true;

  P C;            // pF  membrane capacitance
  P g_L;          // nS  leak conductance
  P E_L;          // mV  leak reversal (resting) potential
  P v_threshold;  // mV  spike threshold
  P v_reset;      // mV  reset potential
  P t_ref;        // ms  refractory period: v is held at v_reset this long

  static constexpr std::array<ParameterField<BasicLeakyIntegrateAndFire, P>, 6> parameters{{
      {{"C", "pF", 250.0, 1.0, 10000.0, "membrane capacitance"}, &BasicLeakyIntegrateAndFire::C},
      {{"g_L", "nS", 25.0, 0.1, 1000.0, "leak conductance (tau_m = C/g_L, R = 1/g_L)"},
       &BasicLeakyIntegrateAndFire::g_L},
      {{"E_L", "mV", -70.0, -100.0, 0.0, "leak reversal (resting) potential"}, &BasicLeakyIntegrateAndFire::E_L},
      {{"v_threshold", "mV", -50.0, -100.0, 50.0, "spike threshold: v >= v_threshold is a spike"},
       &BasicLeakyIntegrateAndFire::v_threshold},
      {{"v_reset", "mV", -70.0, -100.0, 0.0, "reset potential after a spike"}, &BasicLeakyIntegrateAndFire::v_reset},
      {{"t_ref", "ms", 2.0, 0.0, 100.0, "refractory period: v is held at v_reset"},
       &BasicLeakyIntegrateAndFire::t_ref},
  }};
  // Fitting ranges: cortical cells (membrane time constants of 5 to 50 ms, thresholds 10 to 30 mV above rest).
  static constexpr std::array<FittingRange, 6> fitting_ranges{{
      {"C", 20.0, 500.0}, {"g_L", 1.0, 50.0}, {"E_L", -85.0, -50.0}, {"v_threshold", -60.0, -30.0},
      {"v_reset", -80.0, -45.0}, {"t_ref", 0.0, 10.0},
  }};
  static constexpr std::array<StateVariableInfo, 1> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
  }};

  constexpr BasicLeakyIntegrateAndFire() { set_table_defaults(*this); }

  P membrane_time_constant_ms() const { return C / g_L; }
  P resistance_gohm() const { return 1.0 / g_L; }

  template <class T>
  std::array<T, 1> field(const std::array<T, 1>& x, const BasicDrive<T>& drive) const {
    return {(-g_L * (x[0] - E_L) + drive.current) / C};
  }
  template <class T>
  T spike_guard(const std::array<T, 1>& x) const {
    return x[0] - v_threshold;
  }
  // v_reset; the hold of t_ref is in reset().
  template <class T>
  std::array<T, 1> reset_map(const std::array<T, 1>& x) const {
    return {ops::filled_like(x[0], v_reset)};
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<1> jacobian(const State&, Drive) const { return JacobianMatrix<1>::Constant(-g_L / C); }
  State input_gradient(const State&) const { return State::Constant(1.0 / C); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  ResetOutcome<1> reset(const State& x) const { return {state_vector(reset_map(state_values(x))), t_ref}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State::Constant(1.0); }

  // Coefficient n + 1 of the series of the solution (power_series.hpp): the right-hand side is linear.
  State series_coefficient(const SeriesCoefficients<1>& series, int n, Drive input) const {
    const double first = n == 0 ? 1.0 : 0.0;
    State next;
    next[0] = (-g_L * (series[static_cast<std::size_t>(n)][0] - first * E_L) + input_coefficient(input, n)) /
              (C * (n + 1));
    return next;
  }

  State initial_state(double v0, std::optional<double> u0) const {
    if (u0) {
      throw InputError(fmt::format("u0 = {:g} is not allowed: lif has no recovery variable u; give v0 alone", *u0));
    }
    return State::Constant(v0);
  }
  State default_initial_state() const { return initial_state(E_L, std::nullopt); }
};

using LeakyIntegrateAndFire = BasicLeakyIntegrateAndFire<double>;

static_assert(NeuronModel<LeakyIntegrateAndFire>);

// The exact f-I curve (Hz) for a constant current I (pA), from v_reset after each refractory period:
// v(t) = E_L + R I + (v_reset - E_L - R I) exp(-t/tau_m) reaches v_threshold after
// tau_m ln((R I - (v_reset - E_L)) / (R I - (v_threshold - E_L))), so
//   f = 1000 / (t_ref + tau_m ln(...))   for R I > v_threshold - E_L, and 0 otherwise
// (docs/reference.md section 3, there with v_reset = E_L). Assumes v_reset < v_threshold.
inline double lif_exact_rate_hz(const LeakyIntegrateAndFire& model, double current_pA) {
  const double drive_mV = model.resistance_gohm() * current_pA;
  const double threshold_rel = model.v_threshold - model.E_L, reset_rel = model.v_reset - model.E_L;
  if (!(drive_mV > threshold_rel)) return 0.0;
  const double time_to_threshold =
      model.membrane_time_constant_ms() * std::log((drive_mV - reset_rel) / (drive_mV - threshold_rel));
  return 1000.0 / (model.t_ref + time_to_threshold);
}

}  // namespace neurodyn
