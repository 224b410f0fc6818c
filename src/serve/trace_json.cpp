#include <vector>

#include "neurodyn/io/downsample.hpp"
#include "run_json.hpp"

namespace neurodyn::serve_detail {

namespace {

std::vector<double> column(const Solution& solution, std::size_t variable) {
  std::vector<double> values(solution.sample_count());
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = solution.state(i, variable);
  return values;
}

}  // namespace

nlohmann::json trace_json(const Solution& solution, const Stimulus& stimulus, std::size_t samples) {
  const std::vector<std::size_t> kept = envelope_indices(solution.times, column(solution, 0), samples);
  const std::vector<double> times = pick(solution.times, kept);
  auto states = nlohmann::json::array();
  for (std::size_t variable = 0; variable < solution.dimension; ++variable) {
    std::vector<double> values(kept.size());
    for (std::size_t i = 0; i < kept.size(); ++i) values[i] = solution.state(kept[i], variable);
    states.push_back(std::move(values));
  }
  std::vector<double> input(times.size());
  for (std::size_t i = 0; i < times.size(); ++i) input[i] = stimulus.at(times[i]).current;
  return {{"t", times},
          {"x", std::move(states)},
          {"I", std::move(input)},
          {"computed_samples", solution.sample_count()},
          {"decimated", kept.size() < solution.sample_count()}};
}

}  // namespace neurodyn::serve_detail
