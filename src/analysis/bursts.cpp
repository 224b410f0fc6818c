#include "neurodyn/analysis/bursts.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

#include "neurodyn/error.hpp"
#include "spike_train.hpp"

namespace neurodyn {
namespace {

using analysis_detail::interspike_intervals;

// Step 1 of the rule: the ISI below which intervals join spikes into a burst, from the largest ratio between
// neighbouring sorted ISIs; none when no ratio reaches min_gap_ratio.
std::optional<double> split_threshold(std::vector<double> isis, double min_gap_ratio) {
  std::ranges::sort(isis);
  double best_ratio = 0.0, threshold = 0.0;
  for (std::size_t k = 1; k < isis.size(); ++k) {
    const double ratio = isis[k] / isis[k - 1];
    if (ratio > best_ratio) {
      best_ratio = ratio;
      threshold = std::sqrt(isis[k] * isis[k - 1]);
    }
  }
  if (best_ratio >= min_gap_ratio) return threshold;
  return std::nullopt;
}

// Step 3: a lone first burst followed by single spikes must end in a pause at least as long as the mean of
// the intervals that follow, or it is the fast start of an adapting train.
bool ends_in_pause(const Burst& burst, const std::vector<double>& isis) {
  const std::size_t pause_index = burst.spike_count - 1;
  if (pause_index + 1 >= isis.size()) return true;  // nothing after the pause to compare with
  const std::span<const double> later(isis.begin() + static_cast<std::ptrdiff_t>(pause_index + 1), isis.end());
  return isis[pause_index] >= analysis_detail::mean(later);
}

}  // namespace

double Burst::intra_burst_frequency_hz() const {
  return 1000.0 * static_cast<double>(spike_count - 1) / (end_ms - start_ms);
}

std::vector<Burst> detect_bursts(std::span<const double> sorted_spike_times_ms, const SpikeTrainWindow& window,
                                 const BurstRule& rule) {
  validate(window);
  if (!(rule.min_gap_ratio > 1.0) || !std::isfinite(rule.min_gap_ratio)) {
    throw InputError(
        fmt::format("burst gap ratio = {:g} is not allowed; allowed: a finite value > 1", rule.min_gap_ratio));
  }
  analysis_detail::require_sorted_spike_times(sorted_spike_times_ms);
  const std::span<const double> spikes = spikes_within(sorted_spike_times_ms, window);
  if (spikes.size() < 2) return {};
  const std::vector<double> isis = interspike_intervals(spikes);

  std::vector<bool> joins(isis.size());
  if (const auto threshold = split_threshold(isis, rule.min_gap_ratio)) {
    for (std::size_t k = 0; k < isis.size(); ++k) joins[k] = isis[k] < *threshold;
  } else if (window.end_ms - spikes.back() >= rule.min_gap_ratio * std::ranges::max(isis)) {
    joins.assign(isis.size(), true);  // one group, then quiescence
  } else {
    return {};
  }

  std::vector<Burst> bursts;
  std::size_t groups = 0;
  for (std::size_t first = 0; first < spikes.size();) {
    std::size_t last = first;
    while (last < isis.size() && joins[last]) ++last;
    ++groups;
    if (last > first) bursts.push_back({first, last - first + 1, spikes[first], spikes[last]});
    first = last + 1;
  }
  const bool lone_first_burst = bursts.size() == 1 && bursts.front().first_spike == 0 && groups > 1;
  if (lone_first_burst && !ends_in_pause(bursts.front(), isis)) return {};
  return bursts;
}

}  // namespace neurodyn
