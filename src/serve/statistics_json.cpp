#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/analysis/spike_statistics.hpp"
#include "run_json.hpp"

namespace neurodyn::serve_detail {

namespace {

template <class T>
nlohmann::json value_or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json spike_train_json(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window,
                                double burst_gap_ratio) {
  const SpikeStatistics statistics = spike_statistics(sorted_spike_times_ms, window, {burst_gap_ratio});
  const FiringPatternClass pattern =
      classify_firing_pattern(sorted_spike_times_ms, window, {.min_gap_ratio = burst_gap_ratio});
  return {{"window_ms", {window.start_ms, window.end_ms}},
          {"spike_count", statistics.spike_count},
          {"rate_hz", statistics.rate_hz},
          {"mean_isi_ms", value_or_null(statistics.mean_isi_ms)},
          {"isi_cv", value_or_null(statistics.isi_cv)},
          {"first_spike_latency_ms", value_or_null(statistics.first_spike_latency_ms)},
          {"adaptation_index", value_or_null(statistics.adaptation_index)},
          {"burst_count", statistics.bursts.size()},
          {"mean_spikes_per_burst", value_or_null(statistics.mean_spikes_per_burst)},
          {"firing_pattern", to_string(pattern.pattern)},
          {"firing_pattern_reason", pattern.reason}};
}

nlohmann::json statistics_json(const Solution& solution, const Problem& problem) {
  return spike_train_json(solution.spike_times, stimulus_window(problem.stimulus, problem.t_start, problem.t_end));
}

nlohmann::json solver_json(const SolverStatistics& statistics) {
  return {{"steps", statistics.steps},
          {"rejected_steps", statistics.rejected_steps},
          {"rhs_evaluations", statistics.rhs_evaluations},
          {"jacobian_evaluations", statistics.jacobian_evaluations},
          {"newton_iterations", statistics.newton_iterations},
          {"newton_failures", statistics.newton_failures}};
}

}  // namespace neurodyn::serve_detail
