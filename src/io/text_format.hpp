#pragma once
// Text for the files we write: TOML values, comment lines, unit labels.
#include <string>
#include <string_view>

namespace neurodyn {

// A TOML basic string: quoted, with backslash, quote and control characters escaped.
std::string toml_string(std::string_view text);

// A TOML float with the shortest text that reads back to the same double ("0.02", "100.0", "1e-06").
// The value must be finite.
std::string toml_float(double value);

// Text for a '#' comment: line breaks become spaces.
std::string single_line(std::string_view text);

// A CSV field (RFC 4180): as it is, or in double quotes (inner quotes doubled) when it holds a comma, a quote or a
// line break.
std::string csv_field(std::string_view text);

// The unit as written in headers: "dimensionless" for "".
std::string_view unit_label(std::string_view unit);

// The unit as written on axes and in column names: without a remark in parentheses ("mV/ms (model units)"
// -> "mV/ms"), and "" for a dimensionless quantity.
std::string_view unit_symbol(std::string_view unit);

}  // namespace neurodyn
