#include "neurodyn/analysis/fixed_points.hpp"

#include <cmath>
#include <fmt/format.h>

#include "fixed_point_search.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

using namespace analysis_detail;

void require_finite_current(double current) {
  if (!std::isfinite(current)) {
    throw InputError(fmt::format("current = {:g} is not allowed; allowed: a finite value", current));
  }
}

}  // namespace

std::string_view to_string(FixedPointType type) {
  switch (type) {
    case FixedPointType::stable_node:
      return "stable node";
    case FixedPointType::stable_focus:
      return "stable focus";
    case FixedPointType::unstable_node:
      return "unstable node";
    case FixedPointType::unstable_focus:
      return "unstable focus";
    case FixedPointType::saddle:
      return "saddle";
    case FixedPointType::saddle_focus:
      return "saddle focus";
    case FixedPointType::non_hyperbolic:
      return "non-hyperbolic";
  }
  return "unknown";
}

bool is_stable(FixedPointType type) {
  return type == FixedPointType::stable_node || type == FixedPointType::stable_focus;
}

FixedPoint classify_point(const AnyModel& model, std::vector<double> state, double current) {
  return std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if (state.size() != static_cast<std::size_t>(M::dimension)) {
          throw InputError(fmt::format("state has {} values; model {} needs {}", state.size(), M::name, M::dimension));
        }
        return classify(m, typename M::State(Eigen::Map<const typename M::State>(state.data())), current);
      },
      model);
}

std::vector<FixedPoint> fixed_points(const AnyModel& model, double current, const FixedPointSearch& search) {
  require_finite_current(current);
  return std::visit([&](const auto& m) { return fixed_points_of(m, current, search); }, model);
}

std::optional<FixedPoint> resting_state(const AnyModel& model, double current, const FixedPointSearch& search) {
  for (FixedPoint& point : fixed_points(model, current, search)) {
    if (is_stable(point.type)) return std::move(point);
  }
  return std::nullopt;
}

double steady_state_current(const AnyModel& model, double v) {
  return std::visit(
      [&](const auto& m) {
        require_reducible(m);
        return steady_state_current_of(m, v);
      },
      model);
}

}  // namespace neurodyn
