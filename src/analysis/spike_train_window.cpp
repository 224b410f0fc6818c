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

}  // namespace neurodyn
