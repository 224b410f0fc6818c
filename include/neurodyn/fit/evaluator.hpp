#pragma once
// The objective of a fit: the model simulated on every target of a set with the fit's method, scored against the
// data. Scores (lower is better; each a mean over the set's targets):
//   features    BluePyOpt's feature distance of each target (fit/feature_distance.hpp), summed over its steps
//   gamma       1 - Gamma (+ the rate penalty): the coincidence factor's error (analysis/coincidence_factor.hpp),
//               spikes being eFEL's peak_time on data and model alike, within the scored window
//   trace_mse   mean squared difference of v at the data's samples (mV^2), samples within [-before, +after] ms of a
//               data spike masked. Only the data's spikes are masked: a model spike outside them is an error the
//               score pays for, so firing more cannot hide the trace. Smooth in the parameters between the times
//               where a model spike crosses a sample, and the objective with exact gradients.
//   spike_times the squared differences of spike times (ms^2), the k-th model spike matched with the k-th data
//               spike, divided by the number of data spikes (1 when there is none). An unmatched spike counts its
//               distance to the end of the scored window, so the score is continuous as a spike enters or leaves
//               there, and smooth in the parameters while the counts stay. Model spikes are the solver's located
//               spikes (the cutoff of a reset model, the upward crossing of the detection level otherwise), data
//               spikes eFEL's peak_time. The objective with exact gradients through the spike-time sensitivities.
//   minmax_mse  the earlier study's score: each trace min-max normalised to [-1, 1], then the mean squared
//               difference; for comparison only (it forgets the voltage scale and rewards any oscillation).
// A simulation that fails (a blow-up, a step budget) scores the objective's failure score and is counted, never
// thrown: features max_feature_score on every scored feature, gamma 3, trace_mse 1e4 mV^2, minmax_mse 4,
// spike_times 10 L^2 (L the scored window's length, and no score above it).
#include <span>
#include <string>
#include <vector>

#include "neurodyn/fit/fit_plan.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn {

// The model on one target.
struct ModelResponse {
  std::vector<double> v_mV;               // at the data's sample times (target.data.time_ms)
  std::vector<double> spike_times_ms;     // eFEL's peak_time of v_mV
  std::vector<double> located_spikes_ms;  // the solver's spike times
  SolveStatus status = SolveStatus::ok;
  std::string message;
  long long rhs_evaluations = 0;
  bool ok() const { return status == SolveStatus::ok; }
};

// Every objective of one target, and the coincidence factor itself.
struct TargetScores {
  double features = 0.0;
  double gamma = 0.0;        // Gamma (1 is a perfect prediction)
  double gamma_error = 0.0;  // the gamma objective: 1 - Gamma + rate penalty
  double trace_mse = 0.0;
  double minmax_mse = 0.0;
  double spike_times = 0.0;  // ms^2
  int data_spikes = 0;
  int model_spikes = 0;
  bool failed = false;
  double of(ObjectiveKind kind) const;
};

ModelResponse simulate_target(const FitPlan& plan, const FitTarget& target, const ParameterValues& values);

// The objective `kind` of one response (its failure score when the simulation failed).
double target_score(const FitPlan& plan, const FitTarget& target, const ModelResponse& response, ObjectiveKind kind);

// Every objective of one response.
TargetScores all_scores(const FitPlan& plan, const FitTarget& target, const ModelResponse& response);

// One evaluation of the objective on a set of targets.
struct Evaluation {
  double score = 0.0;
  long long rhs_evaluations = 0;   // f evaluations, and for the exact gradient P_free more per stage (one dual pass
                                   // carries a directional derivative per free parameter, each of about the work of
                                   // one f: as many as forward differences take)
  int failures = 0;                // targets whose simulation failed
  std::vector<double> objectives;  // a Pareto fit: each objective of the front (the first is `score`)
};

class FitEvaluator {
 public:
  explicit FitEvaluator(const FitPlan& plan) : plan_(plan) {}

  // The plan's objective on its training targets at a point of the unit cube, and for a Pareto fit every objective
  // of the front from the same simulations; the targets run on `threads` threads (0: the plan's), the result the
  // same for any number.
  Evaluation evaluate(std::span<const double> unit_point, unsigned threads = 0) const;

  // The trace_mse or spike_times objective and its exact gradient with respect to the unit-cube coordinates, from
  // the forward sensitivities of the free parameters (solve/sensitivity.hpp, with the fit's method). Requires one
  // of those objectives and the method rk4 or dopri5 (fit/optimizers.hpp checks before a fit starts).
  Evaluation evaluate_with_gradient(std::span<const double> unit_point, std::span<double> gradient,
                                    unsigned threads = 0) const;

  // Every objective of every target of `targets` at `values`, for the reports.
  std::vector<TargetScores> score_targets(const std::vector<FitTarget>& targets, const ParameterValues& values,
                                          unsigned threads = 0) const;

  const FitPlan& plan() const { return plan_; }

 private:
  const FitPlan& plan_;
};

// The mean of one objective over targets.
double mean_score(std::span<const TargetScores> scores, ObjectiveKind kind);

// The mean coincidence factor Gamma over targets (NaN when a simulation failed).
double mean_gamma(std::span<const TargetScores> scores);

}  // namespace neurodyn
