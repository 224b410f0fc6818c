#include "neurodyn/analysis/thresholds.hpp"

#include <cmath>
#include <fmt/format.h>

#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/error.hpp"
#include "run_checks.hpp"

namespace neurodyn {
namespace {

using analysis_detail::require_finished;

void require_positive(std::string_view field, double value) {
  if (!std::isfinite(value) || !(value > 0.0)) {
    throw InputError(fmt::format("{} = {:g} is not allowed; allowed: a finite value > 0", field, value));
  }
}

// Bisection of [below, above] where `holds` fails at below and holds at above, until the bracket is within
// `width(above)`.
template <class Holds, class Width>
CurrentBracket bisect_current(double below, double above, const Holds& holds, const Width& width) {
  while (above - below > width(above)) {
    const double middle = 0.5 * (below + above);
    if (middle <= below || middle >= above) break;
    (holds(middle) ? above : below) = middle;
  }
  return {below, above};
}

}  // namespace

Rheobase rheobase(const AnyModel& model, const RheobaseOptions& options) {
  require_positive("rheobase duration (ms)", options.duration_ms);
  require_positive("rheobase tolerance", options.tolerance);
  require_positive("rheobase max current", options.max_current);
  const auto rest = resting_state(model, 0.0);
  if (!rest) {
    throw InputError(
        fmt::format("rheobase: model {} has no stable resting state at I = 0 to step from", model_name(model)));
  }
  const FiProtocol protocol{model, rest->state, options.duration_ms, 0.0, options.duration_ms, options.method};
  const RecordOptions record = analysis_detail::spikes_only();
  const auto first_spike = [&](double current) {
    const Solution solution = solve(fi_problem(protocol, current), options.method, record);
    require_finished("rheobase", current, solution, true);
    return solution.spike_times.empty() ? std::nullopt : std::optional<double>(solution.spike_times.front());
  };
  const auto fires = [&](double current) { return first_spike(current).has_value(); };

  double below = 0.0, above = std::min(1.0, options.max_current);
  while (!fires(above)) {
    if (above >= options.max_current) {
      throw InputError(
          fmt::format("rheobase: model {} does not spike within {:g} ms for any step up to the max "
                      "current {:g} from its rest",
                      model_name(model), options.duration_ms, options.max_current));
    }
    below = above;
    above = std::min(2.0 * above, options.max_current);
  }
  const auto width = [&](double current) { return options.tolerance * std::max(1.0, std::abs(current)); };
  const CurrentBracket bracket = bisect_current(below, above, fires, width);
  return {bracket.above, bracket, rest->state, *first_spike(bracket.above)};
}

std::optional<CurrentBracket> sustained_firing_onset(const FiProtocol& protocol, std::span<const FiPoint> sweep,
                                                     double tolerance) {
  validate(protocol);
  require_positive("onset tolerance", tolerance);
  for (std::size_t i = 1; i < sweep.size(); ++i) {
    if (!(sweep[i].current > sweep[i - 1].current)) {
      throw InputError(fmt::format("sweep current {:g} after {:g} is not allowed; allowed: increasing currents",
                                   sweep[i].current, sweep[i - 1].current));
    }
  }
  const auto sustained = [&](double current) {
    const FiRun run = fi_run(protocol, current);
    require_finished("sustained-firing onset", current, run.solution);
    return fi_point(protocol, current, run).window_spike_count >= 2;
  };
  for (std::size_t i = 1; i < sweep.size(); ++i) {
    if (sweep[i - 1].window_spike_count < 2 && sweep[i].window_spike_count >= 2) {
      return bisect_current(sweep[i - 1].current, sweep[i].current, sustained, [&](double) { return tolerance; });
    }
  }
  return std::nullopt;
}

}  // namespace neurodyn
