#include "neurodyn/analysis/nullclines.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

// The y with component `equation` of the right-hand side zero at v (nullclines.hpp); NaN where there is none.
template <class M>
double nullcline_point(const M& model, int equation, double v, double current) {
  constexpr int max_newton_steps = 60;
  const Drive drive{current, 0.0};
  typename M::State state(v, 0.0);
  for (int step = 0; step < max_newton_steps; ++step) {
    const double slope = model.jacobian(state, drive)(equation, 1);
    if (slope == 0.0 || !std::isfinite(slope)) return std::numeric_limits<double>::quiet_NaN();
    const double change = model.rhs(state, drive)[equation] / slope;
    state[1] -= change;
    if (!std::isfinite(state[1])) return std::numeric_limits<double>::quiet_NaN();
    if (std::abs(change) <= 1e-14 * std::max(1.0, std::abs(state[1]))) break;
  }
  const double residual = model.rhs(state, drive)[equation];
  const double scale = std::abs(model.jacobian(state, drive)(equation, 1)) * std::max(1.0, std::abs(state[1]));
  return std::abs(residual) <= 1e-9 * scale ? state[1] : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Nullclines nullclines(const AnyModel& model, double current, double v_low, double v_high, std::size_t points) {
  if (!std::isfinite(v_low) || !std::isfinite(v_high) || !(v_low < v_high)) {
    throw InputError(
        fmt::format("nullcline range v = [{:g}, {:g}] is not allowed; allowed: finite low < high", v_low, v_high));
  }
  if (points < 2) throw InputError(fmt::format("nullcline points = {} is not allowed; allowed: >= 2", points));
  if (!std::isfinite(current)) {
    throw InputError(fmt::format("current = {:g} is not allowed; allowed: a finite value", current));
  }
  return std::visit(
      [&](const auto& m) -> Nullclines {
        using M = std::decay_t<decltype(m)>;
        if constexpr (M::dimension != 2) {
          throw InputError(
              fmt::format("nullclines need a model with two state variables; {} has {}", M::name, M::dimension));
        } else {
          Nullclines curves;
          for (std::size_t i = 0; i < points; ++i) {
            const double v = v_low + (v_high - v_low) * static_cast<double>(i) / static_cast<double>(points - 1);
            curves.v.push_back(v);
            curves.first.push_back(nullcline_point(m, 0, v, current));
            curves.second.push_back(nullcline_point(m, 1, v, current));
          }
          return curves;
        }
      },
      model);
}

}  // namespace neurodyn
