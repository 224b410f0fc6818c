#pragma once
// The flags that say which problem to solve, shared by the subcommands that solve one (simulate, compare):
// --config FILE, --preset NAME, --model NAME, --param NAME=VALUE (repeatable), --stimulus SPEC, --v0, --u0,
// --t-end, --events FILE, --event-decay MS; and the method flags of the subcommands that choose a method:
// --method NAME and one flag per method option (solve/method_options.hpp: --dt, --rtol, --spikes, ...).
// Precedence: flag > --config file > preset > model defaults.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "neurodyn/io/run_config.hpp"

namespace neurodyn::cli {

struct ProblemFlags {
  std::optional<std::filesystem::path> config;
  RunSettings settings;                 // what the flags set; a command may bind more of its fields
  std::vector<std::string> parameters;  // NAME=VALUE, parsed by combined_settings
  std::map<std::string, std::string> method_option_text;  // option name -> the flag's text, parsed by
                                                          // combined_settings
};

void add_problem_flags(CLI::App& command, ProblemFlags& flags);

// --method and a flag for every method option, described from the options table.
void add_method_flags(CLI::App& command, ProblemFlags& flags);

// The config file's settings (if any) overlaid by the flags' and then by `command_settings` (what a command
// derives from flags of its own). Throws InputError for a malformed --param or method option (naming the
// flag, the text and what is allowed), FileError for an unreadable config.
RunSettings combined_settings(const ProblemFlags& flags, const RunSettings& command_settings = {});

}  // namespace neurodyn::cli
