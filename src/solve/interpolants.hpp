#pragma once
// Interpolants across one step [t, t + h], in the step fraction theta in [0, 1]. Spike crossings are located
// on them, so their order must match the method's: a linear interpolant caps any method at second order in
// spike time (docs/reference.md section 4).
#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn::detail {

template <int N>
struct LinearInterpolant {
  StateVector<N> start, end;
  StateVector<N> operator()(double theta) const { return start + theta * (end - start); }
};

// Cubic Hermite interpolation from the values and derivatives at both ends: interpolation error O(h^4),
// enough for methods up to order 4 (Hairer, Norsett & Wanner I, section II.6).
template <int N>
struct CubicHermiteInterpolant {
  StateVector<N> start, start_slope, end, end_slope;  // slopes are dx/dt
  double h;
  StateVector<N> operator()(double theta) const {
    const double t2 = theta * theta, t3 = t2 * theta;
    const double h00 = 2 * t3 - 3 * t2 + 1, h10 = t3 - 2 * t2 + theta;
    const double h01 = -2 * t3 + 3 * t2, h11 = t3 - t2;
    return h00 * start + (h10 * h) * start_slope + h01 * end + (h11 * h) * end_slope;
  }
};

}  // namespace neurodyn::detail
