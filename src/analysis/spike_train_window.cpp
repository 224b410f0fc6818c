#include "neurodyn/analysis/spike_train_window.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "neurodyn/error.hpp"

namespace neurodyn {

void validate(const SpikeTrainWindow& window) {
  if (!std::isfinite(window.start_ms) || !std::isfinite(window.end_ms) || !(window.start_ms < window.end_ms)) {
    throw InputError(fmt::format("window = [{:g}, {:g}] ms is not allowed; allowed: finite start < end",
                                 window.start_ms, window.end_ms));
  }
}

std::span<const double> spikes_within(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window) {
  const auto first = std::lower_bound(sorted_spike_times_ms.begin(), sorted_spike_times_ms.end(), window.start_ms);
  const auto last = std::upper_bound(first, sorted_spike_times_ms.end(), window.end_ms);
  return {first, last};
}

SpikeTrainWindow stimulus_window(const Stimulus& stimulus, double t_start_ms, double t_end_ms) {
  validate(SpikeTrainWindow{t_start_ms, t_end_ms});
  std::vector<double> changes = stimulus.discontinuities(t_start_ms, t_end_ms);
  std::erase_if(changes, [&](double t) { return t <= t_start_ms || t >= t_end_ms; });
  if (changes.empty()) return {t_start_ms, t_end_ms};
  const double onset = changes.front();
  const double baseline = stimulus.limit(onset, Side::left).current;
  const Drive after = stimulus.limit(onset, Side::right);
  const double change = after.current != baseline ? after.current - baseline : after.slope;
  const int polarity = change > 0.0 ? 1 : change < 0.0 ? -1 : 0;
  // The end of the pulse: the first later change after which the input is back at its baseline.
  const auto back = std::find_if(changes.begin() + 1, changes.end(),
                                 [&](double t) { return stimulus.limit(t, Side::right).current == baseline; });
  SpikeTrainWindow window{onset, t_end_ms, polarity};
  if (back != changes.end()) window.input_end_ms = *back;
  window.release_from_hyperpolarization = baseline < 0.0 && after.current == 0.0;
  return window;
}

SpikeTrainWindow recorded_stimulus_window(std::span<const double> times_ms, std::span<const double> currents) {
  if (times_ms.size() != currents.size() || times_ms.size() < 2) {
    throw InputError(
        fmt::format("recorded stimulus has {} times and {} currents; allowed: two or more samples, one "
                    "current per time",
                    times_ms.size(), currents.size()));
  }
  const std::size_t baseline_samples = std::max<std::size_t>(1, currents.size() / 100);
  double baseline = 0.0;
  for (std::size_t k = 0; k < baseline_samples; ++k) baseline += currents[k] / static_cast<double>(baseline_samples);
  const double extreme = *std::ranges::max_element(
      currents, [&](double a, double b) { return std::abs(a - baseline) < std::abs(b - baseline); });
  if (extreme == baseline) return {times_ms.front(), times_ms.back()};
  const double threshold = 0.5 * (baseline + extreme);
  const auto beyond = [&](double current) { return extreme > baseline ? current > threshold : current < threshold; };
  const auto first = std::ranges::find_if(currents, beyond);
  const auto last = std::find_if(currents.rbegin(), currents.rend(), beyond);
  SpikeTrainWindow window{times_ms[static_cast<std::size_t>(first - currents.begin())], times_ms.back(),
                          extreme > baseline ? 1 : -1};
  const double input_end = times_ms[currents.size() - 1 - static_cast<std::size_t>(last - currents.rbegin())];
  if (input_end < window.end_ms) window.input_end_ms = input_end;
  return window;
}

}  // namespace neurodyn
