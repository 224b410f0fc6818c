#include "neurodyn/stimulus/text_fields.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

namespace neurodyn {
namespace {

template <class T>
std::optional<T> read_all(std::string_view text) {
  if (text.starts_with('+') && !text.starts_with("+-")) text.remove_prefix(1);
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<double> read_double(std::string_view text) { return read_all<double>(text); }
std::optional<long long> read_integer(std::string_view text) { return read_all<long long>(text); }
std::optional<unsigned long long> read_unsigned(std::string_view text) {
  return read_all<unsigned long long>(text);
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view blank = " \t\r\n";
  const auto first = text.find_first_not_of(blank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blank) - first + 1);
}

std::vector<std::string_view> split_fields(std::string_view line) {
  constexpr std::string_view separators = " \t\r,";
  std::vector<std::string_view> fields;
  std::size_t position = line.find_first_not_of(separators);
  while (position != std::string_view::npos) {
    const std::size_t end = std::min(line.find_first_of(separators, position), line.size());
    fields.push_back(line.substr(position, end - position));
    position = line.find_first_not_of(separators, end);
  }
  return fields;
}

}  // namespace neurodyn
