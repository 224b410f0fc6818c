#pragma once
// Strict reading of numbers from text: the whole text must be the number (no trailing characters).
#include <optional>
#include <string_view>

namespace neurodyn::stimulus_detail {

// A decimal or scientific double, with an optional leading '+'; "inf", "-inf" and "nan" are read as such
// (callers decide whether they are allowed).
std::optional<double> read_double(std::string_view text);

// A decimal integer with an optional sign (long long range).
std::optional<long long> read_integer(std::string_view text);

// An unsigned decimal integer (uint64 range), for seeds.
std::optional<unsigned long long> read_unsigned(std::string_view text);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

}  // namespace neurodyn::stimulus_detail
