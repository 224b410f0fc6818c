#pragma once
// Checks on the text of a TOML file made before it is parsed, so that the parser only ever sees text of a
// bounded size, encoding and depth (it recurses once per level of nesting).
#include <cstddef>
#include <string_view>

namespace neurodyn::io_detail {

// Run configs are a few kilobytes. toml11 takes time quadratic in the values on one line: a 64 KiB line of
// short strings or inline tables parses in about 5 s (Release), a 1 MiB one in tens of minutes.
inline constexpr std::size_t max_toml_bytes = 64 * 1024;
// Levels of tables and arrays: table header parts, dotted key parts, arrays and inline tables together.
inline constexpr int max_toml_nesting = 64;

// Throws InputError naming `source`, the line and the offending byte when `text` is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF included).
void require_utf8(std::string_view text, std::string_view source);

// Throws InputError naming `source` and the line when tables and arrays would nest deeper than
// max_toml_nesting. The depth counted is an upper bound on the document's: brackets, table header parts and
// dotted key parts outside strings and comments, whether or not the text is valid TOML.
void require_bounded_nesting(std::string_view text, std::string_view source);

}  // namespace neurodyn::io_detail
