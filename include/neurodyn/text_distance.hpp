#pragma once
// How far apart two names are, for "did you mean ...?" suggestions.
#include <cstddef>
#include <string>
#include <string_view>

namespace neurodyn {

// Levenshtein distance: the fewest single-character insertions, deletions and substitutions.
std::size_t edit_distance(std::string_view from, std::string_view to);

// The text in lower case (ASCII).
std::string lowercase(std::string_view text);

}  // namespace neurodyn
