#pragma once
// A PINN's trajectory scored against the converged reference on points the training never saw: the midpoints
// t_start + (k + 1/2) step of a uniform grid (every PINN mode samples its network there; no mode trains on them).
#include <cstddef>
#include <limits>
#include <vector>

#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// The grid of scored times: t_start + (k + 1/2) step for k = 0, 1, ... while below t_end (ms).
std::vector<double> scoring_times(double t_start, double t_end, double step);

// CVODE's Adams-Moulton at rtol = atol = 1e-12, sampled at scoring_times (its spikes located, as every method's).
Solution converged_reference(const Problem& problem, double step);

struct PinnScore {
  std::size_t spike_count = 0;
  std::size_t reference_spike_count = 0;
  // Over the spikes paired in order (the first min(count, reference count)); NaN without a pair.
  double max_spike_error_ms = std::numeric_limits<double>::quiet_NaN();
  double mean_spike_error_ms = std::numeric_limits<double>::quiet_NaN();
  // Between spikes: scored times farther than `exclusion_ms` from every spike of either trajectory; in the unit of
  // the model's first and second state variable (NaN for a model with one).
  double max_v_error = std::numeric_limits<double>::quiet_NaN();
  double max_u_error = std::numeric_limits<double>::quiet_NaN();
  std::size_t scored_points = 0;
};

// `trace` and `reference` hold the same scored times. Throws std::logic_error when they do not.
PinnScore score_against(const Solution& trace, const Solution& reference, double exclusion_ms = 1.0);

}  // namespace neurodyn
