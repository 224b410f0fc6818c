#include "neurodyn/population/fi_in_lanes.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

#include "../analysis/parallel_for.hpp"  // thread_count
#include "group_engine.hpp"
#include "lanes.hpp"
#include "neurodyn/analysis/voltage_peaks.hpp"

namespace neurodyn {

namespace {

constexpr std::int64_t steps_per_chunk = 1024;

bool is_lane_method(const std::string& name) {
  return name == "euler" || name == "midpoint" || name == "heun" || name == "rk4";
}

// The runaway guard of the single-neuron run (src/solve/spike_log.hpp): whether it would have ended the run.
bool trips_runaway_guard(const std::vector<double>& spikes, const MethodOptions& method) {
  const auto window = static_cast<std::size_t>(method.runaway_window);
  for (std::size_t k = 0; k < spikes.size(); ++k) {
    if (k > 0 && spikes[k] <= spikes[k - 1]) return true;
    if (k >= window && (spikes[k] - spikes[k - window]) * method.max_rate_hz < 1000.0 * static_cast<double>(window)) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool fi_runs_in_lanes(const FiProtocol& protocol) {
  const auto& names = population_detail::lane_models();
  const double steps = protocol.t_end_ms / protocol.method.dt;
  return std::find(names.begin(), names.end(), model_name(protocol.model)) != names.end() &&
         is_lane_method(protocol.method.name) && protocol.method.spikes == SpikeHandling::located &&
         std::abs(steps - std::round(steps)) <= 1e-9 * steps &&
         static_cast<double>(std::llround(steps)) * protocol.method.dt == protocol.t_end_ms &&
         static_cast<double>(std::llround(steps)) <= static_cast<double>(protocol.method.max_steps);
}

std::vector<FiPoint> fi_curve_in_lanes(const FiProtocol& protocol, std::span<const double> currents, unsigned threads) {
  if (!fi_runs_in_lanes(protocol) || currents.empty()) return fi_curve(protocol, currents, threads);
  validate(protocol);
  PeakFinder{protocol.peak_prominence};  // an invalid prominence is an InputError before any run
  const std::vector<AnyModel> models(currents.size(), protocol.model);
  const std::vector<std::vector<double>> states(currents.size(), protocol.initial_state);
  const auto engine = population_detail::make_group_engine(models, states, protocol.method.name);
  const auto steps = static_cast<std::int64_t>(std::llround(protocol.t_end_ms / protocol.method.dt));
  constexpr int width = population_detail::lane_width;
  const auto count = static_cast<std::int64_t>(currents.size());
  std::vector<FiRun> runs(currents.size());
  std::vector<bool> again(currents.size(), false);
  const int thread_count = static_cast<int>(analysis_detail::thread_count(threads, engine->block_count()));
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count)
  for (std::size_t b = 0; b < engine->block_count(); ++b) {
    double inputs[width];
    std::vector<PeakFinder> peaks;
    for (int lane = 0; lane < width; ++lane) {
      const auto run = std::min<std::int64_t>(static_cast<std::int64_t>(b) * width + lane, count - 1);
      inputs[lane] = currents[static_cast<std::size_t>(run)];
      peaks.emplace_back(protocol.peak_prominence);
      peaks.back().add(0.0, protocol.initial_state[0]);  // the driver's first sample
    }
    std::vector<population_detail::GroupSpike> spikes;
    std::vector<double> voltages(static_cast<std::size_t>(steps_per_chunk) * width);
    for (std::int64_t first = 0; first < steps; first += steps_per_chunk) {
      const std::int64_t last = std::min(steps, first + steps_per_chunk);
      engine->advance_converged(b, inputs, {protocol.method.dt, first, last, 0.0}, spikes, voltages.data());
      for (std::int64_t j = first + 1; j <= last; ++j) {
        const double t = static_cast<double>(j) * protocol.method.dt;
        for (int lane = 0; lane < width; ++lane) {
          peaks[static_cast<std::size_t>(lane)].add(t,
                                                    voltages[static_cast<std::size_t>((j - first - 1) * width + lane)]);
        }
      }
    }
    for (int lane = 0; lane < width; ++lane) {
      const std::int64_t run = static_cast<std::int64_t>(b) * width + lane;
      if (run >= count) break;
      FiRun& result = runs[static_cast<std::size_t>(run)];
      for (const auto& spike : spikes) {
        if (spike.neuron == run) result.solution.spike_times.push_back(spike.time_ms);
      }
      result.solution.dimension = engine->dimension();
      result.peak_times = peaks[static_cast<std::size_t>(lane)].peak_times();
      result.final_state = engine->state(run);
      again[static_cast<std::size_t>(run)] =
          engine->failure(run).has_value() || trips_runaway_guard(result.solution.spike_times, protocol.method);
    }
  }
  std::vector<FiPoint> points(currents.size());
  for (std::size_t i = 0; i < currents.size(); ++i) {
    points[i] = fi_point(protocol, currents[i], again[i] ? fi_run(protocol, currents[i]) : runs[i]);
  }
  return points;
}

}  // namespace neurodyn
