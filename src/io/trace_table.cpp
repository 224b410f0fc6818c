#include "neurodyn/io/trace_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <string_view>

#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"
#include "neurodyn/stimulus/text_fields.hpp"
#include "neurodyn/text_excerpt.hpp"

namespace neurodyn {
namespace {

bool names_voltage(std::string_view name) {
  return !name.empty() && std::tolower(static_cast<unsigned char>(name.front())) == 'v';
}

void require_column(std::string_view what, int column) {
  if (column < 0) throw InputError(fmt::format("{} = {} is not allowed; allowed: a column number >= 0", what, column));
}

}  // namespace

TraceTable read_trace_table(const std::filesystem::path& path, const TraceTableOptions& options) {
  require_column("time column", options.time_column);
  if (options.voltage_column) require_column("voltage column", *options.voltage_column);
  if (options.current_column) require_column("current column", *options.current_column);
  if (!(options.time_scale_ms > 0.0) || !std::isfinite(options.time_scale_ms)) {
    throw InputError(
        fmt::format("time scale = {:g} ms is not allowed; allowed: a finite value > 0", options.time_scale_ms));
  }
  std::ifstream file = open_text_input(path, "trace file");
  TraceTable table;
  std::vector<std::string> header;
  std::string line;
  for (long line_number = 1; std::getline(file, line); ++line_number) {
    const auto fields = split_fields(line);
    if (fields.empty() || fields.front().starts_with('#')) continue;
    std::vector<double> values;
    for (const auto field : fields) {
      const auto value = read_double(field);
      if (!value) break;
      values.push_back(*value);
    }
    if (values.size() != fields.size()) {
      if (table.time_ms.empty() && header.empty()) {  // the header row
        header.assign(fields.begin(), fields.end());
        continue;
      }
      throw InputError(fmt::format("trace file '{}', line {}: '{}' is not a row of numbers", path.string(),
                                   line_number, printable_excerpt(line)));
    }
    if (const auto bad = std::ranges::find_if(values, [](double value) { return !std::isfinite(value); });
        bad != values.end()) {
      throw InputError(fmt::format("trace file '{}', line {}, column {}: {} is not allowed; allowed: finite numbers",
                                   path.string(), line_number, bad - values.begin(), *bad));
    }
    if (table.time_ms.empty()) {
      if (!options.voltage_column) {
        const auto named = std::ranges::find_if(header, names_voltage);
        table.voltage_column =
            named != header.end() ? static_cast<int>(named - header.begin()) : static_cast<int>(fields.size()) - 1;
      } else {
        table.voltage_column = *options.voltage_column;
      }
      if (table.voltage_column == options.time_column) {
        throw InputError(fmt::format(
            "trace file '{}' has one column{}; a trace needs a time and a voltage column (a spike list such as "
            "spikes.csv of `neurodyn simulate` is read through its result folder)",
            path.string(), header.empty() ? std::string() : fmt::format(" ('{}')", printable_excerpt(header.front()))));
      }
    }
    const auto value_at = [&](int column, std::string_view what) {
      if (static_cast<std::size_t>(column) >= values.size()) {
        throw InputError(fmt::format("trace file '{}', line {}: the {} column {} is missing (the line has {} columns)",
                                     path.string(), line_number, what, column, values.size()));
      }
      return values[static_cast<std::size_t>(column)];
    };
    const double t = value_at(options.time_column, "time") * options.time_scale_ms;
    if (!table.time_ms.empty() && t < table.time_ms.back()) {
      throw InputError(
          fmt::format("trace file '{}', line {}: time {:g} ms comes before {:g} ms; allowed: "
                      "non-decreasing times",
                      path.string(), line_number, t, table.time_ms.back()));
    }
    table.time_ms.push_back(t);
    table.voltage_mV.push_back(value_at(table.voltage_column, "voltage"));
    if (options.current_column) table.current.push_back(value_at(*options.current_column, "current"));
  }
  if (table.time_ms.empty()) throw InputError(fmt::format("trace file '{}' has no rows of numbers", path.string()));
  const auto column = static_cast<std::size_t>(table.voltage_column);
  table.voltage_name = column < header.size() ? header[column] : fmt::format("column {}", column);
  return table;
}

}  // namespace neurodyn
