#pragma once
// The one door every optimizer evaluates the objective through: it keeps the budget, the history, the best point,
// the replay of a checkpoint and the stop request (fit/optimizers.hpp).
#include <atomic>
#include <chrono>
#include <span>
#include <vector>

#include "neurodyn/fit/evaluator.hpp"
#include "neurodyn/fit/optimizers.hpp"

namespace neurodyn::fit_detail {

// Thrown by the ledger to end an optimizer's run: the budget is spent or a stop was asked for.
struct BudgetSpent {};
struct StopRequested {};

class EvaluationLedger {
 public:
  EvaluationLedger(const FitEvaluator& evaluator, const FitControl& control);

  // One evaluation (the training targets in parallel).
  double evaluate(std::span<const double> unit_point);
  // The score and its exact gradient (trace_mse, forward sensitivities).
  double evaluate_with_gradient(std::span<const double> unit_point, std::span<double> gradient);
  // Points stored one after another (dimension each), evaluated in parallel, one per thread; recorded in order. Gives
  // each point's score, or for a Pareto fit each point's objectives one after another. When the budget ends inside
  // the batch, the points within it are evaluated and recorded, then BudgetSpent is thrown.
  std::vector<double> evaluate_batch(std::span<const double> points, std::size_t dimension);

  // A population method's next generation begins: progress reports it.
  void start_generation() { ++generation_; }

  long long count() const { return static_cast<long long>(run_.history.size()); }
  long long budget() const { return budget_; }
  FitRun& run() { return run_; }

 private:
  void check_continue() const;
  // The replayed record for the next evaluation, if any (checked to be at unit_point).
  const EvaluationRecord* replayed(std::span<const double> unit_point, std::size_t offset = 0) const;
  void record(EvaluationRecord record, bool replay);

  const FitEvaluator& evaluator_;
  const FitControl& control_;
  long long budget_;
  std::chrono::steady_clock::time_point started_;
  double replayed_elapsed_s_ = 0.0;
  long long generation_ = 0;
  FitRun run_;
};

}  // namespace neurodyn::fit_detail
