#include "stimulus_curve.hpp"

namespace neurodyn {

Curve stimulus_curve(const Stimulus& stimulus, double t_start, double t_end, std::size_t grid_points) {
  std::vector<double> grid;
  grid.reserve(grid_points + 1);
  for (std::size_t k = 0; k <= grid_points; ++k) {
    grid.push_back(t_start + (t_end - t_start) * static_cast<double>(k) / static_cast<double>(grid_points));
  }
  const std::vector<double> jumps = stimulus.discontinuities(t_start, t_end);

  Curve curve;
  auto next_jump = jumps.begin();
  for (const double t : grid) {
    for (; next_jump != jumps.end() && *next_jump <= t; ++next_jump) {
      curve.x.insert(curve.x.end(), {*next_jump, *next_jump});
      curve.y.push_back(stimulus.limit(*next_jump, Side::left).current);
      curve.y.push_back(stimulus.limit(*next_jump, Side::right).current);
    }
    if (!curve.x.empty() && curve.x.back() == t) continue;
    curve.x.push_back(t);
    curve.y.push_back(stimulus.at(t).current);
  }
  return curve;
}

}  // namespace neurodyn
