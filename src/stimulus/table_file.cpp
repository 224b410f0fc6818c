#include "table_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"
#include "neurodyn/stimulus/text_fields.hpp"

namespace neurodyn::stimulus_detail {
namespace {

bool all_numbers(const std::vector<std::string_view>& fields) {
  return std::ranges::all_of(fields, [](std::string_view field) { return read_double(field).has_value(); });
}

// One row of the table file and where it came from, for messages.
class RowReader {
 public:
  RowReader(const std::string& path, long line_number, std::vector<std::string_view> fields)
      : path_(path), line_number_(line_number), fields_(std::move(fields)) {}

  double finite_value(int column, std::string_view key) const {
    const auto index = static_cast<std::size_t>(column);
    if (index >= fields_.size()) {
      throw InputError(fmt::format("stimulus table '{}', line {}: {} = {} needs {} columns but the line has {}",
                                   path_, line_number_, key, column, column + 1, fields_.size()));
    }
    const auto value = read_double(fields_[index]);
    if (!value || !std::isfinite(*value)) {
      throw InputError(
          fmt::format("stimulus table '{}', line {}: column {} = '{}' is not allowed; allowed: "
                      "a finite number",
                      path_, line_number_, column, fields_[index]));
    }
    return *value;
  }

 private:
  const std::string& path_;
  long line_number_;
  std::vector<std::string_view> fields_;
};

}  // namespace

CurrentTable read_current_table(const std::string& path, int time_column, int current_column, double time_scale) {
  CurrentTable table{.path = path,
                     .time_column = time_column,
                     .current_column = current_column,
                     .time_scale = time_scale,
                     .times = {},
                     .currents = {}};
  std::ifstream file = open_text_input(path, "stimulus table");
  std::string line;
  long line_number = 0;
  bool header_possible = true;
  double previous_time = 0.0;  // as written in the file, for messages
  while (std::getline(file, line)) {
    ++line_number;
    const std::string_view text = trim(line);
    if (text.empty() || text.starts_with('#')) continue;
    auto fields = split_fields(text);
    const bool header = header_possible && !all_numbers(fields);
    header_possible = false;
    if (header) continue;
    const RowReader row(path, line_number, std::move(fields));
    const double time = row.finite_value(time_column, "time_col");
    const double current = row.finite_value(current_column, "current_col");
    if (!table.times.empty() && !(time * time_scale > table.times.back())) {
      throw InputError(
          fmt::format("stimulus table '{}', line {}: time = {} is not after the previous time {}; "
                      "allowed: strictly increasing times",
                      path, line_number, time, previous_time));
    }
    previous_time = time;
    table.times.push_back(time * time_scale);
    table.currents.push_back(current);
  }
  if (file.bad()) {
    throw FileError(fmt::format("cannot read stimulus table '{}': read error after line {}", path, line_number));
  }
  if (table.times.empty()) {
    throw InputError(
        fmt::format("stimulus table '{}' has no data rows; allowed: at least one row of numbers", path));
  }
  return table;
}

}  // namespace neurodyn::stimulus_detail
