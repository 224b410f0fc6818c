// models(), presets(), methods(): the catalogs the command line prints and the HTTP API serves, as Python lists.
#include "neurodyn/model/catalog.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "bindings.hpp"
#include "json_to_python.hpp"
#include "neurodyn/serve/catalog_api.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

// The presets, or those of one model (checked: an unknown model raises ValueError listing the known ones).
py::object presets(const std::optional<std::string>& model) {
  nlohmann::json all = presets_json();
  if (!model) return to_python(all);
  const std::string name(model_info(*model).name);
  auto chosen = nlohmann::json::array();
  for (auto& preset : all) {
    if (preset["model"] == name) chosen.push_back(std::move(preset));
  }
  return to_python(chosen);
}

}  // namespace

void add_catalog(py::module_& module) {
  module.def(
      "models", [] { return to_python(models_json()); },
      "The models: a list of dicts {name, title, citation, current_unit, has_reset, parameters: [{name, unit, "
      "default, min, max, meaning}], state_variables: [{name, unit, meaning}]}.");
  module.def("presets", &presets, py::arg("model") = py::none(),
             "The named configurations (of one model when given): a list of dicts {name, model, description, "
             "source, parameters: {name: value}, v0, u0, stimulus, t_end (ms), published_dt (ms), "
             "published_spike_count}, None where a preset sets no value.");
  module.def(
      "methods", [] { return to_python(methods_json()); },
      "The solvers: a list of dicts {name, title, order, adaptive, implicit, description, options: [{name, unit, "
      "allowed, default, meaning}]} (the options are the keyword arguments of simulate that the method reads).");
}

}  // namespace neurodyn::python
