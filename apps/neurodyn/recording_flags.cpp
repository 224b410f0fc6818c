#include "recording_flags.hpp"

#include <fmt/format.h>

#include <initializer_list>
#include <iostream>
#include <utility>
#include <string_view>

#include "neurodyn/error.hpp"
#include "number_list.hpp"

namespace neurodyn::cli {

namespace {

// Times read as ms that are spaced less than a microsecond apart are almost surely seconds.
void warn_if_seconds(const Recording& recording, std::string_view time_unit) {
  const auto& times = recording.sweeps.front().time_ms;
  if (recording.format != RecordingFormat::text || time_unit != "ms" || times.size() < 2) return;
  const double interval = (times.back() - times.front()) / static_cast<double>(times.size() - 1);
  if (interval < 1e-3) {
    std::cerr << fmt::format(
        "warning: '{}' read in ms is {:g} ms long, sampled every {:g} ms ({:.3g} MHz); if its times are in seconds, "
        "pass --time-unit s\n",
        recording.path.string(), times.back() - times.front(), interval, 1e-3 / interval);
  }
}

// The value of one unit in the base unit (the first of `units`), or InputError naming the flag.
double unit_scale(std::string_view flag, const std::string& unit,
                  std::initializer_list<std::pair<std::string_view, double>> units) {
  for (const auto& [name, scale] : units) {
    if (unit == name) return scale;
  }
  std::string allowed;
  for (const auto& [name, scale] : units) allowed += fmt::format("{}{}", allowed.empty() ? "" : ", ", name);
  throw InputError(fmt::format("{} '{}' is not allowed; allowed: {}", flag, unit, allowed));
}

}  // namespace

Recording RecordingFlags::read() const {
  TextRecordingOptions text{time_column, voltage_column, current_column};
  text.time_scale_ms = unit_scale("--time-unit", time_unit, {{"ms", 1.0}, {"s", 1000.0}});
  text.voltage_scale_mV = unit_scale("--voltage-unit", voltage_unit, {{"mV", 1.0}, {"V", 1000.0}, {"uV", 1e-3}});
  text.current_scale_pA = unit_scale("--current-unit", current_unit, {{"pA", 1.0}, {"nA", 1000.0}, {"A", 1e12}});
  Recording recording = read_recording(path, text);
  warn_if_seconds(recording, time_unit);
  return recording;
}

std::vector<int> RecordingFlags::sweep_numbers() const {
  return sweeps ? parse_index_list("--sweeps", *sweeps) : std::vector<int>{};
}

void add_recording_flags(CLI::App& command, RecordingFlags& flags, std::string_view path_help, bool selects_sweeps) {
  command.add_option("file", flags.path, std::string(path_help))->required()->type_name("FILE");
  command.add_option("--time-unit", flags.time_unit, "text tables: unit of the time column, ms (default) or s")
      ->type_name("ms|s");
  command.add_option("--voltage-unit", flags.voltage_unit, "text tables: unit of the voltage column, mV (default), V or uV")
      ->type_name("mV|V|uV");
  command.add_option("--current-unit", flags.current_unit, "text tables: unit of the current column, pA (default), nA or A")
      ->type_name("pA|nA|A");
  command.add_option("--time-col", flags.time_column, "text tables: time column, from 0 (default 0)")->type_name("N");
  command
      .add_option("--voltage-col", flags.voltage_column,
                  "text tables: voltage column in mV (default: the header's v... column, else the last)")
      ->type_name("N");
  command.add_option("--current-col", flags.current_column, "text tables: the injected current's column (pA)")
      ->type_name("N");
  if (selects_sweeps) {
    command.add_option("--sweeps", flags.sweeps, "recordings: sweeps numbered from 0 (\"0,3,5-8\"); default all")
        ->type_name("LIST");
  }
}

}  // namespace neurodyn::cli
