// The optimizers of a fit (include/neurodyn/fit/optimizers.hpp): pagmo's population-based algorithms run one
// generation per evolve() (their state kept with memory = true) until the ledger says the budget is spent; NLopt's
// local algorithms run once with the ledger as their objective.
#include "neurodyn/fit/optimizers.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <nlopt.hpp>
#include <pagmo/algorithm.hpp>
#include <pagmo/algorithms/cmaes.hpp>
#include <pagmo/algorithms/de.hpp>
#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/algorithms/pso_gen.hpp>
#include <pagmo/algorithms/sade.hpp>
#include <pagmo/algorithms/sga.hpp>
#include <pagmo/algorithms/simulated_annealing.hpp>
#include <pagmo/algorithms/xnes.hpp>
#include <pagmo/batch_evaluators/member_bfe.hpp>
#include <pagmo/bfe.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>
#include <pagmo/utils/multi_objective.hpp>

#include "evaluation_ledger.hpp"
#include "neurodyn/error.hpp"
#include "study_baselines.hpp"

namespace neurodyn {

using fit_detail::BudgetSpent;
using fit_detail::EvaluationLedger;
using fit_detail::StopRequested;

namespace {

constexpr std::array<OptimizerInfo, 14> catalog{{
    {"sga", "pagmo", "simple genetic algorithm", false,
     "tournament selection, exponential crossover, polynomial mutation; population 50 (the earlier study's size)"},
    {"sa", "pagmo", "Corana's simulated annealing", false,
     "one point with adaptive neighbourhoods; temperature from 5 % of the first score down by 1e4, in 10 steps"},
    {"de", "pagmo", "differential evolution", false, "DE/rand/1/exp, F 0.8, CR 0.9; population 20"},
    {"sade", "pagmo", "self-adaptive differential evolution", false, "jDE adaptation of F and CR; population 20"},
    {"pso", "pagmo", "particle swarm (generational)", false,
     "constriction variant, each generation evaluated in parallel; population 20"},
    {"cmaes", "pagmo", "covariance matrix adaptation evolution strategy", false,
     "Hansen's defaults, population 4 + 3 ln(D), sigma0 0.3 of each range; IPOP restarts (population doubled) "
     "when it stalls"},
    {"xnes", "pagmo", "exponential natural evolution strategies", false,
     "population 4 + 3 ln(D); IPOP restarts when it stalls"},
    {"nsga2", "pagmo", "NSGA-II: the Pareto front of two or more objectives", false,
     "non-dominated sorting and crowding distance (Deb et al. 2002, IEEE TEC 6:182); crossover 0.95, mutation "
     "0.01; population 32"},
    {"lbfgs", "NLopt", "L-BFGS with bounds", true,
     "gradient from the forward sensitivities (gradient = exact) or forward differences (forward); trace_mse or "
     "spike_times"},
    {"bobyqa", "NLopt", "Powell's BOBYQA", true, "derivative-free quadratic models within bounds: a polish"},
    {"subplex", "NLopt", "Rowan's Subplex", true, "Nelder-Mead on subspaces: a robust derivative-free polish"},
    {"study-gd", "earlier study", "the earlier study's gradient descent", true,
     "forward differences (step 1e-8), learning rate 0.001, 100 iterations: a baseline, docs/reference.md 6.4"},
    {"study-sa", "earlier study", "the earlier study's simulated annealing", true,
     "T0 1, cooling 0.999 to 1e-4, U(-0.5, 0.5) proposals: a baseline, docs/reference.md 6.4"},
    {"study-ga", "earlier study", "the earlier study's genetic algorithm", false,
     "population 50, 25 parents, crossover after the first gene, one small mutation: a baseline"},
}};

// The fit as a pagmo problem on the unit cube: every evaluation goes through the ledger. A Pareto fit has one
// fitness value per objective.
struct LedgerProblem {
  EvaluationLedger* ledger = nullptr;
  std::size_t dimension = 1;
  std::size_t objectives = 1;

  pagmo::vector_double fitness(const pagmo::vector_double& x) const {
    if (objectives > 1) return ledger->evaluate_batch(x, dimension);
    return {ledger->evaluate(x)};
  }
  pagmo::vector_double::size_type get_nobj() const { return objectives; }
  pagmo::vector_double batch_fitness(const pagmo::vector_double& points) const {
    return ledger->evaluate_batch(points, dimension);
  }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
    return {pagmo::vector_double(dimension, 0.0), pagmo::vector_double(dimension, 1.0)};
  }
  std::string get_name() const { return "neurodyn fit"; }
};

std::size_t default_population(std::string_view name, std::size_t dimension) {
  if (name == "sga") return 50;
  if (name == "nsga2") return 32;
  if (name == "sa") return 1;
  if (name == "cmaes" || name == "xnes") {
    return 4 + static_cast<std::size_t>(std::floor(3.0 * std::log(static_cast<double>(dimension))));
  }
  return 20;
}

// One generation of the named algorithm (sa: the whole schedule), its state kept between calls.
pagmo::algorithm make_algorithm(const FitPlan& plan, double first_score, unsigned seed) {
  const std::string& name = plan.optimizer.name;
  const double dimension = static_cast<double>(plan.free.size());
  if (name == "sga") {
    return pagmo::algorithm(pagmo::sga(1, 0.9, 1.0, 0.02, 1.0, 2, "exponential", "polynomial", "tournament", seed));
  }
  if (name == "sa") {
    // Evaluations per evolve: n_T_adj * n_range_adj * bin_size * dimension.
    const double bins =
        std::max(1.0, std::floor(static_cast<double>(plan.optimizer.evaluations - 1) / (10.0 * dimension)));
    const double start = std::max(0.05 * std::abs(first_score), 1e-6);
    return pagmo::algorithm(
        pagmo::simulated_annealing(start, start * 1e-4, 10, 1, static_cast<unsigned>(bins), 1.0, seed));
  }
  if (name == "de") return pagmo::algorithm(pagmo::de(1, 0.8, 0.9, 2, 0.0, 0.0, seed));
  if (name == "sade") return pagmo::algorithm(pagmo::sade(1, 2, 1, 0.0, 0.0, true, seed));
  if (name == "pso") {
    pagmo::pso_gen pso(1, 0.7298, 2.05, 2.05, 0.5, 5, 2, 4, true, seed);
    pso.set_bfe(pagmo::bfe{pagmo::member_bfe{}});
    return pagmo::algorithm(std::move(pso));
  }
  if (name == "cmaes") return pagmo::algorithm(pagmo::cmaes(1, -1, -1, -1, -1, 0.3, 0.0, 0.0, true, true, seed));
  if (name == "nsga2") {
    pagmo::nsga2 nsga2(1, 0.95, 10.0, 0.01, 50.0, seed);
    nsga2.set_bfe(pagmo::bfe{pagmo::member_bfe{}});
    return pagmo::algorithm(std::move(nsga2));
  }
  return pagmo::algorithm(pagmo::xnes(1, -1, -1, -1, -1, 0.0, 0.0, true, true, seed));
}

// Whether an evolution strategy has stalled: the best score of its last 10 + ceil(30 D / lambda) generations
// (Hansen's TolHistFun window) improved by less than 1e-4 of its size (a score is not meaningful beyond that: the
// data's noise moves it more), or the population has shrunk below 1e-6 of the unit cube in every coordinate (TolX).
bool stalled(const std::vector<double>& bests, const pagmo::population& population, std::size_t dimension) {
  const std::size_t window = 10 + (30 * dimension + population.size() - 1) / population.size();
  if (bests.size() > window) {
    const auto recent = std::span(bests).last(window);
    const auto [low, high] = std::minmax_element(recent.begin(), recent.end());
    if (*high - *low <= 1e-4 * std::max(1e-12, std::abs(*low))) return true;
  }
  const auto& x = population.get_x();
  for (std::size_t j = 0; j < dimension; ++j) {
    const auto [low, high] =
        std::minmax_element(x.begin(), x.end(), [j](const auto& p, const auto& q) { return p[j] < q[j]; });
    if ((*high)[j] - (*low)[j] > 1e-6) return false;
  }
  return true;
}

double best_of(const pagmo::population& population) {
  const auto& f = population.get_f();
  return (*std::min_element(f.begin(), f.end(), [](const auto& p, const auto& q) { return p[0] < q[0]; }))[0];
}

// pagmo's algorithms, one generation per evolve() until the ledger ends the run. The evolution strategies (cmaes,
// xnes) restart with a doubled population when they stall, as IPOP-CMA-ES does (Auger & Hansen 2005, IEEE CEC
// 1769-1776): a converged strategy would otherwise spend the rest of the budget on one local minimum.
FitEnd run_pagmo(const FitPlan& plan, EvaluationLedger& ledger) {
  const std::size_t dimension = plan.free.size();
  const std::size_t objectives = std::max<std::size_t>(1, plan.objective.pareto.size());
  const pagmo::problem problem{LedgerProblem{&ledger, dimension, objectives}};
  std::size_t size = plan.optimizer.population > 0 ? static_cast<std::size_t>(plan.optimizer.population)
                                                   : default_population(plan.optimizer.name, dimension);
  const bool restarts = plan.optimizer.name == "cmaes" || plan.optimizer.name == "xnes";
  for (unsigned restart = 0;; ++restart) {
    const auto seed = static_cast<unsigned>(plan.optimizer.seed) + restart;
    // The first population in one batch (in parallel), then one generation at a time.
    pagmo::population population(problem, pagmo::bfe{pagmo::member_bfe{}}, size, seed);
    const double first_score = objectives == 1 ? population.champion_f()[0] : 0.0;  // sa's temperature scale
    const pagmo::algorithm algorithm = make_algorithm(plan, first_score, seed);
    std::vector<double> bests;
    while (true) {
      const long long before = ledger.count();
      ledger.start_generation();
      population = algorithm.evolve(population);
      if (plan.optimizer.name == "sa" || ledger.count() == before) return FitEnd::converged;
      bests.push_back(best_of(population));
      if (restarts && stalled(bests, population, dimension)) break;
    }
    size *= 2;
  }
}

nlopt::algorithm nlopt_algorithm(const std::string& name) {
  if (name == "lbfgs") return nlopt::LD_LBFGS;
  if (name == "bobyqa") return nlopt::LN_BOBYQA;
  return nlopt::LN_SBPLX;
}

// The forward-difference gradient: one batch of D points x + h e_j (x - h e_j at the upper bound).
void forward_difference_gradient(EvaluationLedger& ledger, std::span<const double> x, double score,
                                 std::span<double> gradient) {
  constexpr double h = 1e-6;
  const std::size_t dimension = x.size();
  std::vector<double> points;
  std::vector<double> steps;
  for (std::size_t j = 0; j < dimension; ++j) {
    std::vector<double> shifted(x.begin(), x.end());
    const double step = x[j] + h <= 1.0 ? h : -h;
    shifted[j] += step;
    points.insert(points.end(), shifted.begin(), shifted.end());
    steps.push_back(step);
  }
  const std::vector<double> scores = ledger.evaluate_batch(points, dimension);
  for (std::size_t j = 0; j < dimension; ++j) gradient[j] = (scores[j] - score) / steps[j];
}

struct NloptContext {
  EvaluationLedger* ledger;
  bool exact_gradient;
  std::exception_ptr ended;  // why the ledger stopped the run (NLopt's C++ wrapper swallows exceptions)
};

double nlopt_objective(const std::vector<double>& x, std::vector<double>& gradient, void* data) {
  auto& context = *static_cast<NloptContext*>(data);
  try {
    if (gradient.empty()) return context.ledger->evaluate(x);
    if (context.exact_gradient) return context.ledger->evaluate_with_gradient(x, gradient);
    const double score = context.ledger->evaluate(x);
    forward_difference_gradient(*context.ledger, x, score, gradient);
    return score;
  } catch (...) {
    context.ended = std::current_exception();
    throw nlopt::forced_stop();
  }
}

FitEnd run_nlopt(const FitPlan& plan, EvaluationLedger& ledger, std::string& reason) {
  const std::size_t dimension = plan.free.size();
  nlopt::srand(plan.optimizer.seed);
  nlopt::opt optimizer(nlopt_algorithm(plan.optimizer.name), static_cast<unsigned>(dimension));
  optimizer.set_lower_bounds(std::vector<double>(dimension, 0.0));
  optimizer.set_upper_bounds(std::vector<double>(dimension, 1.0));
  NloptContext context{&ledger, plan.optimizer.exact_gradient, nullptr};
  optimizer.set_min_objective(nlopt_objective, &context);
  optimizer.set_xtol_rel(1e-10);
  optimizer.set_ftol_rel(1e-12);
  std::vector<double> x = plan.optimizer.start_at_preset ? start_point(plan) : std::vector<double>(dimension, 0.5);
  double score = 0.0;
  try {
    optimizer.optimize(x, score);
  } catch (const nlopt::forced_stop&) {
    if (context.ended) std::rethrow_exception(context.ended);
    throw;
  } catch (const nlopt::roundoff_limited&) {
    // Converged as far as double precision allows.
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::runtime_error& failure) {
    // NLopt's generic failure (no exception of ours reaches here: the objective turns those into forced_stop).
    reason = fmt::format(
        "NLopt {} stopped: {} (for L-BFGS: its line search found no descent, at a kink of the "
        "objective where a model spike crosses a sample)",
        plan.optimizer.name, failure.what());
    return FitEnd::optimizer_stopped;
  }
  return FitEnd::converged;
}

}  // namespace

std::span<const OptimizerInfo> optimizer_catalog() { return catalog; }

const OptimizerInfo& find_optimizer(std::string_view name) {
  for (const OptimizerInfo& info : catalog) {
    if (info.name == name) return info;
  }
  std::vector<std::string_view> names;
  for (const OptimizerInfo& info : catalog) names.push_back(info.name);
  throw InputError(fmt::format("optimizer.name = '{}' is unknown; known optimizers: {}", name, fmt::join(names, ", ")));
}

void require_optimizer_fits(const FitPlan& plan) {
  const bool pareto = !plan.objective.pareto.empty();
  if (pareto != (plan.optimizer.name == "nsga2")) {
    throw InputError(pareto ? fmt::format("objective.kind lists {} objectives, a Pareto front: set optimizer.name = "
                                          "'nsga2' (found '{}')",
                                          plan.objective.pareto.size(), plan.optimizer.name)
                            : std::string("optimizer.name = 'nsga2' finds the Pareto front of two or more objectives: "
                                          "list them, objective.kind = [\"features\", \"gamma\"]"));
  }
  if (pareto && plan.optimizer.population != 0 &&
      (plan.optimizer.population < 8 || plan.optimizer.population % 4 != 0)) {
    throw InputError(
        fmt::format("optimizer.population = {}; nsga2 needs a multiple of 4, at least 8", plan.optimizer.population));
  }
  if (plan.optimizer.name != "lbfgs") return;
  if (plan.objective.kind != ObjectiveKind::trace_mse && plan.objective.kind != ObjectiveKind::spike_times) {
    throw InputError(
        fmt::format("optimizer.name = 'lbfgs' needs a smooth objective: objective.kind = 'trace_mse' or "
                    "'spike_times' (found '{}'; feature counts and Gamma are piecewise constant: use cmaes, bobyqa "
                    "or subplex)",
                    to_string(plan.objective.kind)));
  }
  if (plan.optimizer.exact_gradient && plan.method.name != "rk4" && plan.method.name != "dopri5") {
    throw InputError(
        fmt::format("optimizer.gradient = 'exact' integrates the forward sensitivities with rk4 or dopri5; the "
                    "fit's method is '{}': set method.name to one of them or optimizer.gradient = 'forward'",
                    plan.method.name));
  }
}

std::string_view to_string(FitEnd end) {
  switch (end) {
    case FitEnd::budget:
      return "budget spent";
    case FitEnd::converged:
      return "converged";
    case FitEnd::interrupted:
      return "interrupted";
    case FitEnd::optimizer_stopped:
      return "optimizer stopped";
  }
  return "budget spent";
}

namespace {

// The non-dominated evaluations of a Pareto fit by pagmo's fast non-dominated sorting (Deb et al. 2002), in history
// order, an evaluation at a point already in the front left out.
std::vector<std::size_t> pareto_front(const std::vector<EvaluationRecord>& history) {
  if (history.size() < 2) return {0};
  std::vector<pagmo::vector_double> objectives;
  for (const EvaluationRecord& record : history) objectives.push_back(record.objectives);
  const auto sorted = pagmo::fast_non_dominated_sorting(objectives);
  const auto& first = std::get<0>(sorted).front();  // the non-dominated front
  std::vector<std::size_t> members(first.begin(), first.end());
  std::sort(members.begin(), members.end());
  std::vector<std::size_t> front;
  for (const std::size_t i : members) {
    const auto same_point = [&](std::size_t j) { return history[j].unit_point == history[i].unit_point; };
    if (std::none_of(front.begin(), front.end(), same_point)) front.push_back(i);
  }
  return front;
}

}  // namespace

FitRun run_fit(const FitEvaluator& evaluator, const FitControl& control) {
  const FitPlan& plan = evaluator.plan();
  require_optimizer_fits(plan);
  EvaluationLedger ledger(evaluator, control);
  const auto started = std::chrono::steady_clock::now();
  FitEnd end = FitEnd::budget;
  std::string reason;
  try {
    const std::string_view library = find_optimizer(plan.optimizer.name).library;
    end = library == "NLopt"   ? run_nlopt(plan, ledger, reason)
          : library == "pagmo" ? run_pagmo(plan, ledger)
                               : fit_detail::run_study_baseline(plan, ledger);
  } catch (const BudgetSpent&) {
    end = FitEnd::budget;
  } catch (const StopRequested&) {
    end = FitEnd::interrupted;
  }
  // Only a stop asked for before the first evaluation ends a fit with none.
  if (ledger.count() == 0) {
    throw InputError("the fit was stopped before its first evaluation: there is no result to write");
  }
  FitRun run = std::move(ledger.run());
  run.end = end;
  run.end_reason = std::move(reason);
  run.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!plan.objective.pareto.empty()) run.pareto_front = pareto_front(run.history);
  return run;
}

}  // namespace neurodyn
