#pragma once
// What the `recording` subcommands share: the file, how to read a text table, which sweeps. recording_command.cpp
// registers `recording info` and `recording show`, recording_features_command.cpp `recording features`.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/io/recording.hpp"

namespace neurodyn::cli {

struct RecordingFlags {
  std::filesystem::path path;
  std::string time_unit = "ms", voltage_unit = "mV", current_unit = "pA";
  int time_column = 0;
  std::optional<int> voltage_column, current_column;
  std::optional<std::string> sweeps;

  // The whole file. Throws InputError for a unit not allowed, and what read_recording throws; warns on stderr when a
  // text table's times, read in ms, look like seconds.
  Recording read() const;
  // The sweep numbers of --sweeps; empty (all) without it.
  std::vector<int> sweep_numbers() const;
};

inline constexpr std::string_view recording_file_help =
    "the recording: ABF2, NWB 2, Allen Cell Types NWB 1, or a text table";

// The file argument (described by `path_help`), the text-table flags, and --sweeps when `selects_sweeps`.
void add_recording_flags(CLI::App& command, RecordingFlags& flags, std::string_view path_help, bool selects_sweeps);

// `recording features` under the `recording` command.
void add_recording_features_command(CLI::App& recording);

}  // namespace neurodyn::cli
