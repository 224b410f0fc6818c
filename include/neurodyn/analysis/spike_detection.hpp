#pragma once
// Spikes of a sampled voltage trace (a simulation or a recording): upward crossings of a threshold, timed by
// linear interpolation between the two samples around the crossing, with a refractory guard against a noisy
// trace crossing twice on one upstroke. Spikes of a simulation are best taken from the solver's own events
// (Solution::spike_times, located to the method's order); this is for traces, recordings included.
#include <span>
#include <vector>

namespace neurodyn {

struct SpikeDetectionOptions {
  double threshold_mV = 0.0;   // a spike is an upward crossing of this level (mV)
  double refractory_ms = 1.0;  // a crossing less than this after the previous spike is ignored (ms, >= 0)
};

// Times (ms, the unit of `times_ms`) of the upward crossings v[k-1] < threshold <= v[k], each at
// t[k-1] + (threshold - v[k-1]) / (v[k] - v[k-1]) * (t[k] - t[k-1]). Throws InputError when the two spans
// differ in length, a value is not finite, the times decrease, or an option is out of range. Two samples at
// one time (a trace that records a reset as a jump) are a vertical step: a crossing there is at that time.
std::vector<double> detect_spikes(std::span<const double> times_ms, std::span<const double> voltages_mV,
                                  const SpikeDetectionOptions& options = {});

}  // namespace neurodyn
