#pragma once
// The settings of `neurodyn pinn`: a run configuration (the problem: run_config.hpp) with a [pinn] table,
//
//   [pinn]
//   mode = "event"          # event, pure or guided
//   window_ms = 4.0         # any option of pinn_options() that applies to the mode
//   guide = "euler"         # guided: the classical solution it regresses onto (euler or converged)
//   trace = "v.csv"         # inverse: a recorded voltage (time_ms, v_mV); without it, simulated from the problem
//   identify = "a,b"        # inverse: the constants identified (model parameters, and I: the input's amplitude)
//   start = "a=0.05"        # inverse: starting values (default: the middle of a parameter's fitting range, and
//                           # the problem's own amplitude for I)
//
// and the table of options itself, from which the command line's flags (--window-ms, ...) are made.
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/pinn/event_pinn.hpp"
#include "neurodyn/pinn/global_pinn.hpp"
#include "neurodyn/pinn/inverse_pinn.hpp"

namespace neurodyn {

// Everything a PINN run is set by: the mode and the options of each kind of network.
struct PinnConfig {
  std::string mode;  // event, pure, guided, inverse
  EventPinnOptions event;
  GlobalPinnOptions global;                    // pure and guided
  InversePinnOptions inverse;                  // inverse
  std::optional<std::filesystem::path> trace;  // inverse: the recorded voltage; none: simulated from the problem
  double checkpoint_interval_s = 30.0;         // how often the run's state is kept (training_checkpoint.hpp)
};

// The run's identity for its checkpoint: the problem's TOML and the [pinn] table without the training budget (epochs,
// L-BFGS calls, fit iterations) and the checkpoint interval, so that a stopped run resumes and a finished one can be
// extended.
std::string checkpoint_identity(const std::string& problem_toml, PinnConfig config);

// One numeric option: its name in [pinn] (as a flag: --name with '-' for '_'), unit, meaning, the modes it applies
// to, and where it goes.
struct PinnOption {
  std::string_view name;
  std::string_view unit;
  std::string_view meaning;
  std::string_view modes;  // space-separated
  bool integer;
  double (*get)(const PinnConfig&);
  void (*set)(PinnConfig&, double);
};

std::span<const PinnOption> pinn_options();

inline constexpr std::string_view pinn_modes = "event, pure, guided, inverse";

struct PinnSettings {
  RunSettings run;
  std::optional<std::string> mode;
  std::optional<std::string> guide;
  std::optional<std::filesystem::path> trace;
  std::optional<std::string> identify;                 // inverse: the constants, comma-separated
  std::optional<std::string> start;                    // inverse: their starting values, NAME=VALUE comma-separated
  std::map<std::string, double, std::less<>> options;  // by PinnOption::name
};

// What a caller sets over a config file's [pinn] table: the command's flags, nd.pinn's arguments.
struct PinnOverrides {
  std::optional<std::string> mode, guide, identify, start;
  std::optional<std::filesystem::path> trace;          // made absolute
  std::map<std::string, double, std::less<>> options;  // by PinnOption::name
};

PinnSettings with_overrides(PinnSettings settings, const PinnOverrides& overrides);

// Reads PINN.toml. Throws FileError if unreadable and InputError naming the file, line and key for malformed
// TOML, an unknown key or a value of the wrong type.
PinnSettings read_pinn_settings(const std::filesystem::path& path);

// The mode's defaults (pure: the earlier study's pure PINN; guided: its guided PINN) overridden by the settings,
// each checked: the mode among pinn_modes, each option applying to the mode, an integer option holding an integer;
// then the options' own validation. Throws InputError naming the key, the value and what is allowed.
PinnConfig pinn_config(const PinnSettings& settings);

// The [pinn] table: the mode and every option of the mode with its value, readable by read_pinn_settings.
std::string pinn_settings_toml(const PinnConfig& config);

}  // namespace neurodyn
