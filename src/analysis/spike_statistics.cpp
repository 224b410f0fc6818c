#include "neurodyn/analysis/spike_statistics.hpp"

#include <algorithm>
#include <cmath>

#include "spike_train.hpp"

namespace neurodyn {
namespace {

using analysis_detail::mean;

// Sample standard deviation (n - 1) over the mean.
double coefficient_of_variation(std::span<const double> values) {
  const double average = mean(values);
  double sum_of_squares = 0.0;
  for (const double value : values) sum_of_squares += (value - average) * (value - average);
  return std::sqrt(sum_of_squares / static_cast<double>(values.size() - 1)) / average;
}

double adaptation_index(std::span<const double> isis) {
  double sum = 0.0;
  for (std::size_t k = 1; k < isis.size(); ++k) sum += (isis[k] - isis[k - 1]) / (isis[k] + isis[k - 1]);
  return sum / static_cast<double>(isis.size() - 1);
}

}  // namespace

SpikeStatistics spike_statistics(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window,
                                 const BurstRule& burst_rule) {
  SpikeStatistics statistics;
  statistics.bursts = detect_bursts(sorted_spike_times_ms, window, burst_rule);  // validates everything
  statistics.window = window;
  const std::span<const double> spikes = spikes_within(sorted_spike_times_ms, window);
  statistics.spike_count = spikes.size();
  statistics.rate_hz = 1000.0 * static_cast<double>(spikes.size()) / window.length_ms();
  statistics.isis_ms = analysis_detail::interspike_intervals(spikes);
  const std::span<const double> isis = statistics.isis_ms;
  if (!spikes.empty()) statistics.first_spike_latency_ms = spikes.front() - window.start_ms;
  if (!isis.empty()) statistics.mean_isi_ms = mean(isis);
  if (isis.size() >= 2) {
    statistics.isi_cv = coefficient_of_variation(isis);
    statistics.adaptation_index = adaptation_index(isis);
  }
  if (!statistics.bursts.empty()) {
    double spikes_in_bursts = 0.0, frequencies = 0.0;
    for (const Burst& burst : statistics.bursts) {
      spikes_in_bursts += static_cast<double>(burst.spike_count);
      frequencies += burst.intra_burst_frequency_hz();
    }
    const auto burst_count = static_cast<double>(statistics.bursts.size());
    statistics.mean_spikes_per_burst = spikes_in_bursts / burst_count;
    statistics.intra_burst_frequency_hz = frequencies / burst_count;
  }
  return statistics;
}

bool near_a_spike(double t, std::span<const double> sorted_spike_times_ms, double window_ms) {
  const auto after = std::ranges::lower_bound(sorted_spike_times_ms, t - window_ms);
  return after != sorted_spike_times_ms.end() && *after <= t + window_ms;
}

}  // namespace neurodyn
