#pragma once
// The interval of a run over which a spike train is analysed: normally the stimulus, from its onset to its
// offset (or the end of the run).
#include <span>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

struct SpikeTrainWindow {
  double start_ms = 0.0;
  double end_ms = 0.0;
  // How the input changes at the onset: +1 up (depolarizing), -1 down (hyperpolarizing), 0 not at all.
  int polarity = 0;
  double length_ms() const { return end_ms - start_ms; }
  bool contains(double t) const { return start_ms <= t && t <= end_ms; }
};

// Throws InputError unless both ends are finite and start < end.
void validate(const SpikeTrainWindow& window);

// The spikes of a sorted train that fall in the window (ends included).
std::span<const double> spikes_within(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window);

// The window of the stimulus within the run [t_start, t_end] (ms): from the first time the input changes
// (its first jump or bend after t_start; t_start for an input that never changes) to the first later change
// that brings it back to its value before the onset (the end of a pulse), or t_end when it never comes back.
// For a step current this is the step; for a brief pulse it is the pulse itself, not the response after it.
// The polarity is the sign of the jump at the onset (of the slope, at a bend).
SpikeTrainWindow stimulus_window(const Stimulus& stimulus, double t_start_ms, double t_end_ms);

// The window of a step in a recorded current (a recording's current column): the baseline is the mean of the first 1%
// of the samples (at least one), the threshold the midpoint between it and the sample farthest from it, and the window
// runs from the first to the last sample beyond the threshold, with the polarity of that sample. The whole record,
// polarity 0, when the current never leaves its baseline. Throws InputError for spans of different lengths or fewer
// than two samples.
SpikeTrainWindow recorded_stimulus_window(std::span<const double> times_ms, std::span<const double> currents);

}  // namespace neurodyn
