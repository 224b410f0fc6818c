#pragma once
// Input events (solve/input_events.hpp) from a CSV file, one event per line:
//
//   time_ms,target,weight
//   12.5,I,40        # the input current jumps by 40 (the model's current unit) at 12.5 ms
//   30.0,v,4.5       # v jumps by 4.5 mV at 30 ms
//
// `target` is `I` (the input current) or the name of one of the model's state variables; the weight is in the
// target's unit. A first line naming the columns, blank lines and lines starting with '#' are skipped.
#include <filesystem>
#include <string_view>

#include "neurodyn/solve/input_events.hpp"

namespace neurodyn {

// Throws FileError when the file cannot be read, InputError naming the file, the line and the field for a
// line that is not `time,target,weight`, a time or weight that is not a finite number, or a target the model
// lacks (listing those it has).
InputEvents read_input_events(const std::filesystem::path& file, std::string_view model_name, double current_decay_ms);

}  // namespace neurodyn
