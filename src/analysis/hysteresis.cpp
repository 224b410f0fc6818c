#include "neurodyn/analysis/hysteresis.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "parallel_for.hpp"
#include "run_checks.hpp"

namespace neurodyn {
namespace {

void validate(std::span<const double> currents, const HysteresisOptions& options) {
  if (currents.empty()) throw InputError("hysteresis needs at least one current; none given");
  for (std::size_t i = 0; i < currents.size(); ++i) {
    if (!std::isfinite(currents[i]) || (i > 0 && !(currents[i] > currents[i - 1]))) {
      throw InputError(
          fmt::format("hysteresis current {:g} (number {}) is not allowed; allowed: finite, strictly "
                      "increasing currents",
                      currents[i], i + 1));
    }
  }
  if (options.points_per_interval < 1 || options.refinement_levels < 0) {
    throw InputError(fmt::format("hysteresis refinement of {} points per interval, {} levels is not allowed; allowed: "
                                 ">= 1 point, >= 0 levels",
                                 options.points_per_interval, options.refinement_levels));
  }
  if (!(options.absolute_hz >= 0.0) || !(options.relative >= 0.0)) {
    throw InputError(fmt::format("hysteresis tolerances {:g} Hz and {:g} are not allowed; allowed: >= 0",
                                 options.absolute_hz, options.relative));
  }
}

// A sweep: the runs at `currents` in the given order, each from the state where the previous one ended.
class Sweep {
 public:
  explicit Sweep(const FiProtocol& protocol) : protocol_(protocol) {}

  // The steady rate of a run at `current` from `state`, which becomes the run's final state.
  double run(double current, std::vector<double>& state) const {
    FiProtocol from_state = protocol_;
    from_state.initial_state = state;
    const FiRun run = fi_run(from_state, current);
    analysis_detail::require_finished("hysteresis sweep", current, run.solution);
    state = run.final_state;
    return fi_point(protocol_, current, run).steady_rate_hz;
  }

 private:
  const FiProtocol& protocol_;
};

// Both sweeps at one current: the rates and the states each sweep ended in there.
struct SweptPoint {
  double current = 0.0;
  double up_rate = 0.0, down_rate = 0.0;
  std::vector<double> up_state, down_state;
};

// The up sweep through `currents` (ascending) from `up_start` and the down sweep through them in reverse from
// `down_start`, in parallel.
std::vector<SweptPoint> sweep_both(const Sweep& sweep, std::span<const double> currents, std::vector<double> up_start,
                                   std::vector<double> down_start) {
  std::vector<SweptPoint> points(currents.size());
  analysis_detail::parallel_for(2, 0, [&](std::size_t direction) {
    std::vector<double> state = direction == 0 ? up_start : down_start;
    for (std::size_t k = 0; k < currents.size(); ++k) {
      SweptPoint& point = points[direction == 0 ? k : currents.size() - 1 - k];
      point.current = currents[direction == 0 ? k : currents.size() - 1 - k];
      (direction == 0 ? point.up_rate : point.down_rate) = sweep.run(point.current, state);
      (direction == 0 ? point.up_state : point.down_state) = state;
    }
  });
  return points;
}

bool differs(const SweptPoint& point, const HysteresisOptions& options) {
  const double tolerance = std::max(options.absolute_hz, options.relative * std::max(point.up_rate, point.down_rate));
  return std::abs(point.up_rate - point.down_rate) > tolerance;
}

// Whether a bistable range could begin or end between two neighbouring currents: a sweep starts or stops
// firing there, or the sweeps agree at one and differ at the other.
bool transition(const SweptPoint& low, const SweptPoint& high, const HysteresisOptions& options) {
  return (low.up_rate > 0.0) != (high.up_rate > 0.0) || (low.down_rate > 0.0) != (high.down_rate > 0.0) ||
         differs(low, options) != differs(high, options);
}

// Between neighbours with a transition, `points_per_interval` more currents, swept up from the lower
// neighbour's up state and down from the upper one's down state, refined again `levels - 1` times: a bistable
// range narrower than the spacing of the currents asked for is found to within the spacing / (n + 1)^levels.
std::vector<SweptPoint> refined(const Sweep& sweep, std::vector<SweptPoint> points, const HysteresisOptions& options,
                                int levels) {
  if (levels == 0) return points;
  std::vector<SweptPoint> result;
  for (std::size_t i = 0; i < points.size(); ++i) {
    result.push_back(points[i]);
    if (i + 1 == points.size() || !transition(points[i], points[i + 1], options)) continue;
    const double low = points[i].current, high = points[i + 1].current;
    std::vector<double> inside;
    for (int k = 1; k <= options.points_per_interval; ++k) {
      inside.push_back(low + (high - low) * k / (options.points_per_interval + 1));
    }
    std::vector<SweptPoint> between = sweep_both(sweep, inside, points[i].up_state, points[i + 1].down_state);
    between.insert(between.begin(), points[i]);
    between.push_back(points[i + 1]);
    between = refined(sweep, std::move(between), options, levels - 1);
    result.insert(result.end(), std::make_move_iterator(between.begin() + 1), std::make_move_iterator(between.end() - 1));
  }
  return result;
}

}  // namespace

Hysteresis hysteresis(const FiProtocol& protocol, std::span<const double> currents, const HysteresisOptions& options) {
  neurodyn::validate(protocol);
  validate(currents, options);
  const Sweep sweep(protocol);
  std::vector<double> top = protocol.initial_state;
  sweep.run(currents.back(), top);  // the down sweep starts on the branch reached at the top current
  const std::vector<SweptPoint> points =
      refined(sweep, sweep_both(sweep, currents, protocol.initial_state, top), options, options.refinement_levels);
  Hysteresis result;
  for (const SweptPoint& point : points) {
    const bool differs_here = differs(point, options);
    if (differs_here) {
      if (!result.points.empty() && result.points.back().differs)
        result.bistable_ranges.back().second = point.current;
      else
        result.bistable_ranges.emplace_back(point.current, point.current);
    }
    result.points.push_back({point.current, point.up_rate, point.down_rate, differs_here});
  }
  return result;
}

}  // namespace neurodyn
