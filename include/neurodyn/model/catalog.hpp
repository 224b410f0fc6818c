#pragma once
// The run-time view of the models: names, parameter tables, presets, and construction from user values.
// Adding a model = its header (neuron_model.hpp, model_traits.hpp) plus one entry in AnyModel; the catalog
// (src/model/catalog.cpp) reads every alternative of AnyModel.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "neurodyn/model/adex.hpp"
#include "neurodyn/model/fitzhugh_nagumo.hpp"
#include "neurodyn/model/fitzhugh_nagumo_lienard.hpp"
#include "neurodyn/model/fitzhugh_nagumo_scaled.hpp"
#include "neurodyn/model/hodgkin_huxley.hpp"
#include "neurodyn/model/hodgkin_huxley_reduced.hpp"
#include "neurodyn/model/izhikevich2003.hpp"
#include "neurodyn/model/izhikevich2007.hpp"
#include "neurodyn/model/leaky_integrate_and_fire.hpp"

namespace neurodyn {

using AnyModel = std::variant<Izhikevich2003, Izhikevich2007, FitzHughNagumo, FitzHughNagumoLienard,
                              LeakyIntegrateAndFire, AdEx, HodgkinHuxley, HodgkinHuxleyReduced, ScaledFitzHughNagumo>;

using ParameterValues = std::map<std::string, double, std::less<>>;

struct ModelInfo {
  std::string_view name;  // "izh2003"
  std::string_view title;
  std::string_view citation;
  std::string_view current_unit;
  bool has_reset;
  std::vector<ParameterInfo> parameters;
  std::vector<StateVariableInfo> state_variables;
  std::vector<FittingRange> fitting_ranges;  // the parameters a fit frees by default, and where it searches
};

const std::vector<ModelInfo>& model_catalog();

// Throws InputError naming the model and listing the known ones.
const ModelInfo& model_info(std::string_view model_name);

// The model with its defaults, overridden by `values`. Throws InputError for an unknown parameter
// (listing the model's parameters) or a value outside the table's range.
AnyModel make_model(std::string_view model_name, const ParameterValues& values = {});

std::string_view model_name(const AnyModel& model);
ParameterValues parameter_values(const AnyModel& model);

// The initial state: the model's default, or v0 and the recovery variable u0 as given, each in the unit of the
// model's first and second state variable (mV and pA for izh2007, dimensionless for fhn). Throws InputError for
// a value outside the variable's initial interval (StateVariableInfo), or a u0 for a model whose second state
// variable is not a recovery variable (Hodgkin-Huxley).
std::vector<double> initial_state(const AnyModel& model, std::optional<double> v0, std::optional<double> u0);

// A named, published configuration: model, parameters, initial state, stimulus and span.
struct Preset {
  std::string name;         // unique across models: "izh2004-A", "izh2007-RS", "adex-tonic", ...
  std::string model;        // model name
  std::string description;  // one line: "tonic spiking (2004 figure 1, panel A)"
  std::string source;       // citation of where the numbers come from
  ParameterValues parameters;
  std::optional<double> v0;  // mV
  std::optional<double> u0;  // recovery variable, model units
  std::string stimulus;      // stimulus spec (see stimulus/parse.hpp)
  double t_end_ms = 0.0;
  std::optional<double> published_dt_ms;  // the step of the published code, where one exists
  std::optional<int> published_spike_count;  // docs/reference.md 1.2 count under the published scheme
};

const std::vector<Preset>& preset_catalog();

// Throws InputError naming the preset and listing close or all names.
const Preset& find_preset(std::string_view preset_name);

}  // namespace neurodyn
