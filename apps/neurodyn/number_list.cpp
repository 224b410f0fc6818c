#include "number_list.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "neurodyn/error.hpp"

namespace neurodyn::cli {

std::vector<double> parse_numbers(std::string_view flag, const std::string& text, char separator, std::size_t count) {
  std::vector<double> numbers;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    std::string_view field = std::string_view(text).substr(start, end - start);
    while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
    while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
    if (!field.empty() && field.front() == '+') field.remove_prefix(1);
    double value = 0.0;
    const auto [last, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || error != std::errc() || last != field.data() + field.size() || !std::isfinite(value)) {
      throw InputError(fmt::format("{} '{}': '{}' is not a finite number", flag, text, field));
    }
    numbers.push_back(value);
    if (end == text.size()) break;
    start = end + 1;
  }
  if (count != 0 && numbers.size() != count) {
    throw InputError(fmt::format("{} '{}' has {} numbers; expected {} separated by '{}'", flag, text, numbers.size(),
                                 count, separator));
  }
  return numbers;
}

std::pair<double, double> parse_interval(std::string_view flag, const std::string& text) {
  const auto ends = parse_numbers(flag, text, ':', 2);
  if (!(ends[0] < ends[1])) {
    throw InputError(fmt::format("{} '{}' is not allowed; allowed: FROM:TO with FROM < TO", flag, text));
  }
  return {ends[0], ends[1]};
}

std::vector<int> parse_index_list(std::string_view flag, const std::string& text) {
  constexpr int largest = 1'000'000;
  const auto whole = [&](std::string_view item, std::string_view field) {
    int value = 0;
    const auto [last, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || error != std::errc() || last != field.data() + field.size() || value < 0 || value > largest) {
      throw InputError(fmt::format("{} '{}': '{}' is not allowed; allowed: sweep numbers from 0 and ranges such as "
                                   "5-8, separated by ','",
                                   flag, text, item));
    }
    return value;
  };
  std::vector<int> indices;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string_view item = std::string_view(text).substr(start, end - start);
    const std::size_t dash = item.find('-', 1);
    const int first = whole(item, item.substr(0, dash));
    const int last = dash == std::string_view::npos ? first : whole(item, item.substr(dash + 1));
    if (last < first) {
      throw InputError(fmt::format("{} '{}': range '{}' runs backwards; allowed: FIRST-LAST with FIRST <= LAST", flag,
                                   text, item));
    }
    for (int index = first; index <= last; ++index) indices.push_back(index);
    if (end == text.size()) break;
    start = end + 1;
  }
  return indices;
}

}  // namespace neurodyn::cli
