#pragma once
// eFEL's features (analysis/efel_features.hpp) of a recording, one row per sweep and test step, and the files of
// `neurodyn recording features`.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "neurodyn/analysis/efel_features.hpp"
#include "neurodyn/io/recording.hpp"

namespace neurodyn {

// The features of one sweep for one stimulus window.
struct EpochFeatures {
  int sweep = 0;
  std::string sweep_name;
  std::string epoch;      // the step's name in the command ("B", "step 1"), or "given" for a stated stimulus
  EfelStimulus stimulus;  // eFEL's stim_start, stim_end (ms, sweep time) and stimulus_current (nA)
  std::vector<std::pair<std::string, EfelValue>> values;
};

// Each sweep's membrane potential scored by eFEL once per test step of its command (command_epochs.hpp:
// test_steps), with the step's start and end as stim_start and stim_end and its level minus the holding level as
// stimulus_current, on the part of the sweep that belongs to that step: from the end of the test step before (or
// the sweep's start) to the start of the next (or the sweep's end), times unchanged; or, when `stimulus` is
// given, once per sweep with it, on the whole sweep. Throws InputError naming the sweep when
// it has no command and no stimulus is given, or what efel_features throws.
std::vector<EpochFeatures> recording_features(const Recording& recording, const std::optional<EfelStimulus>& stimulus,
                                              std::span<const std::string> names, const EfelSettings& settings);

// DIR/features.csv: '#' lines (program, source, settings, units), then `sweep,sweep_name,epoch,stim_start,stim_end,
// stimulus_current` and one column per feature that has at most one value (eFEL's names), one row per EpochFeatures;
// an undefined feature is an empty cell.
// DIR/feature_vectors.csv: the features with one value per spike, ISI or burst, one row per value:
// `sweep,epoch,feature,index,value`. Written atomically; throws FileError.
void write_feature_tables(const std::filesystem::path& directory, const Recording& recording,
                          const std::vector<EpochFeatures>& rows, const EfelSettings& settings);

}  // namespace neurodyn
