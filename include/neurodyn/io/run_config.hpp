#pragma once
// The configuration of one simulation: what the user said (flags, a TOML file, a preset) and the effective
// run it resolves to. Precedence: flag > --config file > preset > model defaults. The effective run is
// written beside every result as config.toml, and reading it back with --config repeats the run.
//
// TOML layout (every key optional in a user's file):
//   preset = "izh2004-A"
//   model = "izh2003"
//   stimulus = "step:amp=14,start=10"
//   t_end = 100.0                      # ms
//   [initial]   v0 = -70.0   u0 = -14.0
//   [parameters]  a = 0.02  b = 0.2 ...
//   [method]  name = "rk4"  output_step = 0.0  and the method options of section "method": dt = 0.01 ...
//   [method.published]  the options of section "method.published": u_from_new_v = true ...
//   [events]  file = "inputs.csv"  current_decay = 5.0   # input events (io/input_events_file.hpp); ms, inf:
//                                                         # current jumps persist
// (the method options are those of solve/method_options.hpp; a written config lists those its method reads)
#include <filesystem>
#include <limits>
#include <optional>
#include <string>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/method_options.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// What the user said; every field optional.
struct RunSettings {
  std::optional<std::string> preset;
  std::optional<std::string> model;
  ParameterValues parameters;
  std::optional<double> v0;
  std::optional<double> u0;
  std::optional<std::string> stimulus;
  // Where a relative table path in `stimulus` starts (the folder of the config file that gave it); empty: the
  // working directory.
  std::filesystem::path stimulus_folder;
  std::optional<double> t_end;
  std::optional<std::string> method;
  MethodOptionSettings method_options;  // by option name (solve/method_options.hpp); checked by resolve()
  std::optional<double> output_step;    // ms: adaptive methods record on this uniform grid; 0 = off
  // Input events (io/input_events_file.hpp); a relative path starts in the working directory (in the config
  // file's folder for one read from a file).
  std::optional<std::filesystem::path> events_file;
  std::optional<double> event_decay;  // ms; the decay of event currents; default inf (persistent jumps)
};

// Fields set in `top` replace those of `base`; parameters and method options are merged key by key.
RunSettings overlay(RunSettings base, const RunSettings& top);

// Reads a TOML file; a relative table path in its stimulus starts in the file's folder. Throws FileError if
// unreadable, InputError naming the file, line and key for malformed
// TOML, an unknown key or a value of the wrong type, and naming the file for a directory, a file over 64 KiB,
// text that is not UTF-8, or tables and arrays nested more than 64 levels deep.
RunSettings read_run_settings(const std::filesystem::path& path);

// The same for TOML text already in memory; `source` names it in messages.
RunSettings parse_run_settings(std::string toml_text, const std::filesystem::path& source);

// The resolved run: everything explicit.
struct EffectiveRun {
  std::optional<std::string> preset;
  std::string model;
  ParameterValues parameters;  // all of the model's parameters
  std::vector<double> initial_state;
  // The recovery variable's initial value as given (by the user or the preset); unset when the model's
  // own rule derived it from v0 (kept so that config.toml states the input, not a derived state).
  std::optional<double> u0;
  std::string stimulus;  // canonical spec
  double t_end = 0.0;
  MethodOptions method;
  double output_step = 0.0;  // ms: RecordOptions::output_step (> 0 only for adaptive methods)
  std::filesystem::path events_file;  // absolute; empty: no events
  double event_decay = std::numeric_limits<double>::infinity();  // ms
  Problem problem;
};

// Applies preset and defaults and validates everything (throws InputError naming the field, value, and
// what is allowed: unknown model/method/preset/parameter, NaN, a method option out of its range or set for
// a method that does not read it, dt > duration, output_step <= 0 or > duration or set for a fixed-step
// method).
// The default step is the preset's published step for `izhikevich-published`, 0.01 ms otherwise; spikes
// are `grid` for `izhikevich-published` and `located` otherwise.
EffectiveRun resolve(const RunSettings& settings);

// The effective run as TOML, with a comment header (program version, units).
std::string to_toml(const EffectiveRun& run);

// The same without the [method] tables: the problem alone (model, parameters, initial state, stimulus,
// span), for results that run several methods on it. Read back with --config, it gives the same problem.
std::string problem_to_toml(const EffectiveRun& run);

}  // namespace neurodyn
