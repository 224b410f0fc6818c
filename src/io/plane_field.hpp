#pragma once
// The vector field of a two-variable model over a rectangle of its phase plane, for drawing the flow as arrows.
#include <cstddef>
#include <optional>
#include <vector>

#include "neurodyn/model/catalog.hpp"

namespace neurodyn {

struct PlaneField {
  std::size_t points_per_axis = 0;
  // Row-major over the grid, x outermost: entry i * points_per_axis + j is at (x_i, y_j).
  std::vector<double> x, y;
  std::vector<double> dx, dy;  // the two components of the model's right-hand side
};

// f(x, y) of `model` with the constant input `current` (model units) on an n x n grid spanning
// [x_low, x_high] x [y_low, y_high]; nullopt unless the model has exactly two state variables.
std::optional<PlaneField> plane_field(const AnyModel& model, double current, double x_low, double x_high, double y_low,
                                      double y_high, std::size_t n);

}  // namespace neurodyn
