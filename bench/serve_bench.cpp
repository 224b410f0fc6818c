// Server-side cost of one POST /api/simulate: 1 s of a neuron at a 0.1 ms step, from the request text to the
// answer text (parse, validate, solve, decimate, statistics, phase plane, JSON), calling the handler directly.
// The explorer's budget is 2 ms per answer.
//   build/release/bench/serve_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "neurodyn/serve/simulate_api.hpp"

namespace {

using namespace neurodyn;

// 1 s of `preset` under rk4 at 0.1 ms, answered with the explorer's default sample budget.
std::string one_second_request(const std::string& preset, bool compare) {
  nlohmann::json request = {{"preset", preset}, {"t_end", 1000.0}, {"method", "rk4"}, {"dt", 0.1}};
  if (compare) request["compare"] = {{"method", "euler"}, {"dt", 1.0}};
  return request.dump();
}

void answer(benchmark::State& state, const std::string& preset, bool compare) {
  const std::string body = one_second_request(preset, compare);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const ApiResponse response = handle_simulate(body);
    if (response.status != 200 || response.body.find(R"("status":"ok")") == std::string::npos) {
      throw std::runtime_error(response.body.substr(0, 500));
    }
    bytes = response.body.size();
    benchmark::DoNotOptimize(response.body.data());
  }
  state.counters["answer_kB"] = static_cast<double>(bytes) / 1000.0;
}

void BM_OneSecondTonicSpiking(benchmark::State& state) { answer(state, "izh2004-A", false); }
void BM_OneSecondTonicSpikingWithEulerComparison(benchmark::State& state) { answer(state, "izh2004-A", true); }
void BM_OneSecondRegularSpiking2007(benchmark::State& state) { answer(state, "izh2007-RS", false); }
void BM_OneSecondAdEx(benchmark::State& state) { answer(state, "adex-tonic", false); }

BENCHMARK(BM_OneSecondTonicSpiking)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OneSecondTonicSpikingWithEulerComparison)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OneSecondRegularSpiking2007)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OneSecondAdEx)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
