#include "neurodyn/population/network_activity.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <unsupported/Eigen/FFT>

namespace neurodyn {

std::vector<double> neuron_rates(const NetworkSpikes& spikes, std::int64_t first, std::int64_t count,
                                 double duration_ms) {
  std::vector<double> rates(static_cast<std::size_t>(count), 0.0);
  for (const std::int64_t neuron : spikes.neuron) {
    if (neuron >= first && neuron < first + count) rates[static_cast<std::size_t>(neuron - first)] += 1.0;
  }
  for (double& rate : rates) rate /= duration_ms / 1000.0;
  return rates;
}

std::vector<double> population_rate(const NetworkSpikes& spikes, std::int64_t first, std::int64_t count,
                                    double duration_ms, double width_ms) {
  const auto bins = static_cast<std::size_t>(std::max(1.0, std::ceil(duration_ms / width_ms - 1e-9)));
  std::vector<double> rate(bins, 0.0);
  for (std::size_t s = 0; s < spikes.neuron.size(); ++s) {
    if (spikes.neuron[s] < first || spikes.neuron[s] >= first + count) continue;
    const auto bin = std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, spikes.time_ms[s] / width_ms)));
    rate[bin] += 1.0;
  }
  const double scale = 1000.0 / (static_cast<double>(count) * width_ms);
  for (double& value : rate) value *= scale;
  return rate;
}

RateSpectrum rate_spectrum(const std::vector<double>& rate, double width_ms, std::size_t segment_bins) {
  RateSpectrum spectrum;
  const std::size_t length = std::min(segment_bins, rate.size());
  if (length < 2) return spectrum;
  const double sample_rate_hz = 1000.0 / width_ms;
  std::vector<double> window(length);
  double window_power = 0.0;
  for (std::size_t i = 0; i < length; ++i) {
    window[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) / static_cast<double>(length));
    window_power += window[i] * window[i];
  }
  const std::size_t frequencies = length / 2 + 1;
  spectrum.density.assign(frequencies, 0.0);
  Eigen::FFT<double> fft;
  std::vector<double> segment(length);
  std::vector<std::complex<double>> transform;
  for (std::size_t start = 0; start + length <= rate.size(); start += std::max<std::size_t>(1, length / 2)) {
    double mean = 0.0;
    for (std::size_t i = 0; i < length; ++i) mean += rate[start + i];
    mean /= static_cast<double>(length);
    for (std::size_t i = 0; i < length; ++i) segment[i] = (rate[start + i] - mean) * window[i];
    fft.fwd(transform, segment);
    for (std::size_t f = 0; f < frequencies; ++f) spectrum.density[f] += std::norm(transform[f]);
    ++spectrum.segments;
  }
  // One-sided density: |X_f|^2 / (fs sum w^2), doubled except at 0 and at the Nyquist frequency.
  for (std::size_t f = 0; f < frequencies; ++f) {
    const bool edge = f == 0 || (length % 2 == 0 && f == frequencies - 1);
    spectrum.density[f] *=
        (edge ? 1.0 : 2.0) / (sample_rate_hz * window_power * static_cast<double>(spectrum.segments));
  }
  spectrum.frequency_hz.resize(frequencies);
  for (std::size_t f = 0; f < frequencies; ++f) {
    spectrum.frequency_hz[f] = static_cast<double>(f) * sample_rate_hz / static_cast<double>(length);
  }
  return spectrum;
}

RateSpectrum population_spectrum(const NetworkSpikes& spikes, std::int64_t first, std::int64_t count,
                                 double duration_ms, double bin_ms) {
  const double width_ms = spectrum_bin_ms(bin_ms);
  return rate_spectrum(population_rate(spikes, first, count, duration_ms, width_ms), width_ms);
}

double spectrum_peak(const RateSpectrum& spectrum, double low_hz, double high_hz) {
  double best = 0.0, best_density = -1.0;
  for (std::size_t f = 0; f < spectrum.frequency_hz.size(); ++f) {
    const double frequency = spectrum.frequency_hz[f];
    if (frequency < low_hz || frequency > high_hz) continue;
    if (spectrum.density[f] > best_density) {
      best_density = spectrum.density[f];
      best = frequency;
    }
  }
  return best;
}

}  // namespace neurodyn
