#pragma once
// The JSON body of POST /api/simulate (layout in include/neurodyn/serve/simulate_api.hpp) as run settings,
// checked for shape: unknown keys, values of the wrong type. Values are checked later by resolve().
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/serve/simulate_api.hpp"

namespace neurodyn::serve_detail {

struct SimulateRequest {
  RunSettings settings;
  std::optional<RunSettings> compare;  // the main settings with the compare object's method keys instead
  std::size_t samples = 0;             // per returned trace
};

// Throws InputError naming the key, the value and what is allowed.
SimulateRequest parse_simulate_request(const nlohmann::json& request, const ApiLimits& limits);

}  // namespace neurodyn::serve_detail
