// Work-precision on 1 s of Izhikevich tonic spiking (2004 panel A's cell, 14 from 10 ms): for each method the
// coarsest step or tolerance of its ladder whose maximum spike-time error is at most 1e-3, 1e-6 and 1e-9 ms,
// and the wall time of a run at that setting. The error is against the Parker-Sochacki series at 1e-15,
// cross-checked by CVODE Adams at 1e-14 before anything is timed.
//   build/release/bench/work_precision_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <stdexcept>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace {

using namespace neurodyn;

Problem tonic_spiking_one_second() {
  Problem problem;
  problem.model = make_model("izh2003", {{"a", 0.02}, {"b", 0.2}, {"c", -65.0}, {"d", 6.0}});
  problem.initial_state = {-70.0, -14.0};
  problem.t_end = 1000.0;
  problem.stimulus = parse_stimulus("step:amp=14,start=10", problem.t_end);
  return problem;
}

MethodOptions at(const std::string& name, double setting) {
  MethodOptions options = method_at(name, setting);
  // Parker-Sochacki: the series is summed to 1e-14 on every step, so the step sets only the cost (and
  // whether the series converges at all near the blow-up of v).
  if (name == "parker-sochacki") options.rtol = options.atol = 1e-14;
  return options;
}

Solution spikes_of(const Problem& problem, const MethodOptions& options) {
  RecordOptions record;
  record.mode = RecordOptions::Mode::spikes_only;
  return solve(problem, options, record);
}

double worst_error(const Solution& solution, const Solution& reference) {
  if (!solution.ok() || solution.spike_times.size() != reference.spike_times.size()) return INFINITY;
  double worst = 0.0;
  for (std::size_t i = 0; i < reference.spike_times.size(); ++i) {
    worst = std::max(worst, std::abs(solution.spike_times[i] - reference.spike_times[i]));
  }
  return worst;
}

void register_all() {
  static const Problem problem = tonic_spiking_one_second();
  MethodOptions series = at("parker-sochacki", 0.05);
  series.rtol = series.atol = 1e-15;
  static const Solution reference = spikes_of(problem, series);
  const double agreement = worst_error(spikes_of(problem, at("cvode-adams", 1e-14)), reference);
  if (!(agreement < 1e-8)) throw std::runtime_error("the references disagree");
  std::printf("reference: parker-sochacki at 1e-15, %zu spikes; cvode-adams at 1e-14 agrees within %.2g ms\n",
              reference.spike_times.size(), agreement);

  const std::vector<double> steps{0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005};
  const std::vector<double> tolerances{1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13};
  for (const std::string method : {"euler", "midpoint", "rk4", "exp-rosenbrock-euler", "parker-sochacki",
                                   "rosenbrock-euler", "exprb32", "dopri5", "cvode-adams", "cvode-bdf"}) {
    const bool adaptive = method_info(method).adaptive;
    bool too_slow = false;  // a ladder stops at the first run above 2 s: that method cannot compete there
    for (const double target : {1e-3, 1e-6, 1e-9}) {
      for (const double setting : adaptive ? tolerances : steps) {
        if (too_slow) break;
        const MethodOptions options = at(method, setting);
        const auto start = std::chrono::steady_clock::now();
        const double error = worst_error(spikes_of(problem, options), reference);
        too_slow = std::chrono::steady_clock::now() - start > std::chrono::seconds(2);
        if (error > target) continue;
        const std::string name =
            fmt::format("{}/error<={:g}/{}={:g}", method, target, adaptive ? "tol" : "dt", setting);
        benchmark::RegisterBenchmark(name.c_str(), [options](benchmark::State& state) {
          for (auto _ : state) benchmark::DoNotOptimize(spikes_of(problem, options).spike_times.data());
        })->Unit(benchmark::kMillisecond);
        break;
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
