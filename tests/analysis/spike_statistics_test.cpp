// Spike-train statistics and bursts on trains whose values are computed by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "neurodyn/analysis/spike_statistics.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

// Spike times from a first spike and the intervals after it.
std::vector<double> train(double first, const std::vector<double>& isis) {
  std::vector<double> spikes{first};
  for (const double isi : isis) spikes.push_back(spikes.back() + isi);
  return spikes;
}

TEST(SpikeStatistics, RateIntervalsVariabilityLatencyAndAdaptationByHand) {
  // Spikes at 10, 20, 35, 55 ms in [0, 100] (and one at 150 outside it): ISIs 10, 15, 20.
  const std::vector<double> spikes{10, 20, 35, 55, 150};
  const SpikeStatistics s = spike_statistics(spikes, {0.0, 100.0});
  EXPECT_EQ(s.spike_count, 4u);
  EXPECT_DOUBLE_EQ(s.rate_hz, 40.0);
  EXPECT_THAT(s.isis_ms, testing::ElementsAre(10.0, 15.0, 20.0));
  EXPECT_DOUBLE_EQ(*s.mean_isi_ms, 15.0);
  EXPECT_DOUBLE_EQ(*s.isi_cv, 5.0 / 15.0);  // sample SD of 10, 15, 20 is 5
  EXPECT_DOUBLE_EQ(*s.first_spike_latency_ms, 10.0);
  EXPECT_DOUBLE_EQ(*s.adaptation_index, (5.0 / 25.0 + 5.0 / 35.0) / 2.0);
  EXPECT_TRUE(s.bursts.empty());  // 20 / 15 < 3 and the pause 45 ms < 3 * 20 ms
  EXPECT_FALSE(s.mean_spikes_per_burst);
}

TEST(SpikeStatistics, LatencyIsFromTheWindowStart) {
  const std::vector<double> spikes{5, 30, 40};
  const SpikeStatistics s = spike_statistics(spikes, {20.0, 60.0});
  EXPECT_EQ(s.spike_count, 2u);
  EXPECT_DOUBLE_EQ(*s.first_spike_latency_ms, 10.0);
  EXPECT_DOUBLE_EQ(s.rate_hz, 50.0);
  EXPECT_FALSE(s.isi_cv);  // one ISI
  EXPECT_FALSE(s.adaptation_index);
}

TEST(SpikeStatistics, NoSpikesGiveZeroRateAndNoIntervalStatistics) {
  const SpikeStatistics s = spike_statistics(std::vector<double>{}, {0.0, 500.0});
  EXPECT_EQ(s.spike_count, 0u);
  EXPECT_EQ(s.rate_hz, 0.0);
  EXPECT_FALSE(s.first_spike_latency_ms);
  EXPECT_FALSE(s.mean_isi_ms);
}

TEST(Bursts, RegularBurstsOfThreeSpikes) {
  // Three bursts of three spikes 2 ms apart, 30 ms between bursts: 500 Hz within a burst.
  const std::vector<double> spikes = train(10, {2, 2, 30, 2, 2, 30, 2, 2});
  const SpikeStatistics s = spike_statistics(spikes, {0.0, 120.0});
  ASSERT_EQ(s.bursts.size(), 3u);
  EXPECT_EQ(s.bursts[1].first_spike, 3u);
  EXPECT_EQ(s.bursts[1].spike_count, 3u);
  EXPECT_DOUBLE_EQ(s.bursts[1].start_ms, 44.0);
  EXPECT_DOUBLE_EQ(s.bursts[1].end_ms, 48.0);
  EXPECT_DOUBLE_EQ(*s.mean_spikes_per_burst, 3.0);
  EXPECT_DOUBLE_EQ(*s.intra_burst_frequency_hz, 500.0);
}

TEST(Bursts, ABurstFollowedBySilenceIsOneBurst) {
  // Five spikes 4 ms apart, then 100 ms of silence: more than 3 times the longest ISI.
  const std::vector<double> spikes = train(20, {4, 4, 4, 4});
  const std::vector<Burst> bursts = detect_bursts(spikes, {0.0, 136.0});
  ASSERT_EQ(bursts.size(), 1u);
  EXPECT_EQ(bursts[0].spike_count, 5u);
  // Ending 11 ms after the last spike (< 3 * 4 ms), the same spikes are regular firing.
  EXPECT_TRUE(detect_bursts(spikes, {0.0, 47.0}).empty());
}

TEST(Bursts, AnInitialBurstEndsInAPauseWhileAdaptationDoesNot) {
  // Mixed mode (the ISIs of the converged 2004 panel E): the interval after the fast start is longer than the
  // intervals that follow, a pause.
  const std::vector<double> mixed = train(19.45, {2.13, 3.37, 37.29, 31.21, 31.22, 31.22});
  const std::vector<Burst> bursts = detect_bursts(mixed, {16.0, 160.0});
  ASSERT_EQ(bursts.size(), 1u);
  EXPECT_EQ(bursts[0].first_spike, 0u);
  EXPECT_EQ(bursts[0].spike_count, 3u);
  // Adaptation (panel F): the ISIs split at 4.12 -> 21.74 (ratio > 3), but they keep lengthening after it.
  const std::vector<double> adapting = train(9.99, {1.63, 2.23, 4.12, 21.74, 28.53});
  EXPECT_TRUE(detect_bursts(adapting, {8.5, 85.0}).empty());
}

TEST(Bursts, TheGapRatioIsTheRule) {
  const std::vector<double> spikes = train(10, {5, 5, 14, 5, 5, 14, 5, 5});  // ratio 2.8
  EXPECT_TRUE(detect_bursts(spikes, {0.0, 100.0}).empty());
  EXPECT_EQ(detect_bursts(spikes, {0.0, 100.0}, {.min_gap_ratio = 2.5}).size(), 3u);
}

TEST(SpikeStatistics, RejectsInvalidInput) {
  const std::vector<double> spikes{1, 2, 3};
  EXPECT_THAT(
      [&] {
        spike_statistics(spikes, {5.0, 5.0});
      },
      testing::ThrowsMessage<InputError>(testing::HasSubstr("window = [5, 5] ms")));
  EXPECT_THROW(spike_statistics(std::vector<double>{1, 3, 2}, {0.0, 5.0}), InputError);
  EXPECT_THROW(spike_statistics(std::vector<double>{1, 1}, {0.0, 5.0}), InputError);
  EXPECT_THROW(spike_statistics(spikes, {0.0, 5.0}, {.min_gap_ratio = 1.0}), InputError);
}

}  // namespace
}  // namespace neurodyn
