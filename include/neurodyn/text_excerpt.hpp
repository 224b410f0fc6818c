#pragma once
// Quoting what a user's file holds in an error message, safely: a binary file must not put raw bytes on a
// terminal.
#include <cstddef>
#include <string>
#include <string_view>

namespace neurodyn {

// The first `max_characters` of `text` with every byte that is not printable ASCII shown as '?' (a tab as a
// space), and "..." when it was cut.
std::string printable_excerpt(std::string_view text, std::size_t max_characters = 80);

}  // namespace neurodyn
