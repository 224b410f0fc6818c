#include "neurodyn/analysis/spike_detection.hpp"

#include <cmath>
#include <fmt/format.h>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

void validate_trace(std::span<const double> times, std::span<const double> voltages,
                    const SpikeDetectionOptions& options) {
  if (times.size() != voltages.size()) {
    throw InputError(fmt::format("trace has {} times but {} voltages; allowed: one voltage per time", times.size(),
                                 voltages.size()));
  }
  if (!std::isfinite(options.threshold_mV)) {
    throw InputError(fmt::format("threshold = {:g} mV is not allowed; allowed: a finite value", options.threshold_mV));
  }
  if (!(options.refractory_ms >= 0.0) || !std::isfinite(options.refractory_ms)) {
    throw InputError(
        fmt::format("refractory = {:g} ms is not allowed; allowed: a finite value >= 0", options.refractory_ms));
  }
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (!std::isfinite(times[k]) || !std::isfinite(voltages[k])) {
      throw InputError(fmt::format("trace sample {} (t = {:g}, v = {:g}) is not finite; allowed: finite values", k,
                                   times[k], voltages[k]));
    }
    if (k > 0 && times[k] < times[k - 1]) {
      throw InputError(fmt::format("trace time {:g} at sample {} comes before {:g}; allowed: non-decreasing times",
                                   times[k], k, times[k - 1]));
    }
  }
}

}  // namespace

std::vector<double> detect_spikes(std::span<const double> times_ms, std::span<const double> voltages_mV,
                                  const SpikeDetectionOptions& options) {
  validate_trace(times_ms, voltages_mV, options);
  const double threshold = options.threshold_mV;
  std::vector<double> spikes;
  for (std::size_t k = 1; k < times_ms.size(); ++k) {
    const double v0 = voltages_mV[k - 1], v1 = voltages_mV[k];
    if (!(v0 < threshold && threshold <= v1)) continue;
    const double t = times_ms[k - 1] + (threshold - v0) / (v1 - v0) * (times_ms[k] - times_ms[k - 1]);
    if (spikes.empty() || t - spikes.back() >= options.refractory_ms) spikes.push_back(t);
  }
  return spikes;
}

}  // namespace neurodyn
