#include "neurodyn/serve/catalog_api.hpp"

#include <string_view>
#include <variant>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/solve/method_options.hpp"

namespace neurodyn {

namespace {

template <class T>
nlohmann::json value_or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json parameter_json(const ParameterInfo& parameter) {
  return {{"name", parameter.name}, {"unit", parameter.unit}, {"default", parameter.default_value},
          {"min", parameter.min},   {"max", parameter.max},   {"meaning", parameter.meaning}};
}

nlohmann::json state_variable_json(const StateVariableInfo& variable) {
  return {{"name", variable.name}, {"unit", variable.unit}, {"meaning", variable.meaning}};
}

}  // namespace

nlohmann::json models_json() {
  auto models = nlohmann::json::array();
  for (const ModelInfo& model : model_catalog()) {
    auto parameters = nlohmann::json::array();
    for (const auto& parameter : model.parameters) parameters.push_back(parameter_json(parameter));
    auto variables = nlohmann::json::array();
    for (const auto& variable : model.state_variables) variables.push_back(state_variable_json(variable));
    models.push_back({{"name", model.name},
                      {"title", model.title},
                      {"citation", model.citation},
                      {"current_unit", model.current_unit},
                      {"has_reset", model.has_reset},
                      {"parameters", std::move(parameters)},
                      {"state_variables", std::move(variables)}});
  }
  return models;
}

nlohmann::json presets_json() {
  auto presets = nlohmann::json::array();
  for (const Preset& preset : preset_catalog()) {
    presets.push_back({{"name", preset.name},
                       {"model", preset.model},
                       {"description", preset.description},
                       {"source", preset.source},
                       {"parameters", preset.parameters},
                       {"v0", value_or_null(preset.v0)},
                       {"u0", value_or_null(preset.u0)},
                       {"stimulus", preset.stimulus},
                       {"t_end", preset.t_end_ms},
                       {"published_dt", value_or_null(preset.published_dt_ms)},
                       {"published_spike_count", value_or_null(preset.published_spike_count)}});
  }
  return presets;
}

// The options a method reads: the keys a request may set for it, with what each allows.
nlohmann::json options_json(std::string_view method_name) {
  auto options = nlohmann::json::array();
  for (const MethodOptionInfo& option : method_option_table()) {
    if (!option_applies_to(option, method_name)) continue;
    nlohmann::json entry = {{"name", option.name},   {"unit", option.unit},
                            {"allowed", allowed_values(option)}, {"meaning", option.meaning}};
    std::visit([&](const auto& value) { entry["default"] = value; }, default_value(option));
    options.push_back(std::move(entry));
  }
  return options;
}

nlohmann::json methods_json() {
  auto methods = nlohmann::json::array();
  for (const MethodInfo& method : method_catalog()) {
    methods.push_back({{"name", method.name},
                       {"title", method.title},
                       {"order", method.order},
                       {"adaptive", method.adaptive},
                       {"implicit", method.implicit},
                       {"description", method.description},
                       {"options", options_json(method.name)}});
  }
  return methods;
}

}  // namespace neurodyn
