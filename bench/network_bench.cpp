// Networks and many neurons stepped together (src/population/):
//   net_m           Izhikevich's net.m, 1000 neurons, 1000 ms, published and converged semantics (the loop only,
//                   set-up excluded);
//   uncoupled       100,000 uncoupled 2003 RS neurons, 1 s at 0.1 ms, explicit Euler with located spikes, as a
//                   sweep of identical runs: neuron-steps per second;
//   sparse_network  examples/network/sparse-10k.toml scaled to 100,000 neurons (in-degree 100 + 25), 200 ms.
// Threads: the argument. Quote medians of repetitions:
//   build/release/bench/network_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "neurodyn/population/network.hpp"
#include "neurodyn/population/sweep.hpp"

namespace {

using namespace neurodyn;

void net_m(benchmark::State& state, NetworkSemantics semantics) {
  NetworkSpec spec = izhikevich2003_network(semantics, 1);
  spec.threads = static_cast<unsigned>(state.range(0));
  std::size_t spikes = 0;
  for (auto _ : state) {
    const NetworkResult result = simulate_network(spec);
    spikes = result.spikes.time_ms.size();
    state.SetIterationTime(result.simulation_seconds);
  }
  state.counters["spikes"] = static_cast<double>(spikes);
}

void uncoupled(benchmark::State& state) {
  SweepSpec spec;
  spec.model = "izh2003";
  spec.parameters = {{"a", 0.02}, {"b", 0.2}, {"c", -65.0}, {"d", 8.0}};
  spec.v0 = -65.0;
  spec.current = 10.0;
  spec.duration_ms = 1000.0;
  spec.method = "euler";
  spec.dt_ms = 0.1;
  spec.axes = {{"d", {8.0, 8.0}}};
  spec.samples = 100'000;
  spec.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const SweepResult result = run_sweep(spec);
    state.SetIterationTime(result.seconds);
  }
  state.counters["neuron_steps_per_s"] =
      benchmark::Counter(1e5 * 1e4 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void sparse_network(benchmark::State& state) {
  NetworkSpec spec = izhikevich2003_network(NetworkSemantics::converged, 1);
  spec.groups[0].count = 80'000;
  spec.groups[1].count = 20'000;
  for (Connection& connection : spec.connections) {
    const bool excitatory = connection.from == "excitatory";
    connection.rule = Connection::Rule::in_degree;
    connection.in_degree = excitatory ? 100 : 25;
    connection.weight.coefficients = {0.0, excitatory ? 3.0 : -8.0};
  }
  spec.duration_ms = 200.0;
  spec.dt_ms = 1.0 / 32.0;
  spec.threads = static_cast<unsigned>(state.range(0));
  std::int64_t synapses = 0;
  for (auto _ : state) {
    const NetworkResult result = simulate_network(spec);
    synapses = result.synapses;
    state.SetIterationTime(result.simulation_seconds);
  }
  state.counters["synapses"] = static_cast<double>(synapses);
}

}  // namespace

BENCHMARK_CAPTURE(net_m, published, NetworkSemantics::published)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(net_m, converged, NetworkSemantics::converged)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(uncoupled)->Arg(1)->Arg(2)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(sparse_network)->Arg(1)->Arg(2)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
