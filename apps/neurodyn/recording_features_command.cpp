// `neurodyn recording features FILE --out DIR`: eFEL's features of each selected sweep, once per test step of
// its command or once for the window given by --stim-start/--stim-end.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/recording_features.hpp"
#include "neurodyn/io/recording_selection.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "recording_flags.hpp"

namespace neurodyn::cli {
namespace {

struct FeatureFlags {
  RecordingFlags recording;
  std::optional<double> stim_start_ms, stim_end_ms, stim_current_pA;
  std::vector<std::string> features;
  EfelSettings settings;
  std::filesystem::path out;

  std::optional<EfelStimulus> stimulus() const {
    if (!stim_start_ms && !stim_end_ms && !stim_current_pA) return std::nullopt;
    if (!stim_start_ms || !stim_end_ms) {
      throw InputError("--stim-start and --stim-end go together (--stim-current is optional); give both or neither");
    }
    if (!(*stim_start_ms < *stim_end_ms)) {
      throw InputError(fmt::format("--stim-start {:g} ms, --stim-end {:g} ms: allowed: start < end", *stim_start_ms,
                                   *stim_end_ms));
    }
    return EfelStimulus{*stim_start_ms, *stim_end_ms,
                        stim_current_pA ? std::optional<double>(*stim_current_pA / 1000.0) : std::nullopt};
  }
};

void compute_features(const FeatureFlags& flags) {
  ResultFolder folder(flags.out, "recording features");
  const std::optional<EfelStimulus> stimulus = flags.stimulus();
  const Recording selection = select_sweeps(flags.recording.read(), flags.recording.sweep_numbers());
  const std::vector<EpochFeatures> rows = recording_features(selection, stimulus, flags.features, flags.settings);
  const std::filesystem::path& directory = folder.start_writing();
  write_feature_tables(directory, selection, rows, flags.settings);
  folder.commit();
  std::cout << fmt::format("wrote the features of {} sweep{} and {} stimulus window{} to {}/ (features.csv, "
                           "feature_vectors.csv)\n",
                           selection.sweeps.size(), selection.sweeps.size() == 1 ? "" : "s", rows.size(),
                           rows.size() == 1 ? "" : "s", flags.out.string());
}

}  // namespace

void add_recording_features_command(CLI::App& recording) {
  auto flags = std::make_shared<FeatureFlags>();
  auto* command = recording.add_subcommand(
      "features",
      "eFEL's features (names and definitions of BlueBrain's eFEL) of each sweep, once per test step of its "
      "command (stim_start, stim_end and stimulus_current from the step), or for the window --stim-start/--stim-end");
  add_recording_flags(*command, flags->recording, recording_file_help, true);
  command->add_option("--stim-start", flags->stim_start_ms, "stimulus start (ms, sweep time): eFEL's stim_start")
      ->type_name("MS");
  command->add_option("--stim-end", flags->stim_end_ms, "stimulus end (ms): eFEL's stim_end")->type_name("MS");
  command
      ->add_option("--stim-current", flags->stim_current_pA,
                   "step amplitude above holding (pA): eFEL's stimulus_current, for ohmic_input_resistance")
      ->type_name("PA");
  command->add_option("--features", flags->features, "eFEL feature names, comma-separated (default: all)")
      ->delimiter(',')
      ->type_name("NAMES");
  command
      ->add_option("--threshold", flags->settings.threshold_mV,
                   "spike detection level (mV): eFEL's Threshold, default -20")
      ->type_name("MV");
  command
      ->add_option("--derivative-threshold", flags->settings.derivative_threshold_mV_per_ms,
                   "AP onset slope (mV/ms): eFEL's DerivativeThreshold, default 10")
      ->type_name("MV_PER_MS");
  command->add_option("--out", flags->out, "output directory")->required()->type_name("DIR");
  command->callback([flags] { compute_features(*flags); });
}

}  // namespace neurodyn::cli
