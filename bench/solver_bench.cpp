// Throughput of each solver on 1 s of Izhikevich tonic spiking (2004 panel A's cell, 14 from 10 ms), one
// core. Reported as steps per second; compare ratios within one run (the machine is shared).
//   build/release/bench/solver_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

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

void run(benchmark::State& state, const std::string& method, double dt, SpikeHandling spikes, bool record_trace) {
  const Problem problem = tonic_spiking_one_second();
  MethodOptions options;
  options.name = method;
  options.dt = dt;
  options.spikes = spikes;
  RecordOptions record;
  record.mode = record_trace ? RecordOptions::Mode::full : RecordOptions::Mode::spikes_only;
  long long steps = 0;
  std::size_t spikes_seen = 0;
  for (auto _ : state) {
    const Solution solution = solve(problem, options, record);
    steps += solution.statistics.steps;
    spikes_seen = solution.spike_times.size();
    benchmark::DoNotOptimize(solution.spike_times.data());
  }
  state.counters["steps_per_second"] = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
  state.counters["spikes"] = static_cast<double>(spikes_seen);
}

void register_all() {
  struct Case {
    const char* method;
    double dt;
    SpikeHandling spikes;
  };
  const Case cases[] = {
      {"euler", 0.01, SpikeHandling::located},
      {"izhikevich-published", 0.01, SpikeHandling::grid},
      {"backward-euler", 0.01, SpikeHandling::located},
      {"midpoint", 0.01, SpikeHandling::located},
      {"heun", 0.01, SpikeHandling::located},
      {"rk4", 0.01, SpikeHandling::located},
      {"rk4", 0.01, SpikeHandling::grid},
      {"exp-rosenbrock-euler", 0.01, SpikeHandling::located},
      {"rosenbrock-euler", 0.01, SpikeHandling::located},
  };
  for (const Case& c : cases) {
    for (const bool record_trace : {false, true}) {
      const std::string name = std::string(c.method) + "/" + std::string(to_string(c.spikes)) +
                               (record_trace ? "/trace" : "/spikes-only");
      benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
        run(state, c.method, c.dt, c.spikes, record_trace);
      })->Unit(benchmark::kMillisecond);
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
