// Objective evaluations of `neurodyn fit` per second: one 3 s sweep of the shipped ABF recording (sweep 16, 300 pA
// steps, 18 spikes) against the 2007 model at the RS preset, for each objective and two methods (rk4 at the
// recording's 0.05 ms sample interval, adaptive dopri5 recorded on that grid), one thread. The evaluation includes
// the simulation, the model trace at the data's 60,000 sample times, eFEL's spike detection and the objective.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "neurodyn/fit/evaluator.hpp"
#include "neurodyn/io/abf2.hpp"

namespace {

using namespace neurodyn;

const Recording& abf() {
  static const Recording recording =
      read_abf2(std::filesystem::path(NEURODYN_SOURCE_DIR) / "tests/data/recordings/171116sh_0018.abf");
  return recording;
}

void objective_evaluation(benchmark::State& state, const std::string& method, const std::string& objective) {
  FitSettings settings;
  settings.run.preset = "izh2007-RS";
  settings.run.method = method;
  if (method == "rk4") settings.run.method_options["dt"] = 0.05;
  settings.training = std::vector<int>{16};
  settings.held_out = std::vector<int>{15};
  settings.objective = objective;
  settings.threads = 1;
  const FitPlan plan = plan_fit(settings, abf());
  const FitEvaluator evaluator(plan);
  const std::vector<double> x = start_point(plan);
  long long rhs = 0;
  for (auto _ : state) {
    const Evaluation evaluation = evaluator.evaluate(x, 1);
    benchmark::DoNotOptimize(evaluation.score);
    rhs = evaluation.rhs_evaluations;
  }
  state.counters["evaluations/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["rhs per evaluation"] = static_cast<double>(rhs);
}

// The masked trace MSE with its exact gradient in the nine free parameters (forward sensitivities, RK4 at 0.05 ms):
// against rk4_trace_mse, the price of the gradient; forward differences would take ten evaluations.
void gradient_evaluation(benchmark::State& state) {
  FitSettings settings;
  settings.run.preset = "izh2007-RS";
  settings.run.method = "rk4";
  settings.run.method_options["dt"] = 0.05;
  settings.training = std::vector<int>{16};
  settings.held_out = std::vector<int>{15};
  settings.objective = "trace_mse";
  settings.optimizer = "lbfgs";
  settings.threads = 1;
  const FitPlan plan = plan_fit(settings, abf());
  const FitEvaluator evaluator(plan);
  const std::vector<double> x = start_point(plan);
  std::vector<double> gradient(x.size());
  long long rhs = 0;
  for (auto _ : state) {
    const Evaluation evaluation = evaluator.evaluate_with_gradient(x, gradient, 1);
    benchmark::DoNotOptimize(gradient.data());
    rhs = evaluation.rhs_evaluations;
  }
  state.counters["evaluations/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["rhs per evaluation"] = static_cast<double>(rhs);
}

BENCHMARK(gradient_evaluation)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(objective_evaluation, rk4_features, "rk4", "features")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(objective_evaluation, rk4_trace_mse, "rk4", "trace_mse")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(objective_evaluation, rk4_gamma, "rk4", "gamma")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(objective_evaluation, dopri5_features, "dopri5", "features")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(objective_evaluation, dopri5_gamma, "dopri5", "gamma")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
