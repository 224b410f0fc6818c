#pragma once
// A recorded or simulated voltage trace read from a text table: whitespace- and/or comma-separated columns,
// '#' comment lines, an optional header row of column names (trace.csv of `neurodyn simulate`, a recording
// exported as text). Used by `neurodyn stats`.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace neurodyn {

struct TraceTableOptions {
  int time_column = 0;                // counted from 0
  std::optional<int> voltage_column;  // default: the column named v... in the header, else the last column
  std::optional<int> current_column;  // read when set
  double time_scale_ms = 1.0;         // ms per unit of the file's time column (1000 for seconds)
};

struct TraceTable {
  std::vector<double> time_ms;
  std::vector<double> voltage_mV;
  std::vector<double> current;  // empty unless a current column was asked for
  int voltage_column = 0;       // the column used
  std::string voltage_name;     // its header name, or "column N"
};

// Throws FileError when the file cannot be read; InputError naming the file and line for a row that is not
// numbers, a column that a row lacks, no rows, times that decrease, or a bad option. Equal times are
// allowed (trace.csv of the published scheme records a reset as two samples at one time).
TraceTable read_trace_table(const std::filesystem::path& path, const TraceTableOptions& options = {});

}  // namespace neurodyn
