#pragma once
// The result of one run: recorded samples, spike times, solver statistics and a status, in the spirit of
// SciML's return codes. Nothing fails silently: a failed Newton solve or a blow-up is a status plus a message.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace neurodyn {

enum class SolveStatus {
  ok,
  max_steps,        // the step budget was exhausted before t_end
  step_too_small,   // an adaptive or retrying method needed a step below its minimum
  newton_failure,   // backward Euler's implicit equation could not be solved and the policy was `fail`
  series_divergence,  // the Parker-Sochacki series did not converge on a step and the policy was `fail`
  unstable,         // the state became non-finite (a blow-up)
  runaway_burst,    // spikes came faster than MethodOptions::max_rate_hz (docs/reference.md 1.2, panel T)
};

std::string_view to_string(SolveStatus status);

struct SolverStatistics {
  long long steps = 0;               // accepted steps (partial steps after a reset included)
  long long rejected_steps = 0;      // adaptive rejections and Newton retries
  long long rhs_evaluations = 0;
  long long jacobian_evaluations = 0;
  long long newton_iterations = 0;
  long long newton_failures = 0;
};

struct Solution {
  std::size_t dimension = 0;
  std::vector<double> times;   // ms
  std::vector<double> states;  // row-major: states[i * dimension + j] is variable j at times[i]
  std::vector<double> spike_times;  // ms
  SolverStatistics statistics;
  SolveStatus status = SolveStatus::ok;
  std::string message;  // empty when ok; otherwise says what happened, when, and in which state

  std::size_t sample_count() const { return times.size(); }
  double state(std::size_t sample, std::size_t variable) const { return states[sample * dimension + variable]; }
  bool ok() const { return status == SolveStatus::ok; }
};

}  // namespace neurodyn
