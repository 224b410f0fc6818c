#pragma once
// I(t) sampled for drawing: a uniform grid plus both one-sided values at every jump, so that steps and
// short pulses are drawn with vertical edges at the right times whatever the grid.
#include <cstddef>
#include <vector>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

struct Curve {
  std::vector<double> x;
  std::vector<double> y;
};

Curve stimulus_curve(const Stimulus& stimulus, double t_start, double t_end, std::size_t grid_points);

}  // namespace neurodyn
