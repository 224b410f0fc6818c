#include "method_text.hpp"

#include <fmt/format.h>

#include "neurodyn/error.hpp"

namespace neurodyn {

std::string_view newton_failure_name(NewtonFailurePolicy policy) {
  return policy == NewtonFailurePolicy::fail ? "fail" : "halve-step";
}

NewtonFailurePolicy parse_newton_failure(std::string_view text) {
  for (const auto policy : {NewtonFailurePolicy::fail, NewtonFailurePolicy::halve_step}) {
    if (text == newton_failure_name(policy)) return policy;
  }
  throw InputError(fmt::format("newton_failure = '{}' is not a policy; allowed: fail, halve-step", text));
}

}  // namespace neurodyn
