#pragma once
// The registry entry of Izhikevich's published scheme (published_scheme_driver.hpp).
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "published_scheme_driver.hpp"

namespace neurodyn::detail {

struct PublishedScheme {
  static constexpr MethodInfo info{
      "izhikevich-published", "the scheme of Izhikevich's published code", 1, false, false,
      "Euler for v, then u from the new v, reset in the same step, spikes on the grid, samples labelled "
      "with the step's start (Izhikevich 2004, docs/reference.md 1.1); switches: --u-from-old-v, "
      "--reset-next-step, --v-substeps 2"};

  template <class M>
  static constexpr bool applies_to = PublishedSchemeModel<M>;

  template <NeuronModel M>
  static void require_applicable(const M&, const Problem& problem) {
    if constexpr (!PublishedSchemeModel<M>) {
      throw InputError(fmt::format("method = 'izhikevich-published' is the scheme of Izhikevich's codes; model {} "
                                   "is not one of his; allowed: izh2003, izh2007",
                                   M::name));
    }
    if (!problem.events.empty()) {
      throw InputError("method = 'izhikevich-published' samples its input on its own grid and cannot apply input "
                       "events at their times; allowed: a method that steps to breakpoints (rk4, dopri5, ...), or "
                       "the events written as a stimulus");
    }
  }

  template <PublishedSchemeModel M>
  using Driver = PublishedSchemeDriver<M>;
};

}  // namespace neurodyn::detail
