#include "neurodyn/analysis/hysteresis.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

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
  if (!(options.absolute_hz >= 0.0) || !(options.relative >= 0.0)) {
    throw InputError(fmt::format("hysteresis tolerances {:g} Hz and {:g} are not allowed; allowed: >= 0",
                                 options.absolute_hz, options.relative));
  }
}

// A sweep: the runs at `currents` in the given order, each from the state where the previous one ended.
class Sweep {
 public:
  explicit Sweep(const FiProtocol& protocol) : protocol_(protocol) {
    record_.every = std::numeric_limits<long long>::max();  // keeps the first and the last sample only
  }

  // The steady ISI rate of a run at `current` from `state`, which becomes the run's final state.
  double run(double current, std::vector<double>& state) const {
    FiProtocol from_state = protocol_;
    from_state.initial_state = state;
    const Solution solution = solve(fi_problem(from_state, current), protocol_.method, record_);
    analysis_detail::require_finished("hysteresis sweep", current, solution);
    const std::size_t last = solution.sample_count() - 1;
    for (std::size_t j = 0; j < state.size(); ++j) state[j] = solution.state(last, j);
    return fi_point(protocol_, current, solution).steady_rate_hz;
  }

 private:
  const FiProtocol& protocol_;
  RecordOptions record_;
};

}  // namespace

Hysteresis hysteresis(const FiProtocol& protocol, std::span<const double> currents, const HysteresisOptions& options) {
  neurodyn::validate(protocol);
  validate(currents, options);
  const Sweep sweep(protocol);
  const std::size_t n = currents.size();
  std::vector<double> up(n), down(n);
  analysis_detail::parallel_for(2, 0, [&](std::size_t direction) {
    std::vector<double> state = protocol.initial_state;
    if (direction == 0) {
      for (std::size_t i = 0; i < n; ++i) up[i] = sweep.run(currents[i], state);
    } else {
      sweep.run(currents[n - 1], state);  // onto the branch reached at the top current
      for (std::size_t i = n; i-- > 0;) down[i] = sweep.run(currents[i], state);
    }
  });
  Hysteresis result;
  for (std::size_t i = 0; i < n; ++i) {
    const double tolerance = std::max(options.absolute_hz, options.relative * std::max(up[i], down[i]));
    const bool differs = std::abs(up[i] - down[i]) > tolerance;
    result.points.push_back({currents[i], up[i], down[i], differs});
    if (!differs) continue;
    if (i > 0 && result.points[i - 1].differs)
      result.bistable_ranges.back().second = currents[i];
    else
      result.bistable_ranges.emplace_back(currents[i], currents[i]);
  }
  return result;
}

}  // namespace neurodyn
