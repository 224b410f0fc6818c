#pragma once
// Fixed points of a neuron model at a constant input current, with their type from the eigenvalues of the
// model's analytic Jacobian.
//
// Every model here has one voltage-like variable v whose other variables relax, at fixed v, to a steady state
// x_inf(v) (u = b v for Izhikevich 2003, the gates' steady states for Hodgkin-Huxley, v' = 0 for the Lienard
// form, ...). So the fixed points at current I are the roots in v of one scalar equation, which is also the
// steady-state current-voltage curve: v is a fixed point at I = I_inf(v), the current that holds the model at v.
// The roots are found on a fine grid of v by sign changes, and by refining every local extremum of the
// residual so that two roots closer than the grid (near a saddle-node) are not missed. Models with a reset
// keep only fixed points below their spike cutoff.
#include <complex>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "neurodyn/model/catalog.hpp"

namespace neurodyn {

enum class FixedPointType {
  stable_node,     // all eigenvalues real and negative
  stable_focus,    // all real parts negative, a complex pair among them
  unstable_node,   // all eigenvalues real and positive
  unstable_focus,  // all real parts positive, a complex pair among them
  saddle,          // real parts of both signs, all eigenvalues real
  saddle_focus,    // real parts of both signs with a complex pair (three or more variables: Hodgkin-Huxley)
  non_hyperbolic,  // an eigenvalue with zero real part (at a bifurcation)
};

// "stable node", "stable focus", "unstable node", "unstable focus", "saddle", "saddle focus", "non-hyperbolic".
std::string_view to_string(FixedPointType type);
bool is_stable(FixedPointType type);

struct FixedPoint {
  std::vector<double> state;                      // one value per state variable of the model, v first
  std::vector<std::complex<double>> eigenvalues;  // of the Jacobian, in 1/ms (per unit time), by real part
  FixedPointType type = FixedPointType::non_hyperbolic;
};

// The range of v searched and the grid's resolution. Defaults: the model's plausible range
// ([-150, 100] mV for the mV models, [-5, 5] for FitzHugh-Nagumo) with 50,001 points.
struct FixedPointSearch {
  std::optional<double> v_low;
  std::optional<double> v_high;
  std::size_t grid_points = 50'001;
};

// The classification of a point of the state space by the eigenvalues of J there (exposed for tests and
// plots; fixed_points uses it).
FixedPoint classify_point(const AnyModel& model, std::vector<double> state, double current);

// All fixed points at the constant `current` (model units), sorted by v. Throws InputError for a model
// whose reduction is degenerate (Izhikevich 2003 with u_decay = 0, FitzHugh-Nagumo with b = 0), or an
// invalid search.
std::vector<FixedPoint> fixed_points(const AnyModel& model, double current, const FixedPointSearch& search = {});

// The resting state at `current`: the stable fixed point of lowest v, if there is one.
std::optional<FixedPoint> resting_state(const AnyModel& model, double current, const FixedPointSearch& search = {});

// The steady-state current-voltage curve: the constant current that makes v a fixed point (model units).
double steady_state_current(const AnyModel& model, double v);

}  // namespace neurodyn
