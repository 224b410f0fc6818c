#pragma once
// Pieces the PINN modes share: the check of an option, and the model's guard and reset on a state given as values.
#include <fmt/format.h>

#include <span>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace neurodyn::detail {

// Throws InputError "FIELD = VALUE: must be ALLOWED" unless ok.
inline void require_option(bool ok, std::string_view field, double value, std::string_view allowed) {
  if (!ok) throw InputError(fmt::format("{} = {:g}: must be {}", field, value, allowed));
}

// use(model, x) with x the model's State holding `values` (one per state variable, in the model's units; another
// count is a std::logic_error).
template <class F>
auto with_state(const AnyModel& model, std::span<const double> values, F&& use) {
  return std::visit(
      [&](const auto& m) {
        typename std::decay_t<decltype(m)>::State x;
        if (values.size() != static_cast<std::size_t>(x.size())) {
          throw std::logic_error("a state of another dimension than the model's");
        }
        for (int j = 0; j < x.size(); ++j) x[j] = values[static_cast<std::size_t>(j)];
        return use(m, x);
      },
      model);
}

// The model's spike guard: negative below the spike.
inline double guard_of(const AnyModel& model, std::span<const double> state) {
  return with_state(model, state, [](const auto& m, const auto& x) { return m.guard(x); });
}

// The state after the model's reset map and how long it is held there (ms); a model without a reset goes on.
inline std::pair<std::vector<double>, double> reset_of(const AnyModel& model, std::span<const double> state) {
  return with_state(model, state, [&](const auto& m, const auto& x) -> std::pair<std::vector<double>, double> {
    if constexpr (!std::decay_t<decltype(m)>::has_reset) {
      return {std::vector<double>(state.begin(), state.end()), 0.0};
    } else {
      const auto outcome = m.reset(x);
      return {std::vector<double>(outcome.state.data(), outcome.state.data() + outcome.state.size()), outcome.hold_ms};
    }
  });
}

}  // namespace neurodyn::detail
