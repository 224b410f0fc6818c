#pragma once
// Runs of the current-search analyses (thresholds.cpp, hysteresis.cpp): each needs the run to have finished.
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn::analysis_detail {

// Throws InputError naming the analysis, the current and the solver's status and message unless the run ended
// ok (a runaway burst counts as finished where `runaway_is_firing`: it did fire).
inline void require_finished(std::string_view analysis, double current, const Solution& solution,
                             bool runaway_is_firing = false) {
  if (solution.ok() || (runaway_is_firing && solution.status == SolveStatus::runaway_burst)) return;
  throw InputError(fmt::format("{}: the run at I = {:g} failed ({}): {}; choose another method or a smaller step",
                               analysis, current, to_string(solution.status), solution.message));
}

inline RecordOptions spikes_only() {
  RecordOptions record;
  record.mode = RecordOptions::Mode::spikes_only;
  return record;
}

}  // namespace neurodyn::analysis_detail
