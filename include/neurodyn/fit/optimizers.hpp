#pragma once
// The optimizers of `neurodyn fit`, from pagmo 2 and NLopt, on the unit cube of the free parameters (each range mapped
// onto [0, 1], so that one step size suits every parameter).
//
// The budget is a number of objective evaluations (each simulates every training target once) and is kept exactly:
// the evaluation past it is never run, whatever the optimizer's own bookkeeping. Evaluations are recorded in the
// order the optimizer asks for them; a population's evaluations (pagmo's batch fitness evaluation for the
// optimizers that support it, the forward differences of a gradient) run in parallel, one per thread, and every
// other evaluation runs its training targets in parallel, so that the same seed gives the same fit for any
// number of threads. A simulation that fails scores a penalty (fit/evaluator.hpp) and is counted.
//
// Resuming: the optimizers are deterministic given the seed, so a fit resumes by running again and taking the
// recorded evaluations (FitControl::replay) in place of their simulations, each checked to be at the same point.
#include <atomic>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/fit/evaluator.hpp"
#include "neurodyn/fit/fit_plan.hpp"

namespace neurodyn {

struct OptimizerInfo {
  std::string_view name;     // "cmaes"
  std::string_view library;  // "pagmo", "NLopt" or "earlier study"
  std::string_view title;
  bool local;  // starts from one point (optimizer.start) rather than a random population
  std::string_view description;
};

// sga, sa, de, sade, pso, cmaes, xnes (pagmo); lbfgs, bobyqa, subplex (NLopt); study-gd, study-sa, study-ga (the
// earlier study's algorithms as baselines: fit/study_baselines.hpp).
std::span<const OptimizerInfo> optimizer_catalog();

// Throws InputError naming the optimizer and listing the known ones.
const OptimizerInfo& find_optimizer(std::string_view name);

// Throws InputError when the plan's optimizer cannot run it: lbfgs needs a smooth objective (trace_mse or
// spike_times) and with exact gradients the rk4 or dopri5 method (those the forward sensitivities integrate); nsga2
// and only nsga2 takes a Pareto front of two or more objectives.
void require_optimizer_fits(const FitPlan& plan);

// One objective evaluation as the optimizer asked for it.
struct EvaluationRecord {
  long long index = 0;             // 1, 2, ...
  std::vector<double> unit_point;  // where (unit cube)
  double score = 0.0;
  std::vector<double> gradient;    // d score / d unit point, when the optimizer asked for it (lbfgs exact)
  std::vector<double> objectives;  // a Pareto fit (nsga2): every objective of the front, the first being `score`
  long long rhs_evaluations = 0;
  int failures = 0;        // training targets whose simulation failed
  double elapsed_s = 0.0;  // wall time since the fit started
};

struct FitProgress {
  long long generation = 0;  // population methods: the generation being evaluated (0: the first population); the
                             // others have none and leave it 0
  long long evaluations = 0;
  long long budget = 0;
  double best_score = 0.0;
  double elapsed_s = 0.0;
};

struct FitControl {
  std::function<void(const FitProgress&)> progress;            // after each evaluation
  std::function<void(const EvaluationRecord&)> on_evaluation;  // after each new (not replayed) evaluation
  const std::atomic<bool>* stop = nullptr;                     // set (by Ctrl-C): end after the evaluations running
  std::vector<EvaluationRecord> replay;                        // evaluations of an earlier run of the same fit
};

// How a fit ended: its budget spent, the optimizer's own convergence test met, a stop asked for (Ctrl-C), or the
// optimizer gave up (NLopt's L-BFGS when its line search finds no descent, at a kink of the objective: FitRun::
// end_reason says so).
enum class FitEnd { budget, converged, interrupted, optimizer_stopped };

std::string_view to_string(FitEnd end);

struct FitRun {
  std::vector<EvaluationRecord> history;  // every evaluation, replayed ones included
  std::vector<double> best_point;         // unit cube
  double best_score = 0.0;
  long long best_index = 0;
  FitEnd end = FitEnd::budget;
  std::string end_reason;         // optimizer_stopped: the optimizer's message
  double wall_s = 0.0;            // this run's wall time (replayed evaluations cost none)
  long long rhs_evaluations = 0;  // of every evaluation, replayed ones included
  // A Pareto fit: the history's non-dominated evaluations (pagmo's fast non-dominated sorting of their objectives;
  // of several at one point, the first), in history order. best_point is the one best in the first objective.
  std::vector<std::size_t> pareto_front;
};

// Runs the plan's optimizer on the evaluator's training targets. Throws InputError when a replayed evaluation is not
// at the point the optimizer asks for (the checkpoint belongs to another fit), and what the evaluator throws.
FitRun run_fit(const FitEvaluator& evaluator, const FitControl& control = {});

}  // namespace neurodyn
