// The earlier fitting study's optimizers (study_baselines.hpp).
#include "study_baselines.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace neurodyn::fit_detail {

namespace {

// Uniform numbers in [0, 1) from the 53 high bits of mt19937_64: the same on every platform (the standard
// distributions are not).
class Uniform {
 public:
  explicit Uniform(unsigned long long seed) : engine_(seed) {}
  double operator()() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double between(double low, double high) { return low + (high - low) * (*this)(); }
  std::size_t index(std::size_t count) {
    return std::min(count - 1, static_cast<std::size_t>((*this)() * static_cast<double>(count)));
  }

 private:
  std::mt19937_64 engine_;
};

std::vector<double> clamped(std::vector<double> x) {
  for (double& value : x) value = std::clamp(value, 0.0, 1.0);
  return x;
}

FitEnd gradient_descent(const FitPlan& plan, EvaluationLedger& ledger) {
  constexpr double step = 1e-8, learning_rate = 0.001;
  constexpr int iterations = 100;
  std::vector<double> x =
      plan.optimizer.start_at_preset ? start_point(plan) : std::vector<double>(plan.free.size(), 0.5);
  const std::size_t dimension = x.size();
  for (int iteration = 0; iteration < iterations; ++iteration) {
    const double score = ledger.evaluate(x);
    std::vector<double> shifted;
    for (std::size_t j = 0; j < dimension; ++j) {
      std::vector<double> point = x;
      point[j] += step;
      shifted.insert(shifted.end(), point.begin(), point.end());
    }
    const std::vector<double> scores = ledger.evaluate_batch(shifted, dimension);
    for (std::size_t j = 0; j < dimension; ++j) x[j] -= learning_rate * (scores[j] - score) / step;
    x = clamped(std::move(x));
  }
  ledger.evaluate(x);
  return FitEnd::converged;
}

FitEnd simulated_annealing(const FitPlan& plan, EvaluationLedger& ledger) {
  Uniform uniform(plan.optimizer.seed);
  std::vector<double> x =
      plan.optimizer.start_at_preset ? start_point(plan) : std::vector<double>(plan.free.size(), 0.5);
  double score = ledger.evaluate(x);
  for (double temperature = 1.0; temperature > 1e-4; temperature *= 0.999) {
    std::vector<double> proposal = x;
    for (double& value : proposal) value += uniform.between(-0.5, 0.5);
    proposal = clamped(std::move(proposal));
    const double proposed = ledger.evaluate(proposal);
    if (proposed < score || uniform() < std::exp(-(proposed - score) / temperature)) {
      x = std::move(proposal);
      score = proposed;
    }
  }
  return FitEnd::converged;
}

FitEnd genetic_algorithm(const FitPlan& plan, EvaluationLedger& ledger) {
  constexpr std::size_t population = 50, parents = 25;
  constexpr int generations = 100;
  const std::size_t dimension = plan.free.size();
  Uniform uniform(plan.optimizer.seed);
  std::vector<std::vector<double>> individuals(population, std::vector<double>(dimension));
  std::vector<double> genes;
  for (auto& individual : individuals) {
    for (double& gene : individual) gene = uniform();
    genes.insert(genes.end(), individual.begin(), individual.end());
  }
  std::vector<double> scores = ledger.evaluate_batch(genes, dimension);
  for (int generation = 0; generation < generations; ++generation) {
    ledger.start_generation();
    std::vector<std::size_t> order(individuals.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) { return scores[p] < scores[q]; });
    std::vector<std::vector<double>> kept;
    std::vector<double> kept_scores;
    for (std::size_t k = 0; k < parents; ++k) {
      kept.push_back(individuals[order[k]]);
      kept_scores.push_back(scores[order[k]]);
    }
    std::vector<double> children;
    for (std::size_t k = 0; k < population - parents; ++k) {
      const auto& first = kept[uniform.index(parents)];
      std::vector<double> child = kept[uniform.index(parents)];
      child[0] = first[0];
      child[uniform.index(dimension)] += uniform.between(-0.0005, 0.0005);
      child = clamped(std::move(child));
      children.insert(children.end(), child.begin(), child.end());
    }
    const std::vector<double> child_scores = ledger.evaluate_batch(children, dimension);
    individuals = std::move(kept);
    scores = std::move(kept_scores);
    for (std::size_t k = 0; k < child_scores.size(); ++k) {
      individuals.emplace_back(children.begin() + static_cast<std::ptrdiff_t>(k * dimension),
                               children.begin() + static_cast<std::ptrdiff_t>((k + 1) * dimension));
      scores.push_back(child_scores[k]);
    }
  }
  return FitEnd::converged;
}

}  // namespace

bool is_study_baseline(std::string_view name) { return name == "study-gd" || name == "study-sa" || name == "study-ga"; }

FitEnd run_study_baseline(const FitPlan& plan, EvaluationLedger& ledger) {
  if (plan.optimizer.name == "study-gd") return gradient_descent(plan, ledger);
  if (plan.optimizer.name == "study-sa") return simulated_annealing(plan, ledger);
  return genetic_algorithm(plan, ledger);
}

}  // namespace neurodyn::fit_detail
