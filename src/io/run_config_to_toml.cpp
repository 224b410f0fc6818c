// The effective run as a config file that repeats it (layout: include/neurodyn/io/run_config.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <variant>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/method_options.hpp"
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
  if (!run.events_file.empty()) {
    append(out, "\n[events]\n");
    append(out, "file = {}  # time_ms,target,weight per line\n", toml_string(run.events_file.string()));
    append(out, "current_decay = {}  # ms: decay of event currents; inf: they persist\n",
           toml_float(run.event_decay));
  }
}

std::string toml_value(const OptionValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          return toml_float(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return toml_string(v);
        } else {
          return fmt::format("{}", v);
        }
      },
      value);
}

// The options of `section` that the method reads, each with its unit and meaning.
void append_method_options(fmt::memory_buffer& out, const MethodOptions& method, std::string_view section) {
  for (const MethodOptionInfo& option : method_option_table()) {
    if (option.section != section || !option_applies_to(option, method.name)) continue;
    append(out, "{} = {}  # {}{}{}\n", option.name, toml_value(option.get(method)), option.unit,
           option.unit.empty() ? "" : ": ", single_line(option.meaning));
  }
}

bool reads_section(const MethodOptions& method, std::string_view section) {
  return std::ranges::any_of(method_option_table(), [&](const MethodOptionInfo& option) {
    return option.section == section && option_applies_to(option, method.name);
  });
}

void append_method(fmt::memory_buffer& out, const EffectiveRun& run) {
  const MethodOptions& method = run.method;
  append(out, "\n[method]\n");
  append(out, "name = {}  # {}\n", toml_string(method.name), single_line(method_info(method.name).title));
  append_method_options(out, method, "method");
  append(out, "output_step = {}  # ms: adaptive methods record on this uniform grid; 0 = at their own steps\n",
         toml_float(run.output_step));
  if (reads_section(method, "method.published")) {
    append(out, "\n[method.published]\n");
    append_method_options(out, method, "method.published");
  }
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
