#pragma once
// Problems shared by the solve-layer tests.
#include <cmath>
#include <vector>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn::testing {

inline Problem problem_from_preset(std::string_view name, std::optional<double> t_end = std::nullopt) {
  const Preset& preset = find_preset(name);
  Problem problem;
  problem.model = make_model(preset.model, preset.parameters);
  problem.initial_state = initial_state(problem.model, preset.v0, preset.u0);
  problem.t_end = t_end.value_or(preset.t_end_ms);
  problem.stimulus = parse_stimulus(preset.stimulus, problem.t_end);
  return problem;
}

inline MethodOptions method(std::string name, double dt, SpikeHandling spikes = SpikeHandling::located) {
  MethodOptions options;
  options.name = std::move(name);
  options.dt = dt;
  options.spikes = spikes;
  return options;
}

inline Solution solve_spikes_only(const Problem& problem, const MethodOptions& options) {
  RecordOptions record;
  record.mode = RecordOptions::Mode::spikes_only;
  return solve(problem, options, record);
}

// Least-squares slope of log(error) against log(step): the observed order of convergence.
inline double observed_order(const std::vector<double>& steps, const std::vector<double>& errors) {
  double mean_x = 0, mean_y = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    mean_x += std::log(steps[i]) / static_cast<double>(steps.size());
    mean_y += std::log(errors[i]) / static_cast<double>(steps.size());
  }
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double dx = std::log(steps[i]) - mean_x;
    sxy += dx * (std::log(errors[i]) - mean_y);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

// The observed order of error_at(dt) over 13 steps from `coarsest` down to coarsest / 8, four per octave.
template <class ErrorAt>
double observed_order_over_ladder(double coarsest, ErrorAt&& error_at) {
  std::vector<double> steps, errors;
  for (int k = 0; k <= 12; ++k) {
    const double dt = coarsest * std::exp2(-0.25 * k);
    steps.push_back(dt);
    errors.push_back(error_at(dt));
  }
  return observed_order(steps, errors);
}

}  // namespace neurodyn::testing
