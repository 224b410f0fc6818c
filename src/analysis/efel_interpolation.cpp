// eFEL's resampling of a trace onto a uniform grid, done once before any feature.
#include <cmath>
#include <cstddef>

#include "efel_context.hpp"

namespace neurodyn::efel_detail {

Trace interpolate(std::span<const double> t_ms, std::span<const double> v_mV, double step_ms) {
  const std::size_t last = t_ms.size() - 1;
  Trace grid;
  // The grid by repeated addition, never t[0] + k * step: a point near the stimulus start or end falls on the
  // side of it that the accumulated rounding puts it, as in eFEL (eFEL 1b6c129, efel/cppcore/Utils.cpp,
  // LinearInterpolation, which takes the point count from ceil as numpy.arange does).
  const auto point_count = static_cast<std::size_t>(std::ceil((t_ms[last] - t_ms[0]) / step_ms));
  grid.t.reserve(point_count + 1);
  double x = t_ms[0];
  for (std::size_t i = 0; i < point_count; ++i) {
    grid.t.push_back(x);
    x += step_ms;
  }
  if (grid.t.empty() || grid.t.back() < t_ms[last]) grid.t.push_back(x);

  grid.v.reserve(grid.t.size());
  std::size_t j = 0;  // the raw segment [j, j + 1] holding the grid point
  for (const double point : grid.t) {
    while (t_ms[j + 1] < point) {
      ++j;
      if (j + 1 >= t_ms.size()) {
        j = last;
        break;
      }
    }
    if (j == last) {  // past the last raw sample: its value, and eFEL stops there
      grid.v.push_back(v_mV[last]);
      break;
    }
    const double slope = (v_mV[j + 1] - v_mV[j]) / (t_ms[j + 1] - t_ms[j]);
    grid.v.push_back(v_mV[j] + slope * (point - t_ms[j]));
  }
  // Only the last grid point can lie past the last raw sample, so the stop above leaves the two of the same
  // length; keep them so in any case.
  grid.t.resize(grid.v.size());
  return grid;
}

}  // namespace neurodyn::efel_detail
