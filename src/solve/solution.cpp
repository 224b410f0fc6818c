#include "neurodyn/solve/solution.hpp"

namespace neurodyn {

std::string_view to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::ok: return "ok";
    case SolveStatus::max_steps: return "max-steps";
    case SolveStatus::step_too_small: return "step-too-small";
    case SolveStatus::newton_failure: return "newton-failure";
    case SolveStatus::series_divergence: return "series-divergence";
    case SolveStatus::unstable: return "unstable";
    case SolveStatus::runaway_burst: return "runaway-burst";
  }
  return "unknown";
}

}  // namespace neurodyn
