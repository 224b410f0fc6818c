// `neurodyn recording info|show|features FILE`: what a recording holds, a figure and CSV of some of its sweeps,
// and eFEL's features of each sweep's test steps. Every format of neurodyn/io/recording.hpp is read.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "command.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/recording.hpp"
#include "neurodyn/io/recording_output.hpp"
#include "neurodyn/io/recording_selection.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "number_list.hpp"
#include "recording_flags.hpp"
#include "table.hpp"

namespace neurodyn::cli {
namespace {

double sample_rate_hz(const Sweep& sweep) {
  const auto& t = sweep.time_ms;
  return t.size() < 2 ? 0.0 : 1000.0 * static_cast<double>(t.size() - 1) / (t.back() - t.front());
}

std::string epochs_text(const Sweep& sweep) {
  std::string text;
  for (const CommandEpoch& epoch : sweep.epochs) {
    if (epoch.type == "holding") continue;
    text += fmt::format("{}{} {:g}-{:g}: {:g}", text.empty() ? "" : "; ", epoch.name, epoch.start_ms, epoch.end_ms,
                        epoch.level_pA);
    if (epoch.type == "ramp") text += fmt::format(" to {:g}", epoch.end_level_pA);
  }
  return text.empty() ? std::string("none") : text;
}

void print_info(const RecordingFlags& flags) {
  const Recording recording = flags.read();
  std::cout << fmt::format("file: {}\nformat: {}\n", recording.path.string(), to_string(recording.format));
  for (const auto& [key, value] : recording.facts) std::cout << fmt::format("{}: {}\n", key, value);
  const Sweep& first = recording.sweeps.front();
  std::string channels;
  for (const RecordedChannel& channel : first.channels) {
    channels += fmt::format("{}{} ({})", channels.empty() ? "" : ", ", channel.name, channel.unit);
  }
  std::cout << fmt::format("sweep_count: {}\nchannels: {}\ncommand: {}\n", recording.sweeps.size(), channels,
                           first.command ? first.command_source : std::string("not in the file"));
  std::vector<TableRow> rows;
  for (const Sweep& sweep : recording.sweeps) {
    rows.push_back({std::to_string(sweep.number), sweep.name, fmt::format("{:g}", sweep.start_time_ms),
                    fmt::format("{:g}", sweep.time_ms.back() - sweep.time_ms.front()),
                    fmt::format("{:g}", sample_rate_hz(sweep)), std::to_string(sweep.time_ms.size()),
                    sweep.command ? fmt::format("{:g}", sweep.holding_pA) : "-",
                    sweep.command ? epochs_text(sweep) : "-"});
  }
  std::cout << '\n';
  print_table(std::cout,
              {"sweep", "name", "start_ms", "duration_ms", "sample_rate_hz", "samples", "holding_pA",
               "epochs (name start_ms-end_ms: level_pA)"},
              rows);
}

struct ShowFlags {
  RecordingFlags recording;
  std::optional<std::string> window;
  std::filesystem::path out;
};

void show(const ShowFlags& flags) {
  ResultFolder folder(flags.out, "recording show");
  std::optional<SweepWindow> window;
  if (flags.window) {
    const auto [from, to] = parse_interval("--window", *flags.window);
    window = SweepWindow{from, to};
  }
  const Recording selection = select_sweeps(flags.recording.read(), flags.recording.sweep_numbers(), window);
  const std::filesystem::path& directory = folder.start_writing();
  write_sweep_csvs(directory, selection);
  write_recording_figure(directory, selection);
  folder.commit();
  std::cout << fmt::format("wrote {} sweep{} of {} to {}/ (sweep_NNN.csv, recording.png, recording.svg)\n",
                           selection.sweeps.size(), selection.sweeps.size() == 1 ? "" : "s",
                           selection.path.filename().string(), flags.out.string());
}

}  // namespace

void add_recording_command(CLI::App& app) {
  auto* recording = app.add_subcommand(
      "recording", "Read a whole-cell recording (ABF2, NWB 2, Allen Cell Types NWB 1, text): what it holds, a "
                   "figure and CSV of its sweeps, eFEL's features per sweep and test step");
  recording->require_subcommand(1);

  auto info_flags = std::make_shared<RecordingFlags>();
  auto* info = recording->add_subcommand(
      "info", "Format, sweeps, channels and units, sample rate, duration, and the command's epochs of each sweep");
  add_recording_flags(*info, *info_flags, recording_file_help, false);
  info->callback([info_flags] { print_info(*info_flags); });

  auto show_flags = std::make_shared<ShowFlags>();
  auto* show_command = recording->add_subcommand(
      "show", "A figure of the selected sweeps over their command, and one CSV per sweep (usable as a file: "
              "stimulus)");
  add_recording_flags(*show_command, show_flags->recording, recording_file_help, true);
  show_command->add_option("--window", show_flags->window, "only the samples in FROM:TO (ms of sweep time)")
      ->type_name("FROM:TO");
  show_command->add_option("--out", show_flags->out, "output directory")->required()->type_name("DIR");
  show_command->callback([show_flags] { show(*show_flags); });

  add_recording_features_command(*recording);
}

}  // namespace neurodyn::cli
