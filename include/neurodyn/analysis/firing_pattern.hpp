#pragma once
// A rule-based classifier that names the response of a neuron to a stimulus in the vocabulary of Izhikevich
// (2004) IEEE Trans Neural Netw 15:1063, figure 1, from the spike train of the response: from the onset of
// the stimulus to the end of the run (stimulus_window), so a spike after a brief pulse, a rebound and
// persistent firing are part of it.
//
// The rules, applied in this order (n = spikes in the window, ISIs between them, "pause" = the silence from the
// last spike to the end of the input, or to the end of the window when the input ended before the last spike):
//   rebound spike               no spike during a hyperpolarizing pulse (polarity -1) and one after it ends, or
//                               one spike when a held hyperpolarization is released (the onset brings the input
//                               from below zero back to zero).
//   rebound burst               the same with two or more spikes.
//   silent                      n = 0 otherwise.
//   phasic spiking              n = 1: a single spike (its latency from the onset in the reason).
//   phasic bursting             n >= 2 and the pause is at least `min_gap_ratio` times the longest ISI: the
//                               neuron fired at the onset and stopped (its spikes form one burst, or bursts).
//   tonic bursting (chattering) two or more bursts (bursts.hpp) in sustained firing.
//   mixed mode                  exactly one burst and single spikes in sustained firing (an initial burst,
//                               then tonic spikes).
//   otherwise the firing is sustained and made of single spikes. With tol = `settle_tolerance`, an ISI change
//   is a lengthening (or shortening) when the ISI grows (or shrinks) by more than tol, relative; the train
//   settles at the first ISI from which every later ISI is within tol of the last one:
//   irregular                   the ISIs turn from lengthening to shortening or back at least twice (a
//                               regular train, adapting or not, turns at most once: an overshoot), and by a lot:
//                               the median change between consecutive ISIs, relative to their mean, is at least
//                               `irregular_change` (a chaotic train swings by tens of percent from one ISI to the
//                               next; a regular cell's noise jitters them by a few percent);
//   spike-frequency adaptation  the ISIs lengthen without shortening until the train settles, the last is more
//                               than (1 + tol) times the first, and the train settles only after at least
//                               `min_adaptation_isis` ISIs (or has not settled by the end). An onset transient of one
//                               or two short ISIs, as in the regular-spiking panel 1A, is not adaptation: adaptation is
//                               a rate that keeps falling over several spikes (panel 1F);
//   tonic spiking               the rest: the train settles within `min_adaptation_isis` - 1 ISIs, speeds up
//                               (a delayed or accelerating train), or jitters around a steady ISI.
// All thresholds are ratios of the train's own intervals, so the rules serve any time scale.
#include <span>
#include <string>
#include <string_view>

#include "neurodyn/analysis/bursts.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"

namespace neurodyn {

enum class FiringPattern {
  silent,
  tonic_spiking,
  phasic_spiking,
  tonic_bursting,
  phasic_bursting,
  mixed_mode,
  spike_frequency_adaptation,
  irregular,
  rebound_spike,
  rebound_burst,
};

// "silent", "tonic spiking", "phasic spiking", "tonic bursting", "phasic bursting", "mixed mode",
// "spike-frequency adaptation", "irregular", "rebound spike", "rebound burst".
std::string_view to_string(FiringPattern pattern);

struct FiringPatternRules {
  double min_gap_ratio = 3.0;     // bursts and pauses (bursts.hpp); > 1
  double settle_tolerance = 0.1;  // relative ISI tolerance of "settled" and "monotone"; in (0, 1)
  int min_adaptation_isis = 3;    // ISIs before settling that make a train adapting; >= 1
  double irregular_change = 0.3;  // median relative change of consecutive ISIs of an irregular train; > 0
};

struct FiringPatternClass {
  FiringPattern pattern = FiringPattern::silent;
  std::string reason;  // one line: which rule decided, with its numbers
};

// Classifies the spikes of a train (strictly increasing times) within `window` (normally stimulus_window of the run's
// input). Throws InputError for an invalid window or rules, or spike times that do not increase strictly.
FiringPatternClass classify_firing_pattern(std::span<const double> sorted_spike_times_ms,
                                           const SpikeTrainWindow& window, const FiringPatternRules& rules = {});

}  // namespace neurodyn
