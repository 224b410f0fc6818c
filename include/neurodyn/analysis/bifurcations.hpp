#pragma once
// Where the resting state is lost as the constant input current grows. The branch of fixed points through
// the rest is the steady-state I-V curve (fixed_points.hpp), parameterised by v, so it is followed exactly,
// without numerical continuation, from the rest at a reference current towards larger currents:
//   - the rest loses stability where an eigenvalue of the Jacobian crosses the imaginary axis along the
//     branch: a complex pair (Andronov-Hopf) or a real one (saddle-node: the rest meets a saddle and both
//     vanish, at an extremum of the I-V curve);
//   - for a model with a reset, the rest may instead reach the spike cutoff (leaky integrate-and-fire:
//     I = g_L (v_threshold - E_L)): the threshold is a reset, not a bifurcation of the flow.
// The saddle-node where the rest branch ends is reported separately: in the Izhikevich 2003 regular-spiking
// cell (b = 0.2 > a = 0.02) the rest loses stability in a Hopf bifurcation at I = 3.7975 and vanishes in the
// saddle-node at I = 4; in the 2007 RS cell (b < 0) both happen at the saddle-node, I = 51.43 pA.
// Currents in model units.
#include <complex>
#include <optional>
#include <string_view>

#include "neurodyn/analysis/fixed_points.hpp"

namespace neurodyn {

enum class RestLossKind {
  saddle_node,  // a real eigenvalue crosses 0: the rest merges with a saddle
  hopf,         // a complex pair crosses the imaginary axis
  threshold,    // the rest reaches the spike cutoff of a model with a reset
};

// "saddle-node", "hopf", "threshold".
std::string_view to_string(RestLossKind kind);

struct RestLoss {
  double current = 0.0;  // where the rest stops being a stable fixed point
  RestLossKind kind = RestLossKind::saddle_node;
  FixedPoint at;  // the fixed point at that current (non-hyperbolic at a bifurcation)
};

struct RestBranch {
  double reference_current = 0.0;
  FixedPoint rest;                            // the resting state at the reference current
  std::optional<RestLoss> stability_lost;     // none: stable throughout the searched range of v
  std::optional<double> saddle_node_current;  // where the branch ends in a saddle-node (fold of the I-V curve)
};

// Follows the rest from `reference_current` (where it must exist: otherwise InputError) towards larger
// currents. Tolerance: the bifurcation's v is located to about 1e-10 of the searched range of v.
RestBranch follow_rest(const AnyModel& model, double reference_current = 0.0, const FixedPointSearch& search = {});

}  // namespace neurodyn
