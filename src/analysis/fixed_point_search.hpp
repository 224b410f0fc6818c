#pragma once
// The templated core of fixed_points.cpp, shared with bifurcations.cpp: classification by eigenvalues and the
// search of the reduced residual over v.
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/error.hpp"
#include "scalar_search.hpp"
#include "voltage_reduction.hpp"

namespace neurodyn::analysis_detail {

inline FixedPointType type_of(const std::vector<std::complex<double>>& eigenvalues) {
  double scale = 0.0;
  for (const auto& eigenvalue : eigenvalues) scale = std::max(scale, std::abs(eigenvalue));
  const double zero = 1e-9 * scale;  // rounding of a Jacobian's eigenvalues is relative to the largest
  bool complex = false;
  int positive = 0, negative = 0;
  for (const auto& eigenvalue : eigenvalues) {
    if (std::abs(eigenvalue.real()) <= zero) return FixedPointType::non_hyperbolic;
    (eigenvalue.real() > 0.0 ? positive : negative) += 1;
    complex = complex || std::abs(eigenvalue.imag()) > zero;
  }
  if (positive == 0) return complex ? FixedPointType::stable_focus : FixedPointType::stable_node;
  if (negative == 0) return complex ? FixedPointType::unstable_focus : FixedPointType::unstable_node;
  return complex ? FixedPointType::saddle_focus : FixedPointType::saddle;
}

template <class M>
FixedPoint classify(const M& model, const typename M::State& state, double current) {
  const Eigen::MatrixXd jacobian = model.jacobian(state, Drive{current, 0.0});
  const Eigen::VectorXcd values = Eigen::EigenSolver<Eigen::MatrixXd>(jacobian, false).eigenvalues();
  FixedPoint point;
  point.state.assign(state.data(), state.data() + state.size());
  point.eigenvalues.assign(values.data(), values.data() + values.size());
  std::ranges::sort(point.eigenvalues, [](const auto& x, const auto& y) {
    return x.real() != y.real() ? x.real() < y.real() : x.imag() < y.imag();
  });
  point.type = type_of(point.eigenvalues);
  return point;
}

inline VoltageRange resolved_range(VoltageRange defaults, const FixedPointSearch& search) {
  const VoltageRange range{search.v_low.value_or(defaults.low), search.v_high.value_or(defaults.high)};
  if (!std::isfinite(range.low) || !std::isfinite(range.high) || !(range.low < range.high)) {
    throw InputError(fmt::format("fixed-point search range v = [{:g}, {:g}] is not allowed; allowed: finite low < high",
                                 range.low, range.high));
  }
  if (search.grid_points < 3 || search.grid_points > 10'000'000) {
    throw InputError(
        fmt::format("fixed-point search grid of {} points is not allowed; allowed: 3 to 10000000", search.grid_points));
  }
  return range;
}

template <class M>
std::vector<FixedPoint> fixed_points_of(const M& model, double current, const FixedPointSearch& search) {
  require_reducible(model);
  const VoltageRange range = resolved_range(default_voltage_range<M>(), search);
  const auto residual = [&](double v) { return reduced_residual(model, v, current); };
  std::vector<FixedPoint> points;
  for (const double v : roots_on_grid(residual, range.low, range.high, search.grid_points)) {
    const auto state = steady_state_at(model, v);
    if (below_cutoff(model, state)) points.push_back(classify(model, state, current));
  }
  return points;
}

}  // namespace neurodyn::analysis_detail
