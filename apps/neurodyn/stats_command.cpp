// `neurodyn stats PATH`: spike-train statistics and the firing pattern, one `name: value` a line, of
//   - a result directory of `neurodyn simulate` (its spikes.csv, the solver's located spikes, in the response
//     to the stimulus of its config.toml: from the onset to the end of the run), or
//   - a recording (ABF2, NWB, or a text table with time and voltage columns such as trace.csv), each selected
//     sweep in a block of its own: spikes are upward crossings of --threshold, and the window is --window, or
//     the response to the step found in the sweep's command (an ABF epoch table, an NWB stimulus series, the
//     --current-col of a text table; from its onset to the end of the sweep), or the whole sweep.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis_commands.hpp"
#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/analysis/spike_detection.hpp"
#include "neurodyn/analysis/spike_statistics.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/io/command_epochs.hpp"
#include "neurodyn/io/recording.hpp"
#include "neurodyn/io/recording_selection.hpp"
#include "number_list.hpp"
#include "recording_flags.hpp"

namespace neurodyn::cli {
namespace {

struct StatsOptions {
  RecordingFlags recording;  // its path is a result directory or a recording
  double threshold_mV = 0.0;
  double refractory_ms = 1.0;
  std::optional<std::string> window;
  double burst_ratio = 3.0;
};

// A spike train, the window to analyse it in, and where both came from.
struct Train {
  std::vector<double> spikes;
  SpikeTrainWindow window;
  std::string source;
};

std::vector<double> read_spikes_csv(const std::filesystem::path& path) {
  std::ifstream file = open_text_input(path, "spike list");
  std::vector<double> spikes;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line.starts_with('#') || line == "time_ms") continue;
    spikes.push_back(parse_numbers(path.string(), line, ',', 1).front());
  }
  return spikes;
}

Train result_train(const StatsOptions& options) {
  const EffectiveRun run = resolve(read_run_settings(options.recording.path / "config.toml"));
  Train train{read_spikes_csv(options.recording.path / "spikes.csv"),
              stimulus_window(run.problem.stimulus, run.problem.t_start, run.t_end),
              fmt::format("{} (solver events; window from the stimulus in config.toml)",
                          (options.recording.path / "spikes.csv").string())};
  if (options.window) {
    const auto [from, to] = parse_interval("--window", *options.window);
    train.window = {from, to};
  }
  return train;
}

Train sweep_train(const Recording& recording, const Sweep& sweep, const StatsOptions& options) {
  const RecordedChannel& voltage = membrane_potential(sweep);
  Train train;
  train.spikes = detect_spikes(sweep.time_ms, voltage.samples, {options.threshold_mV, options.refractory_ms});
  std::string window_origin = "the whole trace";
  if (options.window) {
    const auto [from, to] = parse_interval("--window", *options.window);
    train.window = {from, to};
    window_origin = "--window";
  } else if (sweep.command) {
    train.window = command_response_window(sweep);
    window_origin = fmt::format("the step in the command ({})", sweep.command_source);
  } else {
    train.window = {sweep.time_ms.front(), sweep.time_ms.back()};
  }
  train.source = fmt::format("{} ({}, {}; v from {}, upward crossings of {:g} mV; window: {})",
                             options.recording.path.string(), to_string(recording.format), sweep.name, voltage.name,
                             options.threshold_mV, window_origin);
  return train;
}

std::vector<Train> recording_trains(const StatsOptions& options) {
  const Recording selected = select_sweeps(options.recording.read(), options.recording.sweep_numbers());
  std::vector<Train> trains;
  for (const Sweep& sweep : selected.sweeps) trains.push_back(sweep_train(selected, sweep, options));
  return trains;
}

std::string optional_text(const std::optional<double>& value) {
  return value ? fmt::format("{:.9g}", *value) : std::string("none");
}

void print_stats(const Train& train, const StatsOptions& options) {
  const BurstRule bursts{options.burst_ratio};
  const SpikeStatistics s = spike_statistics(train.spikes, train.window, bursts);
  const FiringPatternClass pattern =
      classify_firing_pattern(train.spikes, train.window, {.min_gap_ratio = options.burst_ratio});
  std::cout << fmt::format("source: {}\n", train.source);
  std::cout << fmt::format("window_ms: {:.9g} {:.9g}\n", train.window.start_ms, train.window.end_ms);
  std::cout << fmt::format("spike_count: {}\n", s.spike_count);
  std::cout << fmt::format("rate_hz: {:.9g}\n", s.rate_hz);
  std::cout << fmt::format("first_spike_latency_ms: {}\n", optional_text(s.first_spike_latency_ms));
  std::cout << fmt::format("mean_isi_ms: {}\n", optional_text(s.mean_isi_ms));
  std::cout << fmt::format("isi_cv: {}\n", optional_text(s.isi_cv));
  std::cout << fmt::format("adaptation_index: {}\n", optional_text(s.adaptation_index));
  std::cout << fmt::format("burst_count: {}\n", s.bursts.size());
  std::cout << fmt::format("mean_spikes_per_burst: {}\n", optional_text(s.mean_spikes_per_burst));
  std::cout << fmt::format("intra_burst_frequency_hz: {}\n", optional_text(s.intra_burst_frequency_hz));
  std::cout << fmt::format("firing_pattern: {}\n", to_string(pattern.pattern));
  std::cout << fmt::format("firing_pattern_reason: {}\n", pattern.reason);
}

void run_stats(const StatsOptions& options) {
  if (std::filesystem::is_directory(options.recording.path)) {
    print_stats(result_train(options), options);
    return;
  }
  const std::vector<Train> trains = recording_trains(options);
  for (std::size_t k = 0; k < trains.size(); ++k) {
    if (k > 0) std::cout << '\n';
    print_stats(trains[k], options);
  }
}

}  // namespace

void add_stats_command(CLI::App& app) {
  auto options = std::make_shared<StatsOptions>();
  auto* command = app.add_subcommand(
      "stats",
      "Spike-train statistics (count, rate, ISIs, CV, first-spike latency, adaptation index, bursts) and the "
      "firing pattern of a `simulate` result directory or of a recording: ABF2, NWB 2, Allen NWB 1, or a text table "
      "with time and voltage columns (each sweep in a block of its own).");
  add_recording_flags(*command, options->recording, "a result directory of `neurodyn simulate`, or a recording",
                      true);
  command->add_option("--threshold", options->threshold_mV, "recordings: spike detection level (mV); default 0")
      ->type_name("MV");
  command
      ->add_option("--refractory", options->refractory_ms,
                   "recordings: ignore a crossing this soon after a spike (ms); default 1")
      ->type_name("MS");
  command->add_option("--window", options->window, "analyse spikes in FROM:TO (ms) only")->type_name("FROM:TO");
  command
      ->add_option("--burst-ratio", options->burst_ratio,
                   "how much longer an interval between bursts is than one within (default 3)")
      ->type_name("X");
  command->callback([options] { run_stats(*options); });
}

}  // namespace neurodyn::cli
