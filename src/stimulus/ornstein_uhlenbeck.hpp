#pragma once
// Drawing the samples of Ornstein-Uhlenbeck noise.
#include <cstddef>
#include <vector>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::stimulus_detail {

// The most samples one noise component may hold (800 MB of doubles).
inline constexpr std::size_t max_noise_samples = 100'000'000;

// How many samples of step h cover [0, span_ms] (the last one at or after span_ms): ceil(span_ms / h) + 1,
// as a double so that it can be checked against max_noise_samples before it is converted.
double noise_sample_count(double span_ms, double sample_step);

// `count` samples I_0 .. I_{count-1} on the grid t_k = k h (h = noise.sample_step), by the exact update of
// the process over one step (Gillespie, Phys. Rev. E 54:2084, 1996):
//   I_{k+1} = mean + (I_k - mean) e^{-h/tau} + sigma sqrt(1 - e^{-2h/tau}) N_k,   I_0 = mean,
// with N_k from StandardNormal(seed). The stationary standard deviation is sigma at any h.
std::vector<double> sample_ornstein_uhlenbeck(const OrnsteinUhlenbeck& noise, std::size_t count);

}  // namespace neurodyn::stimulus_detail
