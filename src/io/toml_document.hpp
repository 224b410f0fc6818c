#pragma once
// The one place where TOML files are read (toml11). The text is bounded before it is parsed
// (toml_input_bounds.hpp): at most 64 KiB, valid UTF-8, tables and arrays at most 64 levels deep.
#include <filesystem>
#include <string>
#include <toml.hpp>

namespace neurodyn::io_detail {

// Throws FileError naming the path when the file cannot be read; InputError naming it for a directory, a
// file over max_toml_bytes, text that is not UTF-8 or nests too deeply, and malformed TOML (with the line).
toml::value read_toml_file(const std::filesystem::path& path);

// The same for text already read; `path` only names it in messages.
toml::value parse_toml_text(std::string text, const std::filesystem::path& path);

}  // namespace neurodyn::io_detail
