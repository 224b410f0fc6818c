#pragma once
// The '#' lines that open every result file and the names of its columns.
#include <string>
#include <string_view>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn {

// A unit as a token for a column name: "mV/ms (model units)" -> "mV_per_ms", "uA/cm^2" -> "uA_per_cm2",
// "" or "dimensionless" -> "".
std::string column_unit_token(std::string_view unit);

// "v" and "mV" -> "v_mV"; "m" and "" -> "m".
std::string column_name(std::string_view name, std::string_view unit);

// Program version, `units_line` (what the columns hold), the solver's status and statistics, and the
// effective configuration (to_toml(run), each line behind "# "), one '#' line each.
std::string result_header(const EffectiveRun& run, const Solution& solution, std::string_view units_line);

}  // namespace neurodyn
