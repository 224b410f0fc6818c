#pragma once
// A numerical failure of a run: the status it ends with and the message that says what happened, when and
// in which state. Functions that can fail return std::optional<Failure> (empty: go on).
#include <optional>
#include <string>

#include "neurodyn/solve/solution.hpp"

namespace neurodyn::detail {

struct Failure {
  SolveStatus status;
  std::string message;
};

using MaybeFailure = std::optional<Failure>;

}  // namespace neurodyn::detail
