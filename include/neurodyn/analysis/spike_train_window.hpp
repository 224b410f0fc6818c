#pragma once
// The interval of a run over which a spike train is analysed: normally the response to the stimulus, from
// its onset to the end of the run, since a response includes what follows the input (a latency, a rebound, an
// after-potential, persistent firing).
#include <optional>
#include <span>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

struct SpikeTrainWindow {
  SpikeTrainWindow() = default;
  SpikeTrainWindow(double start, double end, int onset_polarity = 0, std::optional<double> input_end = std::nullopt)
      : start_ms(start), end_ms(end), polarity(onset_polarity), input_end_ms(input_end) {}

  double start_ms = 0.0;
  double end_ms = 0.0;
  // How the input changes at the onset: +1 up (depolarizing), -1 down (hyperpolarizing), 0 not at all.
  int polarity = 0;
  // Where the input returns to its level before the onset (the end of a pulse), when that is before end_ms.
  std::optional<double> input_end_ms;
  // The onset lifts a held hyperpolarizing input back to zero: what follows is a rebound.
  bool release_from_hyperpolarization = false;
  double input_end() const { return input_end_ms.value_or(end_ms); }
  double length_ms() const { return end_ms - start_ms; }
  bool contains(double t) const { return start_ms <= t && t <= end_ms; }
};

// Throws InputError unless both ends are finite and start < end.
void validate(const SpikeTrainWindow& window);

// The spikes of a sorted train that fall in the window (ends included).
std::span<const double> spikes_within(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window);

// The response to the stimulus within the run [t_start, t_end] (ms): from the first time the input changes
// (its first jump or bend after t_start; t_start for an input that never changes) to t_end. input_end_ms is
// the first later change that brings the input back to its value before the onset (the end of a pulse). The
// polarity is the sign of the jump at the onset (of the slope, at a bend).
SpikeTrainWindow stimulus_window(const Stimulus& stimulus, double t_start_ms, double t_end_ms);


}  // namespace neurodyn
