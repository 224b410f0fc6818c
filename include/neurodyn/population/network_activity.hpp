#pragma once
// What a network's spikes say as a whole: each neuron's rate, the population rate over time and its power
// spectrum (the rhythms of a network: net.m's alpha and gamma bands, docs/reference.md 6.5). Time in ms, rates in
// Hz, frequencies in Hz, spectral density in Hz^2/Hz.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "neurodyn/population/network.hpp"

namespace neurodyn {

// The rate (Hz) of each of the neurons first .. first + count - 1 over [0, duration_ms].
std::vector<double> neuron_rates(const NetworkSpikes& spikes, std::int64_t first, std::int64_t count,
                                 double duration_ms);

// The population rate (Hz per neuron) of the neurons first .. first + count - 1 in bins [k w, (k + 1) w) of width
// w = width_ms covering [0, duration_ms]: spikes in the bin / (count w / 1000). A spike at duration_ms falls in
// the last bin.
std::vector<double> population_rate(const NetworkSpikes& spikes, std::int64_t first, std::int64_t count,
                                    double duration_ms, double width_ms);

// The rhythms of Izhikevich's network (docs/reference.md 6.5): the alpha band and the gamma band, Hz.
struct FrequencyBand {
  double low_hz, high_hz;
};
inline constexpr FrequencyBand alpha_band{7.5, 11.0};
inline constexpr FrequencyBand gamma_band{21.0, 38.0};

// The segment length of rate_spectrum: 512 samples (512 ms at 1 ms bins: a frequency step of 1.95 Hz, two
// frequencies inside the alpha band, and three half-overlapping segments in a second).
inline constexpr std::size_t spectrum_segment_bins = 512;

struct RateSpectrum {
  std::vector<double> frequency_hz;  // 0 .. the Nyquist frequency
  std::vector<double> density;       // one-sided power spectral density of the rate, Hz^2/Hz
  std::size_t segments = 0;          // the windows averaged
};

// The power spectral density of a rate sampled every width_ms by Welch's method (Welch 1967, IEEE Trans Audio
// Electroacoust 15:70): segments of segment_bins samples (fewer if the rate is shorter) overlapping by half,
// each with its mean removed and a Hann window, their periodograms averaged, scaled so that the density summed
// over frequency times the frequency step is the rate's variance (Parseval). Uses Eigen's FFT.
RateSpectrum rate_spectrum(const std::vector<double>& rate, double width_ms,
                           std::size_t segment_bins = spectrum_segment_bins);

// The bin of the population rate whose spectrum is taken: the network's bin, or 1 ms where the bin is finer (a
// finer bin would shorten the 512-sample segments below 512 ms and coarsen the frequency step past the alpha
// band's width; 1 ms resolves rhythms up to 500 Hz).
inline double spectrum_bin_ms(double bin_ms) { return bin_ms < 1.0 ? 1.0 : bin_ms; }

// rate_spectrum of the population rate of the neurons first .. first + count - 1 in bins of
// spectrum_bin_ms(bin_ms).
RateSpectrum population_spectrum(const NetworkSpikes& spikes, std::int64_t first, std::int64_t count,
                                 double duration_ms, double bin_ms);

// The frequency of the largest density in [low_hz, high_hz] (0 when the band holds no frequency).
double spectrum_peak(const RateSpectrum& spectrum, double low_hz, double high_hz);

}  // namespace neurodyn
