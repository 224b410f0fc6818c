// The evaluation ledger (evaluation_ledger.hpp).
#include "evaluation_ledger.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/parallel_for.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn::fit_detail {

EvaluationLedger::EvaluationLedger(const FitEvaluator& evaluator, const FitControl& control)
    : evaluator_(evaluator),
      control_(control),
      budget_(evaluator.plan().optimizer.evaluations),
      started_(std::chrono::steady_clock::now()) {}

void EvaluationLedger::check_continue() const {
  if (count() >= budget_) throw BudgetSpent{};
  if (control_.stop && control_.stop->load()) throw StopRequested{};
}

const EvaluationRecord* EvaluationLedger::replayed(std::span<const double> unit_point, std::size_t offset) const {
  const std::size_t index = static_cast<std::size_t>(count()) + offset;
  if (index >= control_.replay.size()) return nullptr;
  const EvaluationRecord& record = control_.replay[index];
  if (!std::equal(unit_point.begin(), unit_point.end(), record.unit_point.begin(), record.unit_point.end())) {
    throw InputError(
        fmt::format("the checkpoint's evaluation {} was at another point than this fit asks for: it "
                    "belongs to another fit (configuration, seed or optimizer); start afresh without "
                    "--resume",
                    index + 1));
  }
  return &record;
}

void EvaluationLedger::record(EvaluationRecord entry, bool replay) {
  entry.index = count() + 1;
  if (replay) {
    replayed_elapsed_s_ = entry.elapsed_s;
  } else {
    entry.elapsed_s =
        replayed_elapsed_s_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }
  if (run_.history.empty() || entry.score < run_.best_score) {
    run_.best_score = entry.score;
    run_.best_point = entry.unit_point;
    run_.best_index = entry.index;
  }
  run_.rhs_evaluations += entry.rhs_evaluations;
  run_.history.push_back(entry);
  if (!replay && control_.on_evaluation) control_.on_evaluation(run_.history.back());
  if (control_.progress) control_.progress({generation_, count(), budget_, run_.best_score, entry.elapsed_s});
}

double EvaluationLedger::evaluate(std::span<const double> unit_point) {
  check_continue();
  if (const EvaluationRecord* earlier = replayed(unit_point)) {
    record(*earlier, true);
    return earlier->score;
  }
  const Evaluation evaluation = evaluator_.evaluate(unit_point);
  record({0,
          {unit_point.begin(), unit_point.end()},
          evaluation.score,
          {},
          evaluation.objectives,
          evaluation.rhs_evaluations,
          evaluation.failures,
          0.0},
         false);
  return evaluation.score;
}

double EvaluationLedger::evaluate_with_gradient(std::span<const double> unit_point, std::span<double> gradient) {
  check_continue();
  if (const EvaluationRecord* earlier = replayed(unit_point)) {
    std::copy(earlier->gradient.begin(), earlier->gradient.end(), gradient.begin());
    record(*earlier, true);
    return earlier->score;
  }
  const Evaluation evaluation = evaluator_.evaluate_with_gradient(unit_point, gradient);
  record({0,
          {unit_point.begin(), unit_point.end()},
          evaluation.score,
          {gradient.begin(), gradient.end()},
          {},
          evaluation.rhs_evaluations,
          evaluation.failures,
          0.0},
         false);
  return evaluation.score;
}

std::vector<double> EvaluationLedger::evaluate_batch(std::span<const double> points, std::size_t dimension) {
  check_continue();
  const std::size_t asked = points.size() / dimension;
  const std::size_t count = std::min<std::size_t>(asked, static_cast<std::size_t>(budget_ - this->count()));
  const auto point = [&](std::size_t i) { return points.subspan(i * dimension, dimension); };
  std::vector<const EvaluationRecord*> earlier(count, nullptr);
  for (std::size_t i = 0; i < count; ++i) earlier[i] = replayed(point(i), i);
  std::vector<Evaluation> evaluations(count);
  analysis_detail::parallel_for(count, evaluator_.plan().optimizer.threads, [&](std::size_t i) {
    if (!earlier[i]) evaluations[i] = evaluator_.evaluate(point(i), 1);
  });
  std::vector<double> scores;
  for (std::size_t i = 0; i < count; ++i) {
    if (earlier[i]) {
      record(*earlier[i], true);
    } else {
      const auto x = point(i);
      record({0,
              {x.begin(), x.end()},
              evaluations[i].score,
              {},
              evaluations[i].objectives,
              evaluations[i].rhs_evaluations,
              evaluations[i].failures,
              0.0},
             false);
    }
    const EvaluationRecord& last = run_.history.back();
    if (last.objectives.empty()) {
      scores.push_back(last.score);
    } else {
      scores.insert(scores.end(), last.objectives.begin(), last.objectives.end());
    }
  }
  if (count < asked) throw BudgetSpent{};
  return scores;
}

}  // namespace neurodyn::fit_detail
