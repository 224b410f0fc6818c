#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/analysis/nullclines.hpp"
#include "neurodyn/analysis/planar_reduction.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/error.hpp"
#include "run_json.hpp"

namespace neurodyn::serve_detail {

namespace {

constexpr std::size_t nullcline_points = 400;
constexpr std::size_t fixed_point_grid = 4001;
constexpr double margin = 0.05;  // of the trajectory's extent, on each side

// [low, high] of one state variable over the trajectory, widened by the margin.
std::pair<double, double> extent(const Solution& solution, std::size_t variable) {
  double low = solution.state(0, variable), high = low;
  for (std::size_t i = 1; i < solution.sample_count(); ++i) {
    low = std::min(low, solution.state(i, variable));
    high = std::max(high, solution.state(i, variable));
  }
  const double pad = high > low ? margin * (high - low) : 1.0;
  return {low - pad, high + pad};
}

nlohmann::json fixed_point_json(const FixedPoint& point) {
  auto eigenvalues = nlohmann::json::array();
  for (const auto& value : point.eigenvalues) eigenvalues.push_back({value.real(), value.imag()});
  return {{"state", point.state},
          {"type", to_string(point.type)},
          {"stable", is_stable(point.type)},
          {"eigenvalues", std::move(eigenvalues)}};
}

nlohmann::json curves_at(const AnyModel& model, double current, std::string_view when, std::pair<double, double> v) {
  const Nullclines curves = nullclines(model, current, v.first, v.second, nullcline_points);
  nlohmann::json answer = {{"current", current},
                           {"when", when},
                           {"v", curves.v},
                           {"first", curves.first},
                           {"second", curves.second},
                           {"fixed_points", nlohmann::json::array()},
                           {"fixed_points_note", nullptr}};
  try {
    const FixedPointSearch search{v.first, v.second, fixed_point_grid};
    for (const FixedPoint& point : fixed_points(model, current, search)) {
      answer["fixed_points"].push_back(fixed_point_json(point));
    }
  } catch (const InputError& degenerate) {  // e.g. Izhikevich 2003 with u_decay = 0: no isolated fixed points
    answer["fixed_points_note"] = degenerate.what();
  }
  return answer;
}

}  // namespace

nlohmann::json phase_plane_json(const EffectiveRun& run, const Solution& solution) {
  const std::optional<PlanarReduction> reduction = planar_reduction(run.problem.model);
  if (!reduction || solution.sample_count() == 0) return nullptr;
  const Problem& problem = run.problem;
  const auto v = extent(solution, reduction->axes[0]);
  const auto y = extent(solution, reduction->axes[1]);
  const SpikeTrainWindow window = stimulus_window(problem.stimulus, problem.t_start, problem.t_end);
  const double before = problem.stimulus.limit(problem.t_start, Side::right).current;
  const double during = problem.stimulus.at(0.5 * (window.start_ms + window.input_end())).current;

  auto curves = nlohmann::json::array();
  if (during == before) {
    curves.push_back(curves_at(reduction->plane, during, "throughout the run", v));
  } else {
    curves.push_back(curves_at(reduction->plane, during, "during the stimulus", v));
    curves.push_back(curves_at(reduction->plane, before, "before the stimulus", v));
  }
  return {{"v_range", {v.first, v.second}},
          {"y_range", {y.first, y.second}},
          {"axes", reduction->axes},
          {"model", model_name(reduction->plane)},
          {"reduction", reduction->is_reduction() ? nlohmann::json(reduction->description) : nlohmann::json(nullptr)},
          {"curves", std::move(curves)}};
}

}  // namespace neurodyn::serve_detail
