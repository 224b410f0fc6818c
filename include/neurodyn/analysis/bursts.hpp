#pragma once
// Bursts of a spike train by an interval rule that adapts to the train's own time scale (so it serves the
// 2003 model's milliseconds, the 2007 model's slower cells and dimensionless FitzHugh-Nagumo time alike).
//
// The rule, in three steps:
//  1. Split. Sort the interspike intervals (ISIs) and find the largest ratio between two neighbours in that
//     order. If it is at least `min_gap_ratio`, the ISIs below the geometric mean of that pair are
//     intra-burst and the others separate groups of spikes. If no ratio is that large, the train is one
//     group when the silence from its last spike to the end of the window is at least `min_gap_ratio` times
//     its longest ISI (a burst followed by quiescence), and otherwise has no bursts.
//  2. Group. A burst is a maximal run of at least two spikes joined by intra-burst intervals.
//  3. Adaptation is not bursting. When the only burst is the first group and single spikes follow it, it
//     counts as a burst only if the interval after it is at least the mean of the later intervals between
//     groups: a burst ends in a pause (Izhikevich 2004, figure 1E), whereas a fast onset that slows without
//     a pause into regular firing is spike-frequency adaptation (figure 1F).
#include <cstddef>
#include <span>
#include <vector>

#include "neurodyn/analysis/spike_train_window.hpp"

namespace neurodyn {

struct BurstRule {
  double min_gap_ratio = 3.0;  // how much longer an interval between bursts is than one within (> 1)
};

struct Burst {
  std::size_t first_spike = 0;  // index into the train analysed (the spikes within the window)
  std::size_t spike_count = 0;  // >= 2
  double start_ms = 0.0;        // its first spike
  double end_ms = 0.0;          // its last spike
  // (spike_count - 1) / (end - start), in Hz (1000 / the mean intra-burst ISI in ms).
  double intra_burst_frequency_hz() const;
};

// The bursts of a spike train (strictly increasing times) within `window` (spikes outside it are ignored; indices count
// the spikes inside it). Throws InputError for an invalid window or rule, or spike times that are not finite or do not
// increase strictly.
std::vector<Burst> detect_bursts(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window,
                                 const BurstRule& rule = {});

}  // namespace neurodyn
