#pragma once
// Checks and interval arithmetic shared by the spike-train analyses.
#include <span>
#include <vector>

namespace neurodyn::analysis_detail {

// Throws InputError unless every time is finite and the times increase strictly.
void require_sorted_spike_times(std::span<const double> spike_times_ms);

// The intervals between consecutive spikes.
std::vector<double> interspike_intervals(std::span<const double> spike_times_ms);

double mean(std::span<const double> values);

}  // namespace neurodyn::analysis_detail
