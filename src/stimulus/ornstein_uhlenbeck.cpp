#include "ornstein_uhlenbeck.hpp"

#include <cmath>

#include "standard_normal.hpp"

namespace neurodyn::stimulus_detail {

double noise_sample_count(double span_ms, double sample_step) { return std::ceil(span_ms / sample_step) + 1.0; }

std::vector<double> sample_ornstein_uhlenbeck(const OrnsteinUhlenbeck& noise, std::size_t count) {
  if (count == 0) return {};
  const double decay = std::exp(-noise.sample_step / noise.tau);
  // sqrt(1 - e^{-2h/tau}) with expm1, accurate when h << tau.
  const double kick = noise.sigma * std::sqrt(-std::expm1(-2.0 * noise.sample_step / noise.tau));
  StandardNormal normal(noise.seed);
  std::vector<double> samples(count);
  samples[0] = noise.mean;
  for (std::size_t k = 1; k < count; ++k) {
    samples[k] = noise.mean + (samples[k - 1] - noise.mean) * decay + kick * normal();
  }
  return samples;
}

}  // namespace neurodyn::stimulus_detail
