#pragma once
// The fraction of a step at which the spike guard crosses zero on the step's interpolant.
#include <cmath>

namespace neurodyn::detail {

// guard_at(theta) is negative at theta = 0 and non-negative at theta = 1. Returns the crossing in [0, 1]
// to about 1e-15, by the Illinois variant of regula falsi (superlinear, and never leaves the bracket).
template <class GuardAtFraction>
double located_crossing(GuardAtFraction&& guard_at, double guard_at_start, double guard_at_end) {
  double lo = 0.0, hi = 1.0, g_lo = guard_at_start, g_hi = guard_at_end;
  int side = 0;
  for (int iteration = 0; iteration < 200 && hi - lo > 1e-15; ++iteration) {
    double theta = (lo * g_hi - hi * g_lo) / (g_hi - g_lo);
    if (!(theta > lo && theta < hi)) theta = 0.5 * (lo + hi);
    const double g = guard_at(theta);
    if (g == 0.0) return theta;
    if (g < 0.0) {
      lo = theta;
      g_lo = g;
      if (side == -1) g_hi *= 0.5;  // Illinois: halve the stale end so the bracket shrinks from both sides
      side = -1;
    } else {
      hi = theta;
      g_hi = g;
      if (side == +1) g_lo *= 0.5;
      side = +1;
    }
  }
  return hi;  // the first fraction known to be at or past the crossing
}

}  // namespace neurodyn::detail
