#pragma once
// The flags that say which problem to solve, shared by the subcommands that solve one (simulate, compare):
// --config FILE, --preset NAME, --model NAME, --param NAME=VALUE (repeatable), --stimulus SPEC, --v0, --u0,
// --t-end. Precedence: flag > --config file > preset > model defaults.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "neurodyn/io/run_config.hpp"

namespace neurodyn::cli {

struct ProblemFlags {
  std::optional<std::filesystem::path> config;
  RunSettings settings;                 // what the flags set; a command may bind more of its fields
  std::vector<std::string> parameters;  // NAME=VALUE, parsed by combined_settings
};

void add_problem_flags(CLI::App& command, ProblemFlags& flags);

// The config file's settings (if any) overlaid by the flags' and then by `command_settings` (what a command
// derives from flags of its own). Throws InputError for a malformed --param, FileError for an unreadable
// config.
RunSettings combined_settings(const ProblemFlags& flags, const RunSettings& command_settings = {});

}  // namespace neurodyn::cli
