#include "neurodyn/text_input.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <system_error>

#include "neurodyn/error.hpp"

namespace neurodyn {

namespace {

std::string_view kind_of(std::filesystem::file_type type) {
  switch (type) {
    case std::filesystem::file_type::directory: return "a directory";
    case std::filesystem::file_type::character: return "a character device";
    case std::filesystem::file_type::block: return "a block device";
    case std::filesystem::file_type::fifo: return "a pipe";
    case std::filesystem::file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

}  // namespace

void require_regular_file(const std::filesystem::path& path, std::string_view what, std::string_view allowed) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || status.type() == std::filesystem::file_type::not_found) {
    const std::error_code reason = error ? error : std::make_error_code(std::errc::no_such_file_or_directory);
    throw FileError(fmt::format("cannot read {} '{}': {}", what, path.string(), reason.message()));
  }
  if (status.type() != std::filesystem::file_type::regular) {
    throw InputError(
        fmt::format("{} '{}' is {}; allowed: {}", what, path.string(), kind_of(status.type()), allowed));
  }
}

std::ifstream open_text_input(const std::filesystem::path& path, std::string_view what) {
  require_regular_file(path, what, "a regular text file");
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (!error && size > max_text_input_bytes) {
    throw InputError(fmt::format("{} '{}' has {} bytes; allowed: at most {} bytes (1 GiB)", what, path.string(),
                                 size, max_text_input_bytes));
  }
  std::ifstream file(path);
  if (!file) {
    throw FileError(fmt::format("cannot read {} '{}': {}", what, path.string(),
                                std::error_code(errno, std::generic_category()).message()));
  }
  return file;
}

std::vector<std::string_view> csv_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t comma; (comma = line.find(',')) != std::string_view::npos; line.remove_prefix(comma + 1)) {
    fields.push_back(line.substr(0, comma));
  }
  fields.push_back(line);
  return fields;
}

double parse_number_field(std::string_view text, const std::filesystem::path& file, long line,
                          std::string_view column) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    throw InputError(fmt::format("{} line {}: {} '{}' is not a finite number", file.string(), line, column, text));
  }
  return value;
}

}  // namespace neurodyn
