#pragma once
// Reading a current table from a text file (the `file:` stimulus).
#include <string>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::stimulus_detail {

// Reads columns `time_column` and `current_column` (0-based) of a text file whose fields are separated by
// whitespace and/or commas (a run of separators counts as one). Blank lines and lines starting with '#' are
// skipped; the first other line is skipped as a header when one of its fields is not a number. Times are
// multiplied by `time_scale` to give ms and must increase strictly.
// Throws FileError naming the path when the file cannot be read, InputError naming the file, the line and
// the value for a bad row.
CurrentTable read_current_table(const std::string& path, int time_column, int current_column, double time_scale);

}  // namespace neurodyn::stimulus_detail
