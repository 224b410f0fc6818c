#include "neurodyn/analysis/firing_pattern.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "spike_train.hpp"

namespace neurodyn {
namespace {

void validate(const FiringPatternRules& rules) {
  if (!(rules.min_gap_ratio > 1.0) || !std::isfinite(rules.min_gap_ratio)) {
    throw InputError(fmt::format("gap ratio = {:g} is not allowed; allowed: a finite value > 1", rules.min_gap_ratio));
  }
  if (!(rules.settle_tolerance > 0.0 && rules.settle_tolerance < 1.0)) {
    throw InputError(fmt::format("settle tolerance = {:g} is not allowed; allowed: (0, 1)", rules.settle_tolerance));
  }
  if (!(rules.irregular_change > 0.0) || !std::isfinite(rules.irregular_change)) {
    throw InputError(
        fmt::format("irregular change = {:g} is not allowed; allowed: a finite value > 0", rules.irregular_change));
  }
  if (rules.min_adaptation_isis < 1) {
    throw InputError(fmt::format("min adaptation ISIs = {} is not allowed; allowed: >= 1", rules.min_adaptation_isis));
  }
}

// The direction of each ISI change: +1 longer by more than the tolerance, -1 shorter, 0 within it.
std::vector<int> interval_trends(const std::vector<double>& isis, double tolerance) {
  std::vector<int> trends;
  for (std::size_t k = 1; k < isis.size(); ++k) {
    trends.push_back(isis[k] > (1.0 + tolerance) * isis[k - 1]   ? 1
                     : isis[k] < (1.0 - tolerance) * isis[k - 1] ? -1
                                                                 : 0);
  }
  return trends;
}

// How often the ISIs turn from lengthening to shortening or back (changes within the tolerance skipped).
int reversals(const std::vector<int>& trends) {
  int count = 0, previous = 0;
  for (const int trend : trends) {
    if (trend == 0) continue;
    if (previous != 0 && trend != previous) ++count;
    previous = trend;
  }
  return count;
}

// The median over consecutive ISI pairs of |difference| / mean.
double median_relative_change(const std::vector<double>& isis) {
  std::vector<double> changes;
  for (std::size_t k = 1; k < isis.size(); ++k) {
    changes.push_back(2.0 * std::abs(isis[k] - isis[k - 1]) / (isis[k] + isis[k - 1]));
  }
  const auto middle = changes.begin() + static_cast<std::ptrdiff_t>(changes.size() / 2);
  std::nth_element(changes.begin(), middle, changes.end());
  if (changes.size() % 2 == 1) return *middle;
  return 0.5 * (*middle + *std::max_element(changes.begin(), middle));
}

// The first ISI from which every later one is within the tolerance of the last ISI.
std::size_t settle_index(const std::vector<double>& isis, double tolerance) {
  const double last = isis.back();
  std::size_t index = isis.size() - 1;
  while (index > 0 && std::abs(isis[index - 1] - last) <= tolerance * last) --index;
  return index;
}

// Sustained firing of single spikes: irregular, adapting or tonic (the rules of firing_pattern.hpp).
FiringPatternClass single_spike_class(const std::vector<double>& isis, const FiringPatternRules& rules) {
  const double tolerance = rules.settle_tolerance;
  const std::vector<int> trends = interval_trends(isis, tolerance);
  const double first = isis.front(), last = isis.back();
  const int turns = reversals(trends);
  if (turns >= 2) {
    const double change = median_relative_change(isis);
    if (change >= rules.irregular_change) {
      return {FiringPattern::irregular,
              fmt::format("{} ISIs from {:.4g} to {:.4g} ms that turn {} times between lengthening and shortening, "
                          "by {:.0f}% on the median step",
                          isis.size(), std::ranges::min(isis), std::ranges::max(isis), turns, 100.0 * change)};
    }
  }
  const std::size_t settled_from = settle_index(isis, tolerance);
  const bool settled = settled_from + 1 < isis.size();
  const bool lengthening = std::none_of(trends.begin(), trends.begin() + static_cast<std::ptrdiff_t>(settled_from),
                                        [](int trend) { return trend < 0; });
  const bool slows = lengthening && last > (1.0 + tolerance) * first;
  if (slows && !settled) {
    return {FiringPattern::spike_frequency_adaptation,
            fmt::format("ISIs lengthen from {:.4g} to {:.4g} ms and are still lengthening at the end", first, last)};
  }
  if (slows && settled_from >= static_cast<std::size_t>(rules.min_adaptation_isis)) {
    return {
        FiringPattern::spike_frequency_adaptation,
        fmt::format("ISIs lengthen from {:.4g} to {:.4g} ms over {} ISIs before settling", first, last, settled_from)};
  }
  if (turns >= 2) {
    return {FiringPattern::tonic_spiking,
            fmt::format("single spikes whose ISIs jitter around {:.4g} ms by {:.0f}% on the median step",
                        analysis_detail::mean(isis), 100.0 * median_relative_change(isis))};
  }
  return {FiringPattern::tonic_spiking,
          fmt::format("single spikes settling at an ISI of {:.4g} ms after {} ISI(s) (first ISI {:.4g} ms)", last,
                      settled_from, first)};
}

// A rebound: no spike while a hyperpolarizing input lasts and spikes after it, or spikes when a held
// hyperpolarization is released.
std::optional<FiringPatternClass> rebound_class(std::span<const double> sorted_spike_times_ms,
                                                const SpikeTrainWindow& window) {
  std::span<const double> after;
  if (window.polarity < 0 && window.input_end_ms) {
    if (!spikes_within(sorted_spike_times_ms, {window.start_ms, *window.input_end_ms}).empty()) return std::nullopt;
    after = spikes_within(sorted_spike_times_ms, {*window.input_end_ms, window.end_ms});
  } else if (window.release_from_hyperpolarization) {
    after = spikes_within(sorted_spike_times_ms, window);
  }
  if (after.empty()) return std::nullopt;
  return FiringPatternClass{
      after.size() == 1 ? FiringPattern::rebound_spike : FiringPattern::rebound_burst,
      fmt::format("{} spike(s) after the hyperpolarizing input ends at {:g} ms (the first at {:.4g} ms)", after.size(),
                  window.polarity < 0 ? window.input_end() : window.start_ms, after.front())};
}

}  // namespace

std::string_view to_string(FiringPattern pattern) {
  switch (pattern) {
    case FiringPattern::silent:
      return "silent";
    case FiringPattern::tonic_spiking:
      return "tonic spiking";
    case FiringPattern::phasic_spiking:
      return "phasic spiking";
    case FiringPattern::tonic_bursting:
      return "tonic bursting";
    case FiringPattern::phasic_bursting:
      return "phasic bursting";
    case FiringPattern::mixed_mode:
      return "mixed mode";
    case FiringPattern::spike_frequency_adaptation:
      return "spike-frequency adaptation";
    case FiringPattern::irregular:
      return "irregular";
    case FiringPattern::rebound_spike:
      return "rebound spike";
    case FiringPattern::rebound_burst:
      return "rebound burst";
  }
  return "unknown";
}

FiringPatternClass classify_firing_pattern(std::span<const double> sorted_spike_times_ms,
                                           const SpikeTrainWindow& window, const FiringPatternRules& rules) {
  validate(rules);
  const std::vector<Burst> bursts = detect_bursts(sorted_spike_times_ms, window, {rules.min_gap_ratio});
  const std::span<const double> spikes = spikes_within(sorted_spike_times_ms, window);
  if (const auto rebound = rebound_class(sorted_spike_times_ms, window)) return *rebound;
  if (spikes.empty()) {
    return {FiringPattern::silent, fmt::format("no spike in [{:g}, {:g}] ms", window.start_ms, window.end_ms)};
  }
  // The silence after the last spike while the input still holds, or to the end of the run once the input
  // has ended before it.
  const double input_end = window.input_end();
  const double pause = (input_end > spikes.back() ? input_end : window.end_ms) - spikes.back();
  if (spikes.size() == 1) {
    return {FiringPattern::phasic_spiking,
            fmt::format("one spike at {:.4g} ms (latency {:.4g} ms from the onset at {:g} ms), then none for {:.4g} ms",
                        spikes.front(), spikes.front() - window.start_ms, window.start_ms,
                        window.end_ms - spikes.front())};
  }
  const std::vector<double> isis = analysis_detail::interspike_intervals(spikes);
  const double longest = std::ranges::max(isis);
  if (pause >= rules.min_gap_ratio * longest) {
    return {FiringPattern::phasic_bursting,
            fmt::format("{} spikes within {:.4g} ms (longest ISI {:.4g} ms), then none for {:.4g} ms", spikes.size(),
                        spikes.back() - spikes.front(), longest, pause)};
  }
  if (bursts.size() >= 2) {
    double spikes_in_bursts = 0.0;
    for (const Burst& burst : bursts) spikes_in_bursts += static_cast<double>(burst.spike_count);
    return {FiringPattern::tonic_bursting,
            fmt::format("{} bursts of {:.3g} spikes on average in sustained firing", bursts.size(),
                        spikes_in_bursts / static_cast<double>(bursts.size()))};
  }
  if (bursts.size() == 1) {
    return {FiringPattern::mixed_mode,
            fmt::format("a burst of {} spikes, then {} single spikes", bursts.front().spike_count,
                        spikes.size() - bursts.front().spike_count)};
  }
  return single_spike_class(isis, rules);
}

}  // namespace neurodyn
