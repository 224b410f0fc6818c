#pragma once
// The one convention for numbers on stdout and in `# name: value` header lines: the unit is part of the key
// (`rheobase_pA: 51.80`, `window_ms: 500 1000`, `rate_hz: 6.67`), so scripts and people read them alike. A
// model's current or state unit joins the key as written in its tables, with '/' as "_per_" and without '^'
// ("uA/cm^2" -> `rheobase_uA_per_cm2`); a dimensionless quantity has no suffix (`rheobase` for fhn).
#include <string>
#include <string_view>

namespace neurodyn {

// NAME_UNIT, or NAME for a dimensionless unit ("", "dimensionless", "- (...)"); a remark in parentheses after the
// unit ("mV/ms (model units)") is left out.
std::string unit_key(std::string_view name, std::string_view unit);

}  // namespace neurodyn
