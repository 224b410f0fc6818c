#include "neurodyn/analysis/bifurcations.hpp"

#include <cmath>
#include <fmt/format.h>

#include "fixed_point_search.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

using namespace analysis_detail;

std::string listed(const std::vector<FixedPoint>& points) {
  if (points.empty()) return "none";
  std::string text;
  for (const FixedPoint& point : points) {
    text += fmt::format("{}v = {:.6g} ({})", text.empty() ? "" : ", ", point.state[0], to_string(point.type));
  }
  return text;
}

// The walk along the rest branch: grid values of v from the rest towards larger currents, within the range.
struct BranchWalk {
  double start, step;  // step carries the direction
  VoltageRange range;
  double at(long long k) const { return start + static_cast<double>(k) * step; }
  bool inside(double v) const { return range.low <= v && v <= range.high; }
};

template <class M>
class RestBranchFollower {
 public:
  RestBranchFollower(const M& model, const BranchWalk& walk) : model_(model), walk_(walk) {}

  // The first place along the walk where the rest stops being stable.
  std::optional<RestLoss> stability_loss() const {
    double previous = walk_.start;
    for (long long k = 1; walk_.inside(walk_.at(k)); ++k) {
      const double v = walk_.at(k);
      if (!below_cutoff(model_, steady_state_at(model_, v))) {
        const auto guard = [&](double x) { return model_.guard(steady_state_at(model_, x)); };
        return loss_at(bisect(guard, previous, v), RestLossKind::threshold);
      }
      if (leading_real_part(v) >= 0.0) {
        const double crossing = bisect([&](double x) { return leading_real_part(x); }, previous, v);
        return loss_at(crossing, RestLossKind::saddle_node);
      }
      previous = v;
    }
    return std::nullopt;
  }

  // The first fold of I_inf along the walk (a maximum: the rest meets the saddle), below the cutoff.
  std::optional<double> saddle_node_current() const {
    double before = current_at(walk_.start);
    for (long long k = 1; walk_.inside(walk_.at(k)); ++k) {
      const double v = walk_.at(k);
      if (!below_cutoff(model_, steady_state_at(model_, v))) return std::nullopt;
      const double current = current_at(v);
      if (current < before) {
        const double fold = golden_section_maximum([&](double x) { return current_at(x); },
                                                   std::min(walk_.at(k - 2), v), std::max(walk_.at(k - 2), v));
        return current_at(fold);
      }
      before = current;
    }
    return std::nullopt;
  }

 private:
  double current_at(double v) const { return steady_state_current_of(model_, v); }

  FixedPoint point_at(double v) const { return classify(model_, steady_state_at(model_, v), current_at(v)); }

  double leading_real_part(double v) const { return point_at(v).eigenvalues.back().real(); }

  // A crossing of the imaginary axis is a Hopf bifurcation when the crossing eigenvalues are a complex pair.
  RestLoss loss_at(double v, RestLossKind kind) const {
    RestLoss loss{current_at(v), kind, point_at(v)};
    if (kind != RestLossKind::threshold) {
      double scale = 0.0;
      for (const auto& eigenvalue : loss.at.eigenvalues) scale = std::max(scale, std::abs(eigenvalue));
      const bool complex = std::abs(loss.at.eigenvalues.back().imag()) > 1e-9 * scale;
      loss.kind = complex ? RestLossKind::hopf : RestLossKind::saddle_node;
    }
    return loss;
  }

  const M& model_;
  BranchWalk walk_;
};

template <class M>
RestBranch follow_rest_of(const M& model, double reference_current, const FixedPointSearch& search) {
  const std::vector<FixedPoint> points = fixed_points_of(model, reference_current, search);
  const auto rest = std::ranges::find_if(points, [](const FixedPoint& p) { return is_stable(p.type); });
  if (rest == points.end()) {
    throw InputError(fmt::format("model {} has no stable resting state at I = {:g}; its fixed points there: {}",
                                 M::name, reference_current, listed(points)));
  }
  const VoltageRange range = resolved_range(default_voltage_range<M>(), search);
  const double h = (range.high - range.low) / static_cast<double>(search.grid_points - 1);
  const double v0 = rest->state[0];
  // Towards larger currents along the I-V curve.
  const double direction =
      steady_state_current_of(model, v0 + h) >= steady_state_current_of(model, v0 - h) ? 1.0 : -1.0;
  const RestBranchFollower<M> follower(model, BranchWalk{v0, direction * h, range});
  return {reference_current, *rest, follower.stability_loss(), follower.saddle_node_current()};
}

}  // namespace

std::string_view to_string(RestLossKind kind) {
  switch (kind) {
    case RestLossKind::saddle_node:
      return "saddle-node";
    case RestLossKind::hopf:
      return "hopf";
    case RestLossKind::threshold:
      return "threshold";
  }
  return "unknown";
}

RestBranch follow_rest(const AnyModel& model, double reference_current, const FixedPointSearch& search) {
  if (!std::isfinite(reference_current)) {
    throw InputError(
        fmt::format("reference current = {:g} is not allowed; allowed: a finite value", reference_current));
  }
  return std::visit([&](const auto& m) { return follow_rest_of(m, reference_current, search); }, model);
}

}  // namespace neurodyn
