#include "toml_document.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "neurodyn/error.hpp"
#include "toml_input_bounds.hpp"

namespace neurodyn::io_detail {

namespace {

std::string read_bounded(const std::filesystem::path& path) {
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    throw InputError(fmt::format("{} is a directory; allowed: a TOML file", path.string()));
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw FileError(
        fmt::format("cannot read {}: {}", path.string(), std::error_code(errno, std::generic_category()).message()));
  }
  // One byte more than allowed tells an oversized file (or an endless one: /dev/zero) without reading it all.
  std::string text(max_toml_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw FileError(fmt::format("cannot read {}: read error", path.string()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace

toml::value read_toml_file(const std::filesystem::path& path) { return parse_toml_text(read_bounded(path), path); }

toml::value parse_toml_text(std::string text, const std::filesystem::path& path) {
  if (text.size() > max_toml_bytes) {
    throw InputError(fmt::format("{} has more than {} bytes; allowed: a TOML file of at most {} bytes ({} KiB)",
                                 path.string(), max_toml_bytes, max_toml_bytes, max_toml_bytes / 1024));
  }
  require_utf8(text, path.string());
  require_bounded_nesting(text, path.string());
  std::istringstream in(std::move(text));
  try {
    return toml::parse(in, path.string());
  } catch (const toml::exception& error) {  // syntax_error, and whatever else the parser reports
    throw InputError(fmt::format("{}: malformed TOML:\n{}", path.string(), error.what()));
  }
}

}  // namespace neurodyn::io_detail
