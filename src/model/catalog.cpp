// The run-time view of the models: one loop over the alternatives of AnyModel builds the catalog, finds a
// model by name and applies user values through each model's parameter table.
#include "neurodyn/model/catalog.hpp"

#include <cmath>
#include <cstddef>
#include <fmt/format.h>
#include <type_traits>
#include <utility>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

// Calls visit(std::type_identity<M>{}) for every model type M of AnyModel, in order.
template <class Visitor>
void for_each_model_type(Visitor&& visit) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (visit(std::type_identity<std::variant_alternative_t<I, AnyModel>>{}), ...);
  }(std::make_index_sequence<std::variant_size_v<AnyModel>>{});
}

template <class M>
ModelInfo info_of() {
  ModelInfo info{M::name, M::title, M::citation, M::current_unit, M::has_reset, {}, {}, {}};
  for (const auto& field : M::parameters) info.parameters.push_back(field.info);
  info.state_variables.assign(M::state_variables.begin(), M::state_variables.end());
  info.fitting_ranges.assign(M::fitting_ranges.begin(), M::fitting_ranges.end());
  return info;
}

std::string known_model_names() {
  std::string names;
  for (const ModelInfo& info : model_catalog()) names += fmt::format("{}{}", names.empty() ? "" : ", ", info.name);
  return names;
}

InputError unknown_model(std::string_view model_name) {
  return InputError(fmt::format("model = '{}' is unknown; known models: {}", model_name, known_model_names()));
}

// The model with its defaults and `values` applied: every name must be in the table and every value in its
// range. A throw discards the half-configured local copy.
template <class M>
M configured(const ParameterValues& values) {
  M model{};
  for (const auto& [key, value] : values) {
    const ParameterField<M>* field = nullptr;
    for (const auto& candidate : M::parameters) {
      if (candidate.info.name == key) field = &candidate;
    }
    if (field == nullptr) {
      std::string names;
      for (const auto& candidate : M::parameters) {
        names += fmt::format("{}{}", names.empty() ? "" : ", ", candidate.info.name);
      }
      throw InputError(
          fmt::format("parameter '{}' is unknown for model {}; its parameters: {}", key, M::name, names));
    }
    require_in_range(fmt::format("{}.{}", M::name, key), value, field->info.min, field->info.max);
    model.*(field->member) = value;
  }
  return model;
}

void require_finite(std::string_view field, std::optional<double> value) {
  if (value && !std::isfinite(*value)) {
    throw InputError(fmt::format("{} = {:g} is not allowed; allowed: a finite value", field, *value));
  }
}

// An initial value for `variable` of model `model` within the variable's interval, in its unit.
void require_initial_value(std::string_view field, std::optional<double> value, std::string_view model,
                           const StateVariableInfo& variable) {
  if (!value || (variable.initial_min <= *value && *value <= variable.initial_max)) return;
  throw InputError(fmt::format("{} = {:g} is out of range for {} ({} is {}); allowed: [{:g}, {:g}]", field, *value,
                               model, variable.name,
                               variable.unit.empty() ? std::string("dimensionless") : fmt::format("in {}", variable.unit),
                               variable.initial_min, variable.initial_max));
}

}  // namespace

const std::vector<ModelInfo>& model_catalog() {
  static const std::vector<ModelInfo> catalog = [] {
    std::vector<ModelInfo> infos;
    for_each_model_type([&]<class M>(std::type_identity<M>) { infos.push_back(info_of<M>()); });
    return infos;
  }();
  return catalog;
}

const ModelInfo& model_info(std::string_view model_name) {
  for (const ModelInfo& info : model_catalog()) {
    if (info.name == model_name) return info;
  }
  throw unknown_model(model_name);
}

AnyModel make_model(std::string_view model_name, const ParameterValues& values) {
  std::optional<AnyModel> model;
  for_each_model_type([&]<class M>(std::type_identity<M>) {
    if (M::name == model_name) model = configured<M>(values);
  });
  if (!model) throw unknown_model(model_name);
  return *model;
}

std::string_view model_name(const AnyModel& model) {
  return std::visit([](const auto& m) { return std::string_view(std::decay_t<decltype(m)>::name); }, model);
}

ParameterValues parameter_values(const AnyModel& model) {
  return std::visit(
      [](const auto& m) {
        ParameterValues values;
        for (const auto& field : std::decay_t<decltype(m)>::parameters) {
          values.emplace(std::string(field.info.name), m.*(field.member));
        }
        return values;
      },
      model);
}

std::vector<double> initial_state(const AnyModel& model, std::optional<double> v0, std::optional<double> u0) {
  require_finite("v0", v0);
  require_finite("u0", u0);
  return std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        const auto state = m.initial_state(v0.value_or(m.default_initial_state()[0]), u0);  // refuses a u0 it lacks
        require_initial_value("v0", v0, M::name, M::state_variables[0]);
        if constexpr (M::dimension > 1) require_initial_value("u0", u0, M::name, M::state_variables[1]);
        return std::vector<double>(state.data(), state.data() + state.size());
      },
      model);
}

}  // namespace neurodyn
