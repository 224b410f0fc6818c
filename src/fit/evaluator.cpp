// The objectives of a fit (include/neurodyn/fit/evaluator.hpp).
#include "neurodyn/fit/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/parallel_for.hpp"
#include "neurodyn/analysis/coincidence_factor.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/fit/feature_distance.hpp"
#include "neurodyn/solve/sensitivity.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

namespace {

constexpr double gamma_failure_score = 3.0;
constexpr double trace_failure_score = 1e4;  // mV^2
constexpr double minmax_failure_score = 4.0;

// The spike_times score of a failed simulation, and the most any score counts: ten spikes a whole window off.
double spike_failure_score(const FitTarget& target) {
  const double window = target.score_until_ms - target.score_from_ms;
  return 10.0 * window * window;
}

// The spike_times objective of one target (evaluator.hpp) and its derivative by each located model spike.
struct SpikeTimeError {
  double score = 0.0;
  std::vector<double> slope;  // d score / d tau_k for every located spike (0 outside the scored window)
};

SpikeTimeError spike_time_error(const FitTarget& target, std::span<const double> located) {
  SpikeTimeError out;
  out.slope.assign(located.size(), 0.0);
  const auto first = std::lower_bound(located.begin(), located.end(), target.score_from_ms);
  const auto last = std::upper_bound(first, located.end(), target.score_until_ms);
  const std::size_t offset = static_cast<std::size_t>(first - located.begin());
  const std::size_t model_count = static_cast<std::size_t>(last - first);
  const std::vector<double>& data = target.spike_times_ms;
  const double end = target.score_until_ms;
  const double scale = 1.0 / static_cast<double>(std::max<std::size_t>(data.size(), 1));
  for (std::size_t k = 0; k < std::max(model_count, data.size()); ++k) {
    if (k < model_count && k < data.size()) {
      const double difference = located[offset + k] - data[k];
      out.score += difference * difference;
      out.slope[offset + k] = 2.0 * difference * scale;
    } else if (k < data.size()) {
      out.score += (end - data[k]) * (end - data[k]);
    } else {
      const double left = end - located[offset + k];
      out.score += left * left;
      out.slope[offset + k] = -2.0 * left * scale;
    }
  }
  out.score *= scale;
  return out;
}

unsigned threads_for(const FitPlan& plan, unsigned threads) { return threads > 0 ? threads : plan.optimizer.threads; }

Problem target_problem(const FitPlan& plan, const FitTarget& target, const ParameterValues& values) {
  Problem problem;
  problem.model = make_model(plan.model, values);
  problem.initial_state = initial_state(problem.model, target.v0_mV, std::nullopt);
  problem.stimulus = target.stimulus;
  problem.t_start = target.simulate_from_ms;
  problem.t_end = target.simulate_until_ms;
  return problem;
}

// Linear interpolation of samples (times non-decreasing; a spike is two samples at one time, before and after the
// reset) at increasing query times; at a repeated time the later sample (after the reset) is taken.
// store(q, k, w) receives query q's sample k and the weight w of sample k + 1.
template <class Store>
void interpolate_at(std::span<const double> times, std::span<const double> queries, const Store& store) {
  const std::size_t count = times.size();
  std::size_t k = 0;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const double t = queries[q];
    while (k + 2 < count && times[k + 1] <= t) ++k;
    const double t0 = times[k], t1 = times[k + 1];
    const double weight = t1 > t0 ? std::clamp((t - t0) / (t1 - t0), 0.0, 1.0) : 1.0;
    store(q, k, weight);
  }
}

// Whether each data sample lies outside every data spike's mask window.
std::vector<char> unmasked_samples(const FitPlan& plan, const FitTarget& target) {
  const auto& t = target.data.time_ms;
  std::vector<char> keep(t.size(), 1);
  for (const double spike : target.spike_times_ms) {
    const auto first = std::lower_bound(t.begin(), t.end(), spike - plan.objective.mask_before_ms);
    const auto last = std::upper_bound(t.begin(), t.end(), spike + plan.objective.mask_after_ms);
    std::fill(keep.begin() + (first - t.begin()), keep.begin() + (last - t.begin()), 0);
  }
  return keep;
}

double trace_mse(const FitPlan& plan, const FitTarget& target, std::span<const double> v) {
  const auto& data = membrane_potential(target.data).samples;
  const std::vector<char> keep = unmasked_samples(plan, target);
  double sum = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!keep[i]) continue;
    sum += (v[i] - data[i]) * (v[i] - data[i]);
    ++count;
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

std::vector<double> min_max_normalised(std::span<const double> v) {
  const auto [low, high] = std::minmax_element(v.begin(), v.end());
  const double range = *high - *low;
  std::vector<double> normalised(v.size(), 0.0);
  if (range > 0.0) {
    for (std::size_t i = 0; i < v.size(); ++i) normalised[i] = 2.0 * (v[i] - *low) / range - 1.0;
  }
  return normalised;
}

double minmax_mse(const FitTarget& target, std::span<const double> v) {
  const std::vector<double> data = min_max_normalised(membrane_potential(target.data).samples);
  const std::vector<double> model = min_max_normalised(v);
  double sum = 0.0;
  for (std::size_t i = 0; i < data.size(); ++i) sum += (model[i] - data[i]) * (model[i] - data[i]);
  return sum / static_cast<double>(data.size());
}

// Spike times relative to the scored window's start, for the coincidence factor.
std::vector<double> window_times(std::span<const double> spikes, double from) {
  std::vector<double> relative;
  for (const double spike : spikes) relative.push_back(spike - from);
  return relative;
}

CoincidenceFactor coincidence(const FitPlan& plan, const FitTarget& target, const ModelResponse& response) {
  const double from = target.data.time_ms.front();
  const double duration = target.data.time_ms.back() - from;
  return coincidence_factor(window_times(target.spike_times_ms, from), window_times(response.spike_times_ms, from),
                            duration, CoincidenceOptions{plan.objective.delta_ms, plan.objective.rate_correction});
}

double model_feature_distance(const FitPlan& plan, const FitTarget& target, const ModelResponse& response) {
  Sweep sweep = target.data;
  sweep.channels.front().samples = response.v_mV;
  const Recording model{{}, RecordingFormat::text, {std::move(sweep)}, {}};
  const auto rows =
      recording_features(model, std::nullopt, computed_features(plan.objective.features), plan.objective.efel);
  return feature_distance(target.features, rows, plan.objective.features, plan.objective.sigma);
}

double failure_score(const FitTarget& target, const FitPlan& plan, ObjectiveKind kind) {
  switch (kind) {
    case ObjectiveKind::features:
      return worst_feature_distance(target.features, plan.objective.features);
    case ObjectiveKind::gamma:
      return gamma_failure_score;
    case ObjectiveKind::trace_mse:
      return trace_failure_score;
    case ObjectiveKind::minmax_mse:
      return minmax_failure_score;
    case ObjectiveKind::spike_times:
      return spike_failure_score(target);
  }
  return trace_failure_score;
}

// dx(t_start)/dtheta (row-major n x P over the free parameters in the plan's order): v0 is the data's, the other
// variables follow the model's rule from v0 (u0 = b (v0 - vr) for izh2007), differentiated by central differences
// of that algebraic rule.
std::vector<double> initial_sensitivity(const FitPlan& plan, const FitTarget& target, const ParameterValues& values) {
  const ModelInfo& model = model_info(plan.model);
  const std::size_t n = model.state_variables.size(), p = plan.free.size();
  std::vector<double> sensitivity(n * p, 0.0);
  for (std::size_t j = 0; j < p; ++j) {
    const std::string& name = plan.free[j].name;
    const auto row = std::find_if(model.parameters.begin(), model.parameters.end(),
                                  [&](const ParameterInfo& info) { return info.name == name; });
    const double value = values.at(name);
    const double h = 1e-6 * std::max(1.0, std::abs(value));
    if (value - h < row->min || value + h > row->max) continue;
    ParameterValues up = values, down = values;
    up[name] = value + h;
    down[name] = value - h;
    const auto x_up = initial_state(make_model(plan.model, up), target.v0_mV, std::nullopt);
    const auto x_down = initial_state(make_model(plan.model, down), target.v0_mV, std::nullopt);
    for (std::size_t i = 0; i < n; ++i) sensitivity[i * p + j] = (x_up[i] - x_down[i]) / (2.0 * h);
  }
  return sensitivity;
}

struct TargetGradient {
  double score = 0.0;
  std::vector<double> gradient;  // d score / d unit coordinate
  long long rhs_evaluations = 0;
  bool failed = false;
};

// The masked trace MSE from the state and S recorded on the method's grid, and its gradient by theta.
void add_trace_mse(const FitPlan& plan, const FitTarget& target, const SensitivityResult& result, TargetGradient& out) {
  const std::size_t n = result.dimension, p = result.parameter_count();
  const auto& t = target.data.time_ms;
  const auto& data = membrane_potential(target.data).samples;
  const std::vector<char> keep = unmasked_samples(plan, target);
  std::vector<double> v(t.size()), dv(t.size() * p);
  interpolate_at(result.times, t, [&](std::size_t q, std::size_t k, double w) {
    v[q] = (1.0 - w) * result.states[k * n] + w * result.states[(k + 1) * n];
    for (std::size_t c = 0; c < p; ++c) {
      dv[q * p + c] = (1.0 - w) * result.sensitivities[k * n * p + c] + w * result.sensitivities[(k + 1) * n * p + c];
    }
  });
  std::size_t count = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!keep[i]) continue;
    const double residual = v[i] - data[i];
    out.score += residual * residual;
    for (std::size_t c = 0; c < p; ++c) out.gradient[c] += 2.0 * residual * dv[i * p + c];
    ++count;
  }
  const double scale = count > 0 ? 1.0 / static_cast<double>(count) : 0.0;
  out.score *= scale;
  for (double& component : out.gradient) component *= scale;
}

// The spike_times objective from the located spikes and its gradient by theta through dtau_k/dtheta.
void add_spike_times(const FitTarget& target, const SensitivityResult& result, TargetGradient& out) {
  const SpikeTimeError error = spike_time_error(target, result.spike_times);
  out.score = std::min(error.score, spike_failure_score(target));
  if (error.score >= spike_failure_score(target)) return;  // capped: flat
  for (std::size_t k = 0; k < result.spike_times.size(); ++k) {
    for (std::size_t c = 0; c < out.gradient.size(); ++c)
      out.gradient[c] += error.slope[k] * result.spike_gradient(k, c);
  }
}

// The plan's smooth objective (trace_mse or spike_times) on one target and its gradient by the unit-cube
// coordinates, from one run of the forward sensitivities of the free parameters.
TargetGradient objective_gradient(const FitPlan& plan, const FitTarget& target, const ParameterValues& values) {
  const bool trace = plan.objective.kind == ObjectiveKind::trace_mse;
  SensitivityOptions options;
  for (const FreeParameter& parameter : plan.free) options.parameters.push_back(parameter.name);
  options.record_grid = trace;
  options.record_step = plan.output_step_ms;
  options.initial_sensitivity = initial_sensitivity(plan, target, values);
  const SensitivityResult result = solve_sensitivities(target_problem(plan, target, values), plan.method, options);
  TargetGradient out;
  // Each stage's dual pass gives f and one directional derivative per free parameter, each of about the work of
  // one f: counted as 1 + P_free evaluations of f, what forward differences take for the same columns.
  out.rhs_evaluations = result.counts.rhs_evaluations + result.counts.directional_derivatives;
  out.gradient.assign(plan.free.size(), 0.0);
  if (!result.ok()) {
    out.score = failure_score(target, plan, plan.objective.kind);
    out.failed = true;
    return out;
  }
  if (trace) {
    add_trace_mse(plan, target, result, out);
  } else {
    add_spike_times(target, result, out);
  }
  for (std::size_t c = 0; c < plan.free.size(); ++c) out.gradient[c] *= plan.free[c].max - plan.free[c].min;
  return out;
}

}  // namespace

double TargetScores::of(ObjectiveKind kind) const {
  switch (kind) {
    case ObjectiveKind::features:
      return features;
    case ObjectiveKind::gamma:
      return gamma_error;
    case ObjectiveKind::trace_mse:
      return trace_mse;
    case ObjectiveKind::minmax_mse:
      return minmax_mse;
    case ObjectiveKind::spike_times:
      return spike_times;
  }
  return features;
}

ModelResponse simulate_target(const FitPlan& plan, const FitTarget& target, const ParameterValues& values) {
  RecordOptions record;
  record.output_step = plan.output_step_ms;
  const Solution solution = solve(target_problem(plan, target, values), plan.method, record);
  ModelResponse response;
  response.status = solution.status;
  response.message = solution.message;
  response.rhs_evaluations = solution.statistics.rhs_evaluations;
  if (!solution.ok() || solution.sample_count() < 2) {
    if (solution.ok()) {
      response.status = SolveStatus::max_steps;
      response.message = "fewer than two samples";
    }
    return response;
  }
  const auto& t = target.data.time_ms;
  response.v_mV.resize(t.size());
  const std::size_t n = solution.dimension;
  interpolate_at(solution.times, t, [&](std::size_t q, std::size_t k, double w) {
    response.v_mV[q] = (1.0 - w) * solution.states[k * n] + w * solution.states[(k + 1) * n];
  });
  response.spike_times_ms = fit_spike_times(t, response.v_mV, plan.objective.efel);
  response.located_spikes_ms = solution.spike_times;
  return response;
}

double target_score(const FitPlan& plan, const FitTarget& target, const ModelResponse& response, ObjectiveKind kind) {
  if (!response.ok()) return failure_score(target, plan, kind);
  switch (kind) {
    case ObjectiveKind::features:
      return model_feature_distance(plan, target, response);
    case ObjectiveKind::gamma:
      return std::min(coincidence(plan, target, response).error, gamma_failure_score);
    case ObjectiveKind::trace_mse:
      return std::min(trace_mse(plan, target, response.v_mV), trace_failure_score);
    case ObjectiveKind::minmax_mse:
      return minmax_mse(target, response.v_mV);
    case ObjectiveKind::spike_times:
      return std::min(spike_time_error(target, response.located_spikes_ms).score, spike_failure_score(target));
  }
  return 0.0;
}

TargetScores all_scores(const FitPlan& plan, const FitTarget& target, const ModelResponse& response) {
  TargetScores scores;
  scores.data_spikes = static_cast<int>(target.spike_times_ms.size());
  scores.model_spikes = static_cast<int>(response.spike_times_ms.size());
  scores.failed = !response.ok();
  scores.features = target_score(plan, target, response, ObjectiveKind::features);
  if (response.ok()) {
    const CoincidenceFactor factor = coincidence(plan, target, response);
    scores.gamma = factor.gamma;
    scores.gamma_error = std::min(factor.error, gamma_failure_score);
  } else {
    scores.gamma = std::nan("");
    scores.gamma_error = gamma_failure_score;
  }
  scores.trace_mse = target_score(plan, target, response, ObjectiveKind::trace_mse);
  scores.minmax_mse = target_score(plan, target, response, ObjectiveKind::minmax_mse);
  scores.spike_times = target_score(plan, target, response, ObjectiveKind::spike_times);
  return scores;
}

Evaluation FitEvaluator::evaluate(std::span<const double> unit_point, unsigned threads) const {
  const ParameterValues values = parameters_at(plan_, unit_point);
  const std::size_t count = plan_.training.size();
  const std::vector<ObjectiveKind> kinds =
      plan_.objective.pareto.empty() ? std::vector<ObjectiveKind>{plan_.objective.kind} : plan_.objective.pareto;
  std::vector<double> scores(count * kinds.size());  // target by target, each kind's score
  std::vector<long long> rhs(count);
  std::vector<char> failed(count);
  analysis_detail::parallel_for(count, threads_for(plan_, threads), [&](std::size_t i) {
    const ModelResponse response = simulate_target(plan_, plan_.training[i], values);
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      scores[i * kinds.size() + k] = target_score(plan_, plan_.training[i], response, kinds[k]);
    }
    rhs[i] = response.rhs_evaluations;
    failed[i] = !response.ok();
  });
  Evaluation evaluation;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) sum += scores[i * kinds.size() + k];
    evaluation.objectives.push_back(sum / static_cast<double>(count));
  }
  evaluation.score = evaluation.objectives.front();
  if (plan_.objective.pareto.empty()) evaluation.objectives.clear();
  evaluation.rhs_evaluations = std::accumulate(rhs.begin(), rhs.end(), 0LL);
  evaluation.failures = static_cast<int>(std::count(failed.begin(), failed.end(), 1));
  return evaluation;
}

Evaluation FitEvaluator::evaluate_with_gradient(std::span<const double> unit_point, std::span<double> gradient,
                                                unsigned threads) const {
  const ParameterValues values = parameters_at(plan_, unit_point);
  const std::size_t count = plan_.training.size();
  std::vector<TargetGradient> parts(count);
  analysis_detail::parallel_for(count, threads_for(plan_, threads), [&](std::size_t i) {
    parts[i] = objective_gradient(plan_, plan_.training[i], values);
  });
  Evaluation evaluation;
  std::fill(gradient.begin(), gradient.end(), 0.0);
  for (const TargetGradient& part : parts) {
    evaluation.score += part.score / static_cast<double>(count);
    evaluation.rhs_evaluations += part.rhs_evaluations;
    evaluation.failures += part.failed ? 1 : 0;
    for (std::size_t c = 0; c < gradient.size(); ++c) gradient[c] += part.gradient[c] / static_cast<double>(count);
  }
  return evaluation;
}

std::vector<TargetScores> FitEvaluator::score_targets(const std::vector<FitTarget>& targets,
                                                      const ParameterValues& values, unsigned threads) const {
  std::vector<TargetScores> scores(targets.size());
  analysis_detail::parallel_for(targets.size(), threads_for(plan_, threads), [&](std::size_t i) {
    scores[i] = all_scores(plan_, targets[i], simulate_target(plan_, targets[i], values));
  });
  return scores;
}

double mean_gamma(std::span<const TargetScores> scores) {
  double sum = 0.0;
  for (const TargetScores& score : scores) sum += score.gamma;
  return scores.empty() ? 0.0 : sum / static_cast<double>(scores.size());
}

double mean_score(std::span<const TargetScores> scores, ObjectiveKind kind) {
  double sum = 0.0;
  for (const TargetScores& score : scores) sum += score.of(kind);
  return scores.empty() ? 0.0 : sum / static_cast<double>(scores.size());
}

}  // namespace neurodyn
