#pragma once
// The parts of a /api/simulate answer (layout in include/neurodyn/serve/simulate_api.hpp), each from a
// finished run.
#include <cstddef>
#include <nlohmann/json.hpp>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn::serve_detail {

// {"t", "x": one array per state variable, "I": the input at each t, "computed_samples", "decimated"}: every
// sample, or when there are more than `samples` the smallest and largest v of each of samples / 2 equal time
// bins (so spike peaks and troughs survive), each with the whole state at that time.
nlohmann::json trace_json(const Solution& solution, const Stimulus& stimulus, std::size_t samples);

// Spike statistics and firing pattern of the response, from the stimulus onset (analysis/spike_statistics.hpp,
// analysis/firing_pattern.hpp).
nlohmann::json statistics_json(const Solution& solution, const Problem& problem);

nlohmann::json solver_json(const SolverStatistics& statistics);

// Nullclines and fixed points over the trajectory's range, at the input before and during the stimulus; null
// unless the model has two state variables.
nlohmann::json phase_plane_json(const EffectiveRun& run, const Solution& solution);

}  // namespace neurodyn::serve_detail
