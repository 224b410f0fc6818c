// The effective run as a config file that repeats it (layout: include/neurodyn/io/run_config.hpp).
#include <fmt/format.h>

#include <string>

#include "method_text.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

namespace {

void append_comment(fmt::memory_buffer& out, std::string_view text) { append(out, "# {}\n", single_line(text)); }

void append_header(fmt::memory_buffer& out, const EffectiveRun& run, const ModelInfo& model) {
  append_comment(out, fmt::format("neurodyn {}: the effective configuration of a run; "
                                  "read it back with --config to repeat the run.",
                                  version));
  fmt::memory_buffer units;
  append(units, "units: time in ms");
  for (const auto& variable : model.state_variables) {
    append(units, ", {} in {}", variable.name, unit_label(variable.unit));
  }
  append(units, ", stimulus current in {}", unit_label(model.current_unit));
  append_comment(out, fmt::to_string(units));
  if (run.preset) {
    const Preset& preset = find_preset(*run.preset);
    append_comment(out, fmt::format("preset {}: {}", preset.name, preset.description));
    if (!preset.source.empty()) append_comment(out, fmt::format("source: {}", preset.source));
  }
  fmt::memory_buffer state;
  append(state, "initial state:");
  for (std::size_t i = 0; i < model.state_variables.size() && i < run.initial_state.size(); ++i) {
    append(state, "{} {} = {}", i == 0 ? "" : ",", model.state_variables[i].name, run.initial_state[i]);
  }
  append_comment(out, fmt::to_string(state));
}

void append_problem(fmt::memory_buffer& out, const EffectiveRun& run) {
  const ModelInfo& model = model_info(run.model);
  append_header(out, run, model);
  if (run.preset) append(out, "preset = {}\n", toml_string(*run.preset));
  append(out, "model = {}  # {}\n", toml_string(run.model), single_line(model.title));
  append(out, "stimulus = {}\n", toml_string(run.stimulus));
  append(out, "t_end = {}  # ms\n", toml_float(run.t_end));

  append(out, "\n[initial]\n");
  append(out, "v0 = {}  # {}\n", toml_float(run.initial_state.at(0)), unit_label(model.state_variables.at(0).unit));
  if (run.u0) {
    append(out, "u0 = {}  # {}\n", toml_float(*run.u0), unit_label(model.state_variables.at(1).unit));
  }

  append(out, "\n[parameters]\n");
  for (const auto& parameter : model.parameters) {
    append(out, "{} = {}  # {}: {}\n", parameter.name, toml_float(run.parameters.at(std::string(parameter.name))),
           unit_label(parameter.unit), single_line(parameter.meaning));
  }
}

void append_method(fmt::memory_buffer& out, const EffectiveRun& run) {
  const MethodOptions& method = run.method;
  append(out, "\n[method]\n");
  append(out, "name = {}  # {}\n", toml_string(method.name), single_line(method_info(method.name).title));
  append(out, "dt = {}  # ms\n", toml_float(method.dt));
  append(out, "rtol = {}\n", toml_float(method.rtol));
  append(out, "atol = {}\n", toml_float(method.atol));
  append(out, "spikes = {}  # grid | located\n", toml_string(to_string(method.spikes)));
  append(out, "newton_failure = {}  # fail | halve-step\n", toml_string(newton_failure_name(method.newton_failure)));
  append(out, "series_order = {}  # parker-sochacki: terms of the series; 0 = as many as atol and rtol need\n",
         method.series_order);
  append(out, "max_rate_hz = {}  # Hz: a faster burst of spikes ends the run as a runaway burst\n",
         toml_float(method.max_rate_hz));
  append(out, "output_step = {}  # ms: adaptive methods record on this uniform grid; 0 = at their own steps\n",
         toml_float(run.output_step));

  append(out, "\n[method.published]\n");
  append(out, "u_from_new_v = {}\n", method.published.u_from_new_v);
  append(out, "reset_in_same_step = {}\n", method.published.reset_in_same_step);
  append(out, "v_substeps = {}  # 1 | 2\n", method.published.v_substeps);
}

}  // namespace

std::string to_toml(const EffectiveRun& run) {
  fmt::memory_buffer out;
  append_problem(out, run);
  append_method(out, run);
  return fmt::to_string(out);
}

std::string problem_to_toml(const EffectiveRun& run) {
  fmt::memory_buffer out;
  append_problem(out, run);
  return fmt::to_string(out);
}

}  // namespace neurodyn
