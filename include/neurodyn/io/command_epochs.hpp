#pragma once
// The protocol of a sampled command current: where it holds, steps and ramps. Readers whose files store the
// command as samples (NWB stimulus series, a text table's current column) get their epochs from here; ABF
// files state theirs in the epoch table.
#include <span>
#include <vector>

#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/io/recording.hpp"

namespace neurodyn {

// Splits a command (pA, one sample per time in ms) into epochs of constant level and ramps.
//
// The recorded command carries noise (ADC quantisation, amplifier noise), so a level is a run of samples
// within `tolerance` of the run's first samples: tolerance = max(6 noise, 1e-3 of the command's range,
// 1e-9 pA), noise being the median absolute first difference / (0.6745 sqrt 2) (a Gaussian's standard
// deviation, from differences so that the steps themselves do not count). A new level starts where a sample
// and the two after it leave the current level. A run of three or more levels each within 3 tolerances of
// the previous, all in one direction, is a ramp, without the plateaus at its ends (levels over 3 times the
// run's median length). Each level is the mean of its samples; holding is the first level, and every epoch
// at the holding level (within tolerance) is named "holding". The others are "step 1", "step 2", ... and
// "ramp 1", ... Epochs cover the whole sweep; times are those of the samples (end = the next epoch's start,
// or the last time plus one sample interval).
//
// Throws InputError for spans of different lengths, fewer than two samples, or a non-finite value.
std::vector<CommandEpoch> detect_command_epochs(std::span<const double> time_ms, std::span<const double> command_pA);

// The epochs of type "step" away from `holding_pA`, in order: the stimulus windows that eFEL's features score,
// one row each (an epoch table may state a step at the holding level, which injects nothing: it is left out).
std::vector<CommandEpoch> test_steps(std::span<const CommandEpoch> epochs, double holding_pA);

// The response to a sweep's command: from the start of its first epoch away from holding to the end of the sweep,
// the input ending where its last such epoch ends, the polarity that of the first one (+1 above holding). The whole
// sweep, polarity 0, when the command never leaves holding or is unknown.
SpikeTrainWindow command_response_window(const Sweep& sweep);

}  // namespace neurodyn
