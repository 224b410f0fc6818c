#pragma once
// The files of `neurodyn fit --out DIR`, written into a result folder's temporary folder (io/result_folder.hpp):
//   fit.toml        the fitted model as a run configuration (`simulate --config` runs it) on the first held-out
//                   target's recorded command, from the sweep's start, v0 its first voltage
//   parameters.csv  name,unit,min,max,start,fitted: each free parameter
//   history.csv     every evaluation: evaluation,score,best_score,rhs_evaluations,failures,elapsed_s and the free
//                   parameters' values (in their units)
//   scores.csv      every objective on every training and held-out target at the fitted parameters, and their means
//   fit_traces.{png,svg}  data (grey) and model (blue) on up to four training and four held-out targets
//   history.{png,svg}     each evaluation's score and the best so far against the evaluation number
//   parameters.{png,svg}  each free parameter's value at every evaluation, its range as the axis
// and for a Pareto fit (nsga2): pareto.csv (each member of the front: its evaluation, every objective's mean on the
// training and on the held-out targets, its free parameters) and pareto.{png,svg} (the first two objectives of every
// evaluation, the front on training and the same models on the held-out targets). fit.toml and scores.csv are then
// the front's member best in the first objective on training.
// and for `--compare`: comparison.csv (optimizer, training and held-out scores, evaluations, rhs evaluations, wall
// time) and comparison.{png,svg} (their best-so-far histories).
#include <filesystem>
#include <string>
#include <vector>

#include "neurodyn/fit/evaluator.hpp"
#include "neurodyn/fit/optimizers.hpp"

namespace neurodyn {

// A member of a Pareto fit's front, scored on every target.
struct ParetoMember {
  std::size_t evaluation = 0;  // its index in FitRun::history
  ParameterValues values;
  std::vector<TargetScores> training, held_out;
};

// A finished fit: the run and its scores at the best point.
struct FitReport {
  std::vector<ParetoMember> pareto;  // a Pareto fit's front, in FitRun::pareto_front's order
  FitRun run;
  ParameterValues fitted;                         // every parameter of the model
  std::vector<TargetScores> training;             // one per plan.training target
  std::vector<TargetScores> held_out;             // one per plan.held_out target
  std::vector<ModelResponse> held_out_responses;  // for the figure
  std::vector<ModelResponse> training_responses;
};

// Scores the best point of `run` on every target.
FitReport report_fit(const FitEvaluator& evaluator, FitRun run);

// Writes every file above but the comparison ones. Throws FileError.
void write_fit_results(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report);

// One optimizer's row of a comparison.
struct ComparisonRow {
  std::string optimizer;
  FitReport report;
};

void write_fit_comparison(const std::filesystem::path& directory, const FitPlan& plan,
                          const std::vector<ComparisonRow>& rows);

// The run configuration of the fitted model on one target (fit.toml's text).
std::string fitted_run_config(const FitPlan& plan, const FitTarget& target, const ParameterValues& fitted);

}  // namespace neurodyn
