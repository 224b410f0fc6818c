#include "spike_train.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "neurodyn/error.hpp"

namespace neurodyn::analysis_detail {

void require_sorted_spike_times(std::span<const double> spike_times_ms) {
  for (std::size_t k = 0; k < spike_times_ms.size(); ++k) {
    if (!std::isfinite(spike_times_ms[k])) {
      throw InputError(
          fmt::format("spike time {} = {:g} ms is not allowed; allowed: finite times", k, spike_times_ms[k]));
    }
    if (k > 0 && !(spike_times_ms[k] > spike_times_ms[k - 1])) {
      throw InputError(
          fmt::format("spike time {} = {:g} ms does not follow the previous one ({:g} ms); allowed: "
                      "strictly increasing times",
                      k, spike_times_ms[k], spike_times_ms[k - 1]));
    }
  }
}

std::vector<double> interspike_intervals(std::span<const double> spike_times_ms) {
  std::vector<double> intervals;
  for (std::size_t k = 1; k < spike_times_ms.size(); ++k)
    intervals.push_back(spike_times_ms[k] - spike_times_ms[k - 1]);
  return intervals;
}

double mean(std::span<const double> values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace neurodyn::analysis_detail
