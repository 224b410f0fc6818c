// `neurodyn stats PATH`: spike-train statistics and the firing pattern, one `name: value` a line, of
//   - a result directory of `neurodyn simulate` (its spikes.csv, the solver's located spikes, in the response
//     to the stimulus of its config.toml: from the onset to the end of the run), or
//   - a trace file with time and voltage columns (a recording or trace.csv): spikes are upward crossings of
//     --threshold, and the window is --window, or the response to the step found in --current-col (from its
//     onset to the end of the trace), or the whole trace.
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
#include "neurodyn/io/trace_table.hpp"
#include "number_list.hpp"

namespace neurodyn::cli {
namespace {

struct StatsOptions {
  std::filesystem::path path;
  std::string time_unit = "ms";
  double threshold_mV = 0.0;
  double refractory_ms = 1.0;
  int time_column = 0;
  std::optional<int> voltage_column, current_column;
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
  const EffectiveRun run = resolve(read_run_settings(options.path / "config.toml"));
  Train train{read_spikes_csv(options.path / "spikes.csv"),
              stimulus_window(run.problem.stimulus, run.problem.t_start, run.t_end),
              fmt::format("{} (solver events; window from the stimulus in config.toml)",
                          (options.path / "spikes.csv").string())};
  if (options.window) {
    const auto [from, to] = parse_interval("--window", *options.window);
    train.window = {from, to};
  }
  return train;
}

Train trace_train(const StatsOptions& options) {
  if (options.time_unit != "ms" && options.time_unit != "s") {
    throw InputError(fmt::format("--time-unit '{}' is not allowed; allowed: ms, s", options.time_unit));
  }
  const TraceTable table = read_trace_table(
      options.path,
      {options.time_column, options.voltage_column, options.current_column, options.time_unit == "s" ? 1000.0 : 1.0});
  Train train;
  train.spikes = detect_spikes(table.time_ms, table.voltage_mV, {options.threshold_mV, options.refractory_ms});
  std::string window_origin = "the whole trace";
  if (options.window) {
    const auto [from, to] = parse_interval("--window", *options.window);
    train.window = {from, to};
    window_origin = "--window";
  } else if (options.current_column) {
    train.window = recorded_stimulus_window(table.time_ms, table.current);
    window_origin = fmt::format("the step in column {}", *options.current_column);
  } else {
    train.window = {table.time_ms.front(), table.time_ms.back()};
  }
  train.source = fmt::format("{} (v from {}, upward crossings of {:g} mV; window: {})", options.path.string(),
                             table.voltage_name, options.threshold_mV, window_origin);
  return train;
}

std::string optional_text(const std::optional<double>& value) {
  return value ? fmt::format("{:.9g}", *value) : std::string("none");
}

void run_stats(const StatsOptions& options) {
  const Train train = std::filesystem::is_directory(options.path) ? result_train(options) : trace_train(options);
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

}  // namespace

void add_stats_command(CLI::App& app) {
  auto options = std::make_shared<StatsOptions>();
  auto* command = app.add_subcommand(
      "stats",
      "Spike-train statistics (count, rate, ISIs, CV, first-spike latency, adaptation index, bursts) and the "
      "firing pattern of a `simulate` result directory or a trace file with time and voltage columns.");
  command->add_option("path", options->path, "result directory or trace file")->required()->type_name("PATH");
  command->add_option("--time-unit", options->time_unit, "unit of the trace file's time column: ms (default) or s")
      ->type_name("ms|s");
  command->add_option("--threshold", options->threshold_mV, "trace files: spike detection level (mV); default 0")
      ->type_name("MV");
  command
      ->add_option("--refractory", options->refractory_ms,
                   "trace files: ignore a crossing this soon after a spike (ms); default 1")
      ->type_name("MS");
  command->add_option("--time-col", options->time_column, "trace files: time column, from 0 (default 0)")
      ->type_name("N");
  command
      ->add_option("--voltage-col", options->voltage_column,
                   "trace files: voltage column (default: the header's v... column, else the last)")
      ->type_name("N");
  command
      ->add_option("--current-col", options->current_column,
                   "trace files: a current column; the window is then the step found in it")
      ->type_name("N");
  command->add_option("--window", options->window, "analyse spikes in FROM:TO (ms) only")->type_name("FROM:TO");
  command
      ->add_option("--burst-ratio", options->burst_ratio,
                   "how much longer an interval between bursts is than one within (default 3)")
      ->type_name("X");
  command->callback([options] { run_stats(*options); });
}

}  // namespace neurodyn::cli
