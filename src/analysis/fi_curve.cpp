#include "neurodyn/analysis/fi_curve.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/analysis/voltage_peaks.hpp"
#include "neurodyn/error.hpp"
#include "parallel_for.hpp"

namespace neurodyn {

void validate(const FiProtocol& protocol) {
  if (!std::isfinite(protocol.t_end_ms) || !(protocol.t_end_ms > 0.0)) {
    throw InputError(fmt::format("t_end = {:g} ms is not allowed; allowed: a finite value > 0", protocol.t_end_ms));
  }
  if (!(0.0 <= protocol.window_start_ms && protocol.window_start_ms < protocol.window_end_ms &&
        protocol.window_end_ms <= protocol.t_end_ms)) {
    throw InputError(
        fmt::format("window = [{:g}, {:g}] ms is not allowed; allowed: 0 <= start < end <= t_end = {:g} ms",
                    protocol.window_start_ms, protocol.window_end_ms, protocol.t_end_ms));
  }
}

Problem fi_problem(const FiProtocol& protocol, double current) {
  if (!std::isfinite(current)) {
    throw InputError(fmt::format("current = {:g} is not allowed; allowed: a finite value", current));
  }
  Problem problem;
  problem.model = protocol.model;
  problem.initial_state = protocol.initial_state;
  const double infinity = std::numeric_limits<double>::infinity();
  problem.stimulus = Stimulus({StepCurrent{current, -infinity, infinity, false}});
  problem.t_start = 0.0;
  problem.t_end = protocol.t_end_ms;
  return problem;
}

std::string_view to_string(SpikeDetector detector) { return detector == SpikeDetector::events ? "events" : "peaks"; }

SpikeDetector parse_spike_detector(std::string_view text) {
  if (text == "events") return SpikeDetector::events;
  if (text == "peaks") return SpikeDetector::peaks;
  throw InputError(fmt::format("detector = '{}' is not known; allowed: events, peaks", text));
}

FiRun fi_run(const FiProtocol& protocol, double current) {
  FiRun run;
  PeakFinder peaks(protocol.peak_prominence);
  RecordOptions record;
  record.mode = RecordOptions::Mode::spikes_only;
  record.callback = [&](double t, std::span<const double> state) {
    peaks.add(t, state[0]);
    run.final_state.assign(state.begin(), state.end());
  };
  run.solution = solve(fi_problem(protocol, current), protocol.method, record);
  run.peak_times = peaks.peak_times();
  return run;
}

FiPoint fi_point(const FiProtocol& protocol, double current, const FiRun& run) {
  const Solution& solution = run.solution;
  const std::vector<double>& spikes =
      protocol.detector == SpikeDetector::events ? solution.spike_times : run.peak_times;
  const SpikeTrainWindow window{protocol.window_start_ms, protocol.window_end_ms};
  const std::span<const double> in_window = spikes_within(spikes, window);
  FiPoint point;
  point.current = current;
  point.spike_count = spikes.size();
  point.window_spike_count = in_window.size();
  point.window_peak_count = spikes_within(run.peak_times, window).size();
  point.missed_oscillation = point.window_peak_count >= 2 && 2 * point.window_spike_count < point.window_peak_count;
  if (in_window.size() >= 2) {
    const double mean_isi = (in_window.back() - in_window.front()) / static_cast<double>(in_window.size() - 1);
    point.steady_rate_hz = 1000.0 / mean_isi;
  }
  if (spikes.size() >= 2) point.first_isi_rate_hz = 1000.0 / (spikes[1] - spikes[0]);
  point.first_spike_ms = spikes.empty() ? std::numeric_limits<double>::quiet_NaN() : spikes.front();
  point.status = solution.status;
  point.message = solution.message;
  return point;
}

std::vector<FiPoint> fi_curve(const FiProtocol& protocol, std::span<const double> currents, unsigned threads) {
  validate(protocol);
  PeakFinder{protocol.peak_prominence};  // an invalid prominence is an InputError before any run
  std::vector<FiPoint> points(currents.size());
  analysis_detail::parallel_for(currents.size(), threads,
                                [&](std::size_t i) { points[i] = fi_point(protocol, currents[i], fi_run(protocol, currents[i])); });
  return points;
}

std::vector<double> current_range(double from, double to, double step) {
  if (!std::isfinite(from) || !std::isfinite(to) || !(from <= to)) {
    throw InputError(fmt::format("current range {:g}:{:g} is not allowed; allowed: finite FROM <= TO", from, to));
  }
  if (!std::isfinite(step) || !(step > 0.0)) {
    throw InputError(fmt::format("current step = {:g} is not allowed; allowed: a finite value > 0", step));
  }
  const double intervals = std::floor((to - from) / step + 1e-9);
  if (intervals >= 100'000.0) {
    throw InputError(fmt::format("current range {:g}:{:g}:{:g} has {:g} currents; allowed: at most 100000", from, to,
                                 step, intervals + 1.0));
  }
  std::vector<double> currents;
  for (double k = 0.0; k <= intervals; k += 1.0) currents.push_back(from + k * step);
  return currents;
}

}  // namespace neurodyn
