#pragma once
// The analysis subcommands: `fi` (f-I curve, rheobase, onset of sustained firing, hysteresis),
// `stats` (spike-train statistics and firing pattern of a result or a trace file) and `phase` (fixed points,
// where the rest is lost, and the phase plane). main.cpp registers them with add_analysis_commands.
#include <CLI/CLI.hpp>

namespace neurodyn::cli {

void add_fi_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_phase_command(CLI::App& app);

inline void add_analysis_commands(CLI::App& app) {
  add_fi_command(app);
  add_stats_command(app);
  add_phase_command(app);
}

}  // namespace neurodyn::cli
