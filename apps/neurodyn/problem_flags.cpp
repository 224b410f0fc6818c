#include "problem_flags.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>
#include <system_error>
#include <utility>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace neurodyn::cli {
namespace {

// "initial membrane potential, in the model's unit: v mV in [-150, 100] (izh2003, izh2007, ...); v dimensionless
// in [-10, 10] (fhn, ...)": the first state variable of every model, grouped by unit and interval.
std::string initial_potential_help() {
  std::vector<std::pair<std::string, std::string>> groups;  // (unit and interval, models)
  for (const ModelInfo& model : model_catalog()) {
    const StateVariableInfo& variable = model.state_variables.front();
    const std::string key = fmt::format("{} {} in [{:g}, {:g}]", variable.name,
                                        variable.unit.empty() ? std::string_view("dimensionless") : variable.unit,
                                        variable.initial_min, variable.initial_max);
    const auto group = std::ranges::find(groups, key, &std::pair<std::string, std::string>::first);
    if (group == groups.end()) {
      groups.emplace_back(key, std::string(model.name));
    } else {
      group->second += fmt::format(", {}", model.name);
    }
  }
  std::string text = "initial membrane potential, in the model's unit:";
  for (std::size_t k = 0; k < groups.size(); ++k) {
    text += fmt::format("{} {} ({})", k ? ";" : "", groups[k].first, groups[k].second);
  }
  return text;
}

// "NAME=VALUE" -> (NAME, VALUE). Throws InputError naming the assignment.
std::pair<std::string, double> parse_parameter_assignment(const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError(
        fmt::format("--param '{}' is not an assignment; expected NAME=VALUE, e.g. --param a=0.02", assignment));
  }
  const std::string name = assignment.substr(0, equals);
  const std::string text = assignment.substr(equals + 1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    throw InputError(fmt::format("--param {} = '{}' is not a number", name, text));
  }
  return {name, value};
}

}  // namespace

void add_problem_flags(CLI::App& command, ProblemFlags& flags) {
  auto& settings = flags.settings;
  command.add_option("--config", flags.config, "TOML file of settings (layout: examples/*.toml)")->type_name("FILE");
  command.add_option("--preset", settings.preset, "named published configuration (see `neurodyn presets`)")
      ->type_name("NAME");
  command.add_option("--model", settings.model, "model name (see `neurodyn models`)")->type_name("NAME");
  command.add_option("--param", flags.parameters, "set a model parameter; repeatable")->type_name("NAME=VALUE");
  command
      .add_option("--stimulus", settings.stimulus,
                  "input current: step, const, pulses, ramp, sine, noise or file components joined by '+', e.g. "
                  "step:amp=70,start=100")
      ->type_name("SPEC");
  command.add_option("--v0", settings.v0, initial_potential_help())->type_name("V");
  command
      .add_option("--u0", settings.u0,
                  "initial recovery variable, in its unit (`neurodyn models NAME` lists the state variables)")
      ->type_name("U");
  command.add_option("--t-end", settings.t_end, "duration (ms)")->type_name("MS");
  command
      .add_option("--events", settings.events_file,
                  "input events applied at their times: CSV time_ms,target,weight, target I or a state variable")
      ->type_name("FILE");
  command
      .add_option("--event-decay", settings.event_decay,
                  "time constant (ms) of the decay of event currents; default inf: current jumps persist")
      ->type_name("MS");
}

RunSettings combined_settings(const ProblemFlags& flags, const RunSettings& command_settings) {
  RunSettings from_flags = overlay(flags.settings, command_settings);
  for (const auto& [name, text] : flags.method_option_text) {
    const MethodOptionInfo& option = method_option(name);
    from_flags.method_options[name] = parse_option_text(option, text, option.flag);
  }
  for (const auto& assignment : flags.parameters) {
    const auto [name, value] = parse_parameter_assignment(assignment);
    from_flags.parameters[name] = value;
  }
  RunSettings settings = flags.config ? read_run_settings(*flags.config) : RunSettings{};
  return overlay(std::move(settings), from_flags);
}

}  // namespace neurodyn::cli
