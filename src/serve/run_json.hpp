#pragma once
// The parts of a /api/simulate answer (layout in include/neurodyn/serve/simulate_api.hpp), each from a
// finished run.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <span>

#include "neurodyn/analysis/bursts.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn::serve_detail {

// {"t", "x": one array per state variable, "I": the input at each t, "computed_samples", "decimated"}: every
// sample, or when there are more than `samples` the smallest and largest v of each of samples / 2 equal time
// bins (so spike peaks and troughs survive), each with the whole state at that time.
nlohmann::json trace_json(const Solution& solution, const Stimulus& stimulus, std::size_t samples);

// Spike statistics and firing pattern of a train (ms, strictly increasing) in a window
// (analysis/spike_statistics.hpp, analysis/firing_pattern.hpp): {window_ms, spike_count, rate_hz, mean_isi_ms,
// isi_cv, first_spike_latency_ms, adaptation_index, burst_count, mean_spikes_per_burst, firing_pattern,
// firing_pattern_reason}, null where undefined. burst_gap_ratio: the bursts' rule (bursts.hpp), > 1.
nlohmann::json spike_train_json(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window,
                                double burst_gap_ratio = BurstRule{}.min_gap_ratio);

// The same of a run's spikes in the response, from the stimulus onset to t_end.
nlohmann::json statistics_json(const Solution& solution, const Problem& problem);

nlohmann::json solver_json(const SolverStatistics& statistics);

// Nullclines and fixed points over the trajectory's range, at the input before and during the stimulus; null
// unless the model has two state variables.
nlohmann::json phase_plane_json(const EffectiveRun& run, const Solution& solution);

}  // namespace neurodyn::serve_detail
