#include "neurodyn/io/recording_features.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/command_epochs.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

std::string cell(double value) { return std::isnan(value) ? std::string("nan") : fmt::format("{:.17g}", value); }

std::string csv_text(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void append_header(fmt::memory_buffer& out, const Recording& recording, const EfelSettings& settings,
                   std::string_view what) {
  append(out, "# neurodyn {} recording features: {} of '{}' ({})\n", version, what,
         single_line(recording.path.string()), to_string(recording.format));
  append(out,
         "# eFEL's definitions (BlueBrain eFEL 1b6c129); settings: Threshold {:g} mV, DerivativeThreshold {:g} mV/ms, "
         "interp_step {:g} ms, others at eFEL's defaults\n",
         settings.threshold_mV, settings.derivative_threshold_mV_per_ms, settings.interp_step_ms);
  append(out,
         "# units: times ms, voltages mV, frequencies Hz, stimulus_current nA, ohmic_input_resistance MOhm; indices "
         "count samples of the trace resampled every interp_step; an empty cell is a feature eFEL leaves undefined\n");
  append(out,
         "# each test step is scored on the sweep from the end of the test step before it (or the sweep's start) to "
         "the start of the next (or the sweep's end), on the sweep's time axis\n");
}

}  // namespace

std::vector<EpochFeatures> recording_features(const Recording& recording, const std::optional<EfelStimulus>& stimulus,
                                              std::span<const std::string> names, const EfelSettings& settings) {
  std::vector<EpochFeatures> rows;
  for (const Sweep& sweep : recording.sweeps) {
    const RecordedChannel& voltage = membrane_potential(sweep);
    // Scores the samples with from <= t <= to.
    const auto score = [&](std::string epoch, const EfelStimulus& window, double from, double to) {
      const auto first = std::ranges::lower_bound(sweep.time_ms, from) - sweep.time_ms.begin();
      const auto last = std::ranges::upper_bound(sweep.time_ms, to) - sweep.time_ms.begin();
      const std::span<const double> times(sweep.time_ms.data() + first, static_cast<std::size_t>(last - first));
      const std::span<const double> voltages(voltage.samples.data() + first, times.size());
      rows.push_back({sweep.number, sweep.name, std::move(epoch), window,
                      efel_features(times, voltages, window, names, settings)});
    };
    if (stimulus) {
      score("given", *stimulus, sweep.time_ms.front(), sweep.time_ms.back());
      continue;
    }
    if (!sweep.command) {
      throw InputError(fmt::format("{} of '{}' has no command current to take test steps from; give the stimulus "
                                   "window with --stim-start and --stim-end (and --stim-current)",
                                   sweep.name, recording.path.string()));
    }
    const std::vector<CommandEpoch> steps = test_steps(sweep.epochs, sweep.holding_pA);
    for (std::size_t k = 0; k < steps.size(); ++k) {
      // Each step sees its own response only: the sweep from the end of the step before to the start of the next.
      const double from = k == 0 ? sweep.time_ms.front() : steps[k - 1].end_ms;
      const double to = k + 1 == steps.size() ? sweep.time_ms.back() : steps[k + 1].start_ms;
      score(steps[k].name, {steps[k].start_ms, steps[k].end_ms, (steps[k].level_pA - sweep.holding_pA) / 1000.0},
            from, to);
    }
  }
  return rows;
}

void write_feature_tables(const std::filesystem::path& directory, const Recording& recording,
                          const std::vector<EpochFeatures>& rows, const EfelSettings& settings) {
  std::vector<std::string> scalar_names;
  if (!rows.empty()) {
    for (const auto& [name, value] : rows.front().values) {
      if (efel_feature_has_one_value(name)) scalar_names.push_back(name);
    }
  }
  fmt::memory_buffer scalars;
  append_header(scalars, recording, settings, "one row per sweep and test step");
  append(scalars, "sweep,sweep_name,epoch,stim_start,stim_end,stimulus_current");
  for (const std::string& name : scalar_names) append(scalars, ",{}", name);
  append(scalars, "\n");
  fmt::memory_buffer vectors;
  append_header(vectors, recording, settings, "the features with one value per spike, interval or burst");
  append(vectors, "sweep,epoch,feature,index,value\n");
  for (const EpochFeatures& row : rows) {
    append(scalars, "{},{},{},{:.17g},{:.17g},{}", row.sweep, csv_text(row.sweep_name), csv_text(row.epoch),
           row.stimulus.start_ms, row.stimulus.end_ms,
           row.stimulus.current_nA ? cell(*row.stimulus.current_nA) : std::string());
    for (const auto& [name, value] : row.values) {
      if (efel_feature_has_one_value(name)) {
        append(scalars, ",{}", value && !value->empty() ? cell(value->front()) : std::string());
        continue;
      }
      if (!value) continue;
      for (std::size_t k = 0; k < value->size(); ++k) {
        append(vectors, "{},{},{},{},{}\n", row.sweep, csv_text(row.epoch), name, k, cell((*value)[k]));
      }
    }
    append(scalars, "\n");
  }
  write_file_atomically(directory / "features.csv", std::string_view(scalars.data(), scalars.size()));
  write_file_atomically(directory / "feature_vectors.csv", std::string_view(vectors.data(), vectors.size()));
}

}  // namespace neurodyn
