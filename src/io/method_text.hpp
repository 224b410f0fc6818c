#pragma once
// The config-file names of method options that the solve layer has no text for.
#include <string_view>

#include "neurodyn/solve/method.hpp"

namespace neurodyn {

std::string_view newton_failure_name(NewtonFailurePolicy policy);

// "fail" | "halve-step"; throws InputError naming the value and the allowed ones.
NewtonFailurePolicy parse_newton_failure(std::string_view text);

}  // namespace neurodyn
