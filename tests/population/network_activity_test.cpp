// Rates and spectra of a network's spikes against values worked out by hand and against Parseval's theorem.
#include "neurodyn/population/network_activity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace {

using namespace neurodyn;

TEST(NetworkActivity, RatesCountTheSpikesOfEachNeuronAndBin) {
  NetworkSpikes spikes;
  spikes.time_ms = {0.5, 1.0, 2.5, 3.0, 9.99, 10.0};
  spikes.neuron = {0, 1, 1, 2, 1, 0};
  const auto rates = neuron_rates(spikes, 0, 3, 10.0);  // 10 ms
  EXPECT_DOUBLE_EQ(rates[0], 200.0);
  EXPECT_DOUBLE_EQ(rates[1], 300.0);
  EXPECT_DOUBLE_EQ(rates[2], 100.0);
  // Neurons 1 and 2 in bins of 5 ms: spikes at 1.0, 2.5, 3.0 in the first, 9.99 in the second.
  const auto rate = population_rate(spikes, 1, 2, 10.0, 5.0);
  ASSERT_EQ(rate.size(), 2u);
  EXPECT_DOUBLE_EQ(rate[0], 3.0 / (2 * 0.005));
  EXPECT_DOUBLE_EQ(rate[1], 1.0 / (2 * 0.005));
}

TEST(NetworkActivity, SpectrumOfASinusoidPeaksAtItsFrequencyWithItsVariance) {
  // 10 + 4 sin(2 pi f t), f on a frequency of the 256-sample segments (3 x 1000/256 Hz), sampled every ms.
  const double f = 3 * 1000.0 / 256;
  std::vector<double> rate(4096);
  for (std::size_t k = 0; k < rate.size(); ++k) {
    rate[k] = 10 + 4 * std::sin(2 * std::numbers::pi * f * static_cast<double>(k) / 1000.0);
  }
  const RateSpectrum spectrum = rate_spectrum(rate, 1.0, 256);
  EXPECT_EQ(spectrum.segments, 31u);  // (4096 - 256) / 128 + 1
  EXPECT_DOUBLE_EQ(spectrum_peak(spectrum, 0, 500), f);
  double power = 0;
  for (const double density : spectrum.density) power += density * (1000.0 / 256);
  EXPECT_NEAR(power, 8.0, 0.02 * 8.0);  // the variance of 4 sin: 16 / 2
  EXPECT_EQ(spectrum.frequency_hz.back(), 500.0);
}

TEST(NetworkActivity, SpectrumOfANetworkWithFineBinsIsTakenInBinsOfOneMillisecond) {
  // 1000 neurons each firing once per cycle of a 9.765625 Hz rhythm (5 x 1000/512 Hz, inside the alpha band), at
  // times spread over the cycle's first 20 ms, for 2 s, in a network of 0.1 ms bins: the spectrum is that of the
  // rate in 1 ms bins (segments of 512 ms, frequency step 1.95 Hz), so the alpha peak lies on the rhythm.
  const double period_ms = 512.0 / 5;
  NetworkSpikes spikes;
  for (double cycle = 0; cycle * period_ms < 2000; ++cycle) {
    for (std::int64_t neuron = 0; neuron < 1000; ++neuron) {
      spikes.time_ms.push_back(cycle * period_ms + 0.02 * static_cast<double>(neuron));
      spikes.neuron.push_back(neuron);
    }
  }
  EXPECT_EQ(spectrum_bin_ms(0.1), 1.0);
  EXPECT_EQ(spectrum_bin_ms(2.0), 2.0);
  const RateSpectrum spectrum = population_spectrum(spikes, 0, 1000, 2000.0, 0.1);
  EXPECT_DOUBLE_EQ(spectrum.frequency_hz[1], 1000.0 / 512);
  EXPECT_EQ(spectrum.frequency_hz.back(), 500.0);
  EXPECT_DOUBLE_EQ(spectrum_peak(spectrum, alpha_band.low_hz, alpha_band.high_hz), 1000.0 / period_ms);
}

}  // namespace
