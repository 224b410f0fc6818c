#include "neurodyn/pinn/pinn_score.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "neurodyn/analysis/spike_statistics.hpp"

namespace neurodyn {

std::vector<double> scoring_times(double t_start, double t_end, double step) {
  std::vector<double> times;
  for (std::size_t k = 0;; ++k) {
    const double t = t_start + (static_cast<double>(k) + 0.5) * step;
    if (t >= t_end) break;
    times.push_back(t);
  }
  return times;
}

Solution converged_reference(const Problem& problem, double step) {
  MethodOptions method;
  method.name = "cvode-adams";
  method.rtol = method.atol = 1e-12;
  RecordOptions record;
  record.output_step = 0.5 * step;  // the grid t_start + j step / 2: its odd points are the scored times
  const Solution fine = solve(problem, method, record);
  Solution reference = fine;
  reference.times.clear();
  reference.states.clear();
  for (std::size_t j = 1; j < fine.sample_count(); j += 2) {
    reference.times.push_back(fine.times[j]);
    for (std::size_t k = 0; k < fine.dimension; ++k) reference.states.push_back(fine.state(j, k));
  }
  return reference;
}

PinnScore score_against(const Solution& trace, const Solution& reference, double exclusion_ms) {
  if (trace.sample_count() > reference.sample_count()) {
    throw std::logic_error("score_against: the trace has more scored times than the reference");
  }
  PinnScore score;
  score.spike_count = trace.spike_times.size();
  score.reference_spike_count = reference.spike_times.size();
  const std::size_t pairs = std::min(score.spike_count, score.reference_spike_count);
  if (pairs > 0) {
    double worst = 0.0, sum = 0.0;
    for (std::size_t i = 0; i < pairs; ++i) {
      const double error = std::abs(trace.spike_times[i] - reference.spike_times[i]);
      worst = std::max(worst, error);
      sum += error;
    }
    score.max_spike_error_ms = worst;
    score.mean_spike_error_ms = sum / static_cast<double>(pairs);
  }
  double worst_v = 0.0, worst_u = 0.0;
  for (std::size_t i = 0; i < trace.sample_count(); ++i) {
    const double t = trace.times[i];
    if (std::abs(t - reference.times[i]) > 1e-9 * std::max(1.0, std::abs(t))) {
      throw std::logic_error("score_against: the trace and the reference are not on the same times");
    }
    if (near_a_spike(t, trace.spike_times, exclusion_ms) || near_a_spike(t, reference.spike_times, exclusion_ms))
      continue;
    ++score.scored_points;
    worst_v = std::max(worst_v, std::abs(trace.state(i, 0) - reference.state(i, 0)));
    if (trace.dimension > 1) worst_u = std::max(worst_u, std::abs(trace.state(i, 1) - reference.state(i, 1)));
  }
  if (score.scored_points > 0) {
    score.max_v_error = worst_v;
    if (trace.dimension > 1) score.max_u_error = worst_u;
  }
  return score;
}

}  // namespace neurodyn
