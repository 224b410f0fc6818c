#pragma once
// The spike times of a run and the runaway guard: spikes must come in increasing time, and a run whose last
// `runaway_window` spikes come at a mean rate above `max_rate_hz` fails with status runaway_burst (the
// accurate solution of 2004 panel T bursts without bound, docs/reference.md 1.2).
#include <cstddef>
#include <fmt/format.h>
#include <vector>

#include "failure.hpp"
#include "neurodyn/solve/method.hpp"

namespace neurodyn::detail {

class SpikeLog {
 public:
  explicit SpikeLog(const MethodOptions& options) : options_(options) {}

  // Records a spike at `time` (ms); `describe_state()` names the state for the message of a failure.
  template <class DescribeState>
  MaybeFailure add(double time, DescribeState&& describe_state) {
    if (!times_.empty() && time <= times_.back()) {
      return Failure{SolveStatus::runaway_burst,
                     fmt::format("runaway: spikes at the same time t = {:.17g} ms; the reset does not leave the "
                                 "spiking region ({})",
                                 time, describe_state())};
    }
    times_.push_back(time);
    const auto window = static_cast<std::size_t>(options_.runaway_window);
    if (times_.size() > window) {
      const double span = time - times_[times_.size() - 1 - window];
      if (span * options_.max_rate_hz < 1000.0 * static_cast<double>(window)) {
        return Failure{SolveStatus::runaway_burst,
                       fmt::format("runaway burst: {} spikes in {:.3g} ms up to t = {:.17g} ms, faster than "
                                   "max_rate_hz = {:g}; the solution bursts without bound here, or the bound "
                                   "(--max-rate-hz) is too low",
                                   window + 1, span, time, options_.max_rate_hz)};
      }
    }
    return std::nullopt;
  }

  const std::vector<double>& times() const { return times_; }
  std::vector<double> take() { return std::move(times_); }

 private:
  const MethodOptions& options_;
  std::vector<double> times_;
};

}  // namespace neurodyn::detail
