#pragma once
// GET /api/models, /api/presets, /api/methods: what exists, from the library's catalogs, as JSON.
#include <nlohmann/json.hpp>

namespace neurodyn {

// [{"name", "title", "citation", "current_unit", "has_reset",
//   "parameters": [{"name", "unit", "default", "min", "max", "meaning"}],
//   "state_variables": [{"name", "unit", "meaning"}]}]
nlohmann::json models_json();

// [{"name", "model", "description", "source", "parameters": {name: value}, "v0", "u0", "stimulus", "t_end",
//   "published_dt", "published_spike_count"}] (null where a preset sets no value)
nlohmann::json presets_json();

// [{"name", "title", "order", "adaptive", "implicit", "description",
//   "options": [{"name", "unit", "allowed", "default", "meaning"}] (the method options it reads)}]
nlohmann::json methods_json();

}  // namespace neurodyn
