// From what the user said to an explicit, validated run: preset and defaults applied (precedence in
// include/neurodyn/io/run_config.hpp), every value checked against what is allowed.
#include <fmt/format.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/input_events_file.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {

namespace {

constexpr double max_duration_ms = 1e7;
constexpr double default_duration_ms = 100.0;
constexpr std::string_view published_method = "izhikevich-published";

template <class T>
void take_if_set(std::optional<T>& field, const std::optional<T>& value) {
  if (value) field = value;
}

// Throws InputError unless 0 < value <= max (and finite).
void require_positive_at_most(std::string_view field, double value, double max, std::string_view unit) {
  if (std::isfinite(value) && value > 0.0 && value <= max) return;
  throw InputError(
      fmt::format("{} = {}{} is out of range; allowed: 0 < {} <= {}{}", field, value, unit, field, max, unit));
}

void require_finite(std::string_view field, const std::optional<double>& value) {
  if (!value || std::isfinite(*value)) return;
  throw InputError(fmt::format("{} = {} is not allowed; allowed: a finite number", field, *value));
}

// The spec as a message shows it: at most 60 characters.
std::string shortened(const std::string& spec) {
  constexpr std::size_t longest = 60;
  return spec.size() > longest ? spec.substr(0, longest) + "..." : spec;
}

std::string resolve_model_name(const RunSettings& settings, const Preset* preset) {
  if (preset && settings.model && *settings.model != preset->model) {
    throw InputError(
        fmt::format("model = '{}' conflicts with preset = '{}', whose model is '{}'; allowed: model = '{}' or no "
                    "model with this preset",
                    *settings.model, preset->name, preset->model, preset->model));
  }
  if (settings.model) return std::string(model_info(*settings.model).name);
  if (preset) return preset->model;
  std::vector<std::string_view> names;
  for (const auto& info : model_catalog()) names.push_back(info.name);
  throw InputError(fmt::format("no model given: set model (allowed: {}) or a preset", fmt::join(names, ", ")));
}

// The method's options: its defaults (for izhikevich-published the preset's published step and spikes on the
// grid), then what the user set.
MethodOptions resolve_method(const RunSettings& settings, const Preset* preset, double t_end) {
  MethodOptions method;
  method.name = std::string(method_info(settings.method.value_or(method.name)).name);
  if (method.name == published_method) {
    if (preset && preset->published_dt_ms) method.dt = *preset->published_dt_ms;
    method.spikes = SpikeHandling::grid;
  }
  apply_method_options(method, settings.method_options);
  if (method.dt > t_end) {
    throw InputError(
        fmt::format("dt = {} is larger than the duration t_end = {}; allowed: 0 < dt <= t_end", method.dt, t_end));
  }
  return method;
}

// The uniform output grid: adaptive methods only (fixed-step ones record their own steps, thinned by
// --record-every).
double resolve_output_step(const RunSettings& settings, const MethodOptions& method, double t_end) {
  if (!settings.output_step || *settings.output_step == 0.0) return 0.0;
  require_positive_at_most("output_step", *settings.output_step, t_end, " ms");
  if (!method_info(method.name).adaptive) {
    std::vector<std::string_view> adaptive;
    for (const auto& info : method_catalog()) {
      if (info.adaptive) adaptive.push_back(info.name);
    }
    throw InputError(fmt::format("output_step = {} ms is for adaptive methods ({}); method {} records its own "
                                 "steps (allowed: 0, or thin them with --record-every)",
                                 *settings.output_step, fmt::join(adaptive, ", "), method.name));
  }
  return *settings.output_step;
}

}  // namespace

RunSettings overlay(RunSettings base, const RunSettings& top) {
  take_if_set(base.preset, top.preset);
  take_if_set(base.model, top.model);
  for (const auto& [name, value] : top.parameters) base.parameters[name] = value;
  take_if_set(base.v0, top.v0);
  take_if_set(base.u0, top.u0);
  if (top.stimulus) {
    base.stimulus = top.stimulus;
    base.stimulus_folder = top.stimulus_folder;
  }
  take_if_set(base.t_end, top.t_end);
  take_if_set(base.method, top.method);
  for (const auto& [name, value] : top.method_options) base.method_options[name] = value;
  take_if_set(base.output_step, top.output_step);
  take_if_set(base.events_file, top.events_file);
  take_if_set(base.event_decay, top.event_decay);
  return base;
}

EffectiveRun resolve(const RunSettings& settings) {
  const Preset* preset = settings.preset ? &find_preset(*settings.preset) : nullptr;

  EffectiveRun run;
  if (preset) run.preset = preset->name;
  run.model = resolve_model_name(settings, preset);

  ParameterValues parameters = preset ? preset->parameters : ParameterValues{};
  for (const auto& [name, value] : settings.parameters) parameters[name] = value;
  AnyModel model = make_model(run.model, parameters);
  run.parameters = parameter_values(model);

  run.t_end = settings.t_end.value_or(preset ? preset->t_end_ms : default_duration_ms);
  require_positive_at_most("t_end", run.t_end, max_duration_ms, " ms");
  run.method = resolve_method(settings, preset, run.t_end);
  run.output_step = resolve_output_step(settings, run.method, run.t_end);

  const auto v0 = settings.v0 ? settings.v0 : (preset ? preset->v0 : std::nullopt);
  run.u0 = settings.u0 ? settings.u0 : (preset ? preset->u0 : std::nullopt);
  require_finite("v0", v0);
  require_finite("u0", run.u0);
  run.initial_state = initial_state(model, v0, run.u0);

  if (settings.stimulus && settings.stimulus->find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InputError(fmt::format("stimulus = '{}' is empty; allowed: a spec such as step:amp=10,start=20, or 'none' "
                                 "for no input",
                                 *settings.stimulus));
  }
  const std::string spec = settings.stimulus.value_or(preset ? preset->stimulus : "");
  require_within_memory_budget(stimulus_bytes(spec, run.t_end, settings.stimulus_folder),
                               fmt::format("stimulus = '{}' over t_end = {} ms", shortened(spec), run.t_end),
                               "allowed: a longer noise sample_step, a shorter table or a shorter t_end");
  if (run.output_step > 0.0) {
    const double samples = std::floor(run.t_end / run.output_step) + 2.0;
    require_within_memory_budget(
        trace_bytes(run, samples),
        fmt::format("output_step = {} ms over t_end = {} ms ({:g} samples)", run.output_step, run.t_end, samples),
        "allowed: a longer output_step or a shorter t_end");
  }
  Stimulus stimulus = parse_stimulus(spec, run.t_end, settings.stimulus_folder);
  run.stimulus = stimulus.spec();

  run.problem = Problem{std::move(model), run.initial_state, std::move(stimulus), 0.0, run.t_end, {}};
  if (settings.event_decay && !settings.events_file) {
    throw InputError(fmt::format("event_decay = {:g} ms is set but no events file; allowed: event_decay with "
                                 "events",
                                 *settings.event_decay));
  }
  if (settings.events_file) {
    run.events_file = std::filesystem::absolute(*settings.events_file);
    run.event_decay = settings.event_decay.value_or(run.event_decay);
    run.problem.events = read_input_events(run.events_file, run.model, run.event_decay);
  }
  return run;
}

}  // namespace neurodyn
