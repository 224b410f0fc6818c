#pragma once
// The phase plane of a model: a two-variable model is its own plane; the Hodgkin-Huxley model is drawn in the
// plane (v, n) of its reduction hh-reduced (m = m_inf(v), h = 0.8 - n, Rinzel 1985), whose membrane parameters
// are carried over from the full model; the other models (leaky integrate-and-fire: one variable) have none.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "neurodyn/model/catalog.hpp"

namespace neurodyn {

struct PlanarReduction {
  AnyModel plane;  // the two-variable model whose plane is drawn
  // Which state variables of the original model the plane's two axes show (v first).
  std::array<std::size_t, 2> axes{0, 1};
  // Empty for a two-variable model; otherwise one line naming the reduction and its assumptions.
  std::string description;

  bool is_reduction() const { return !description.empty(); }
  // The original model's state shown on the plane (its values on the two axes).
  std::vector<double> projected(std::span<const double> state) const { return {state[axes[0]], state[axes[1]]}; }
};

std::optional<PlanarReduction> planar_reduction(const AnyModel& model);

}  // namespace neurodyn
