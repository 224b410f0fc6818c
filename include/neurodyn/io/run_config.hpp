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
//   [method]  name = "rk4"  dt = 0.01  rtol = 1e-6  atol = 1e-6  spikes = "located"  newton_failure = "fail"
//             series_order = 0  max_rate_hz = 10000.0  output_step = 0.0
//   [method.published]  u_from_new_v = true  reset_in_same_step = true  v_substeps = 1
#include <filesystem>
#include <optional>
#include <string>

#include "neurodyn/model/catalog.hpp"
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
  std::optional<double> t_end;
  std::optional<std::string> method;
  std::optional<double> dt;
  std::optional<double> rtol;
  std::optional<double> atol;
  std::optional<std::string> spikes;          // "grid" | "located"
  std::optional<std::string> newton_failure;  // "fail" | "halve-step"
  std::optional<int> series_order;            // parker-sochacki: terms of the series, 0 = as atol/rtol need
  std::optional<double> max_rate_hz;          // Hz: the runaway-burst guard's bound on the spike rate
  std::optional<double> output_step;          // ms: adaptive methods record on this uniform grid; 0 = off
  std::optional<bool> u_from_new_v;
  std::optional<bool> reset_in_same_step;
  std::optional<int> v_substeps;
};

// Fields set in `top` replace those of `base`; parameters are merged key by key.
RunSettings overlay(RunSettings base, const RunSettings& top);

// Reads a TOML file. Throws FileError if unreadable, InputError naming the file, line and key for malformed
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
  Problem problem;
};

// Applies preset and defaults and validates everything (throws InputError naming the field, value, and
// what is allowed: unknown model/method/preset/parameter, dt <= 0, dt > duration, NaN, out-of-range values,
// series_order outside 0..60 or > 0 for a method other than parker-sochacki, max_rate_hz <= 0, output_step
// <= 0 or > duration or set for a fixed-step method).
// The default step is the preset's published step for `izhikevich-published`, 0.01 ms otherwise; spikes
// are `grid` for `izhikevich-published` and `located` otherwise.
EffectiveRun resolve(const RunSettings& settings);

// The effective run as TOML, with a comment header (program version, units).
std::string to_toml(const EffectiveRun& run);

// The same without the [method] tables: the problem alone (model, parameters, initial state, stimulus,
// span), for results that run several methods on it. Read back with --config, it gives the same problem.
std::string problem_to_toml(const EffectiveRun& run);

}  // namespace neurodyn
