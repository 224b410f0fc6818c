#pragma once
// Statistics of a spike train over a window (normally the stimulus): counts, rate, interspike intervals,
// their variability, first-spike latency, adaptation and bursts. Times in ms, rates and frequencies in Hz.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "neurodyn/analysis/bursts.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"

namespace neurodyn {

struct SpikeStatistics {
  SpikeTrainWindow window;
  std::size_t spike_count = 0;                   // spikes within the window
  double rate_hz = 0.0;                          // spike_count / window length
  std::vector<double> isis_ms;                   // intervals between consecutive spikes within the window
  std::optional<double> mean_isi_ms;             // >= 1 ISI
  std::optional<double> isi_cv;                  // sample standard deviation / mean of the ISIs; >= 2 ISIs
  std::optional<double> first_spike_latency_ms;  // first spike in the window minus the window's start
  // Mean over consecutive ISI pairs of (ISI[k+1] - ISI[k]) / (ISI[k+1] + ISI[k]) (the adaptation index of
  // eFEL and the Allen Cell Types database): > 0 slowing down, < 0 speeding up, in (-1, 1); >= 2 ISIs.
  std::optional<double> adaptation_index;
  std::vector<Burst> bursts;                       // by the rule of bursts.hpp
  std::optional<double> mean_spikes_per_burst;     // >= 1 burst
  std::optional<double> intra_burst_frequency_hz;  // mean over bursts; >= 1 burst
};

// Throws InputError for an invalid window or rule, or spike times that are not finite or do not increase strictly.
SpikeStatistics spike_statistics(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window,
                                 const BurstRule& burst_rule = {});

// Whether a spike of the sorted train lies within window_ms of t (ms): the times a comparison between spikes skips.
bool near_a_spike(double t, std::span<const double> sorted_spike_times_ms, double window_ms);

}  // namespace neurodyn
