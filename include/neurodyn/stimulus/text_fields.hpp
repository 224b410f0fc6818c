#pragma once
// Reading text tables and specs: strict numbers (the whole text must be the number) and the fields of a
// line. Shared by the stimulus specs and tables and by the trace files of `neurodyn stats`.
#include <optional>
#include <string_view>
#include <vector>

namespace neurodyn {

// A decimal or scientific double, with an optional leading '+'; "inf", "-inf" and "nan" are read as such
// (callers decide whether they are allowed).
std::optional<double> read_double(std::string_view text);

// A decimal integer with an optional sign (long long range).
std::optional<long long> read_integer(std::string_view text);

// An unsigned decimal integer (uint64 range), for seeds.
std::optional<unsigned long long> read_unsigned(std::string_view text);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

// The fields of a table row, separated by spaces, tabs, commas or CR (runs of separators count as one).
std::vector<std::string_view> split_fields(std::string_view line);

}  // namespace neurodyn
