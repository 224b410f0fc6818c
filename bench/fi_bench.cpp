// The f-I benchmark: the 2003 regular-spiking cell (a 0.02, b 0.2, c -65, d 8) from rest, 41
// constant currents I = 0..40, 1 s each, rk4 with located spikes at dt = 0.01 ms, on 1 and 2 threads: one run
// at a time (fi_curve) and the currents stepped together in lanes (fi_curve_in_lanes, the same points).
//   build/release/bench/fi_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/population/fi_in_lanes.hpp"

namespace {

using namespace neurodyn;

template <bool in_lanes>
void regular_spiking_fi_curve(benchmark::State& state) {
  const AnyModel model = make_model("izh2003", {{"a", 0.02}, {"b", 0.2}, {"c", -65.0}, {"d", 8.0}});
  FiProtocol protocol{model, resting_state(model, 0.0)->state, 1000.0, 500.0, 1000.0, {}};
  protocol.method.name = "rk4";
  protocol.method.dt = 0.01;
  protocol.method.spikes = SpikeHandling::located;
  const std::vector<double> currents = current_range(0.0, 40.0, 1.0);
  const auto threads = static_cast<unsigned>(state.range(0));
  std::size_t spikes = 0;
  for (auto _ : state) {
    const std::vector<FiPoint> curve =
        in_lanes ? fi_curve_in_lanes(protocol, currents, threads) : fi_curve(protocol, currents, threads);
    spikes = 0;
    for (const FiPoint& point : curve) spikes += point.spike_count;
    benchmark::DoNotOptimize(curve.data());
  }
  state.counters["currents"] = static_cast<double>(currents.size());
  state.counters["spikes"] = static_cast<double>(spikes);
}

}  // namespace

BENCHMARK(regular_spiking_fi_curve<false>)
    ->Name("fi_one_run_at_a_time")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(regular_spiking_fi_curve<true>)
    ->Name("fi_in_lanes")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
