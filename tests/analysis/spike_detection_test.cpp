// Spike detection on sampled traces: crossing times against hand-computed interpolation, the refractory
// guard, and the input errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "neurodyn/analysis/spike_detection.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

TEST(SpikeDetection, InterpolatesUpwardCrossingsLinearly) {
  // Crossings of 0 mV: upward between t = 1 (-20) and t = 2 (+60): 1 + 20/80 = 1.25 ms; downward (ignored)
  // between 2 and 3; upward between 5 (-10) and 6 (+30): 5.25 ms.
  const std::vector<double> t{0, 1, 2, 3, 4, 5, 6, 7};
  const std::vector<double> v{-70, -20, 60, -65, -70, -10, 30, -60};
  EXPECT_THAT(detect_spikes(t, v), testing::ElementsAre(testing::DoubleEq(1.25), testing::DoubleEq(5.25)));
  // At -30 mV: 0.5 + ... the first upstroke crosses between -70 and -20 at 0 + 40/50 = 0.8 ms; the second
  // between -70 (t = 4) and -10 (t = 5) at 4 + 40/60.
  EXPECT_THAT(detect_spikes(t, v, {.threshold_mV = -30.0}),
              testing::ElementsAre(testing::DoubleEq(0.8), testing::DoubleEq(4.0 + 40.0 / 60.0)));
}

TEST(SpikeDetection, SampleExactlyAtThresholdIsTheCrossing) {
  const std::vector<double> t{0, 1, 2};
  const std::vector<double> v{-5, 0, 5};
  EXPECT_THAT(detect_spikes(t, v), testing::ElementsAre(1.0));
}

TEST(SpikeDetection, AJumpRecordedAsTwoSamplesAtOneTimeCrossesAtThatTime) {
  const std::vector<double> t{0, 1, 1, 2};
  const std::vector<double> v{-60, -50, 20, -60};
  EXPECT_THAT(detect_spikes(t, v), testing::ElementsAre(1.0));
}

TEST(SpikeDetection, RefractoryGuardDropsACrossingTooSoonAfterASpike) {
  // A noisy upstroke crosses 0 mV at 1.5 ms, dips below and crosses again at 3.5 ms; a real spike at 10.5 ms.
  const std::vector<double> t{0, 1, 2, 3, 4, 10, 11};
  const std::vector<double> v{-60, -1, 1, -1, 1, -1, 1};
  EXPECT_THAT(detect_spikes(t, v, {.threshold_mV = 0.0, .refractory_ms = 0.0}), testing::ElementsAre(1.5, 3.5, 10.5));
  EXPECT_THAT(detect_spikes(t, v, {.threshold_mV = 0.0, .refractory_ms = 2.0}), testing::ElementsAre(1.5, 3.5, 10.5));
  EXPECT_THAT(detect_spikes(t, v, {.threshold_mV = 0.0, .refractory_ms = 2.5}), testing::ElementsAre(1.5, 10.5));
}

TEST(SpikeDetection, SampledSineCrossesUpwardOncePerPeriodAtItsZeros) {
  // v = 50 sin(w t), w = 2 pi / 25 ms, sampled every h = 0.05 ms: upward zeros at 25 k ms. Where the curvature
  // vanishes, the chord's zero errs by O(h^3): less than (w h)^2 h / 6.
  std::vector<double> t, v;
  for (int k = 1; k <= 4000; ++k) {
    t.push_back(0.05 * k - 0.013);
    v.push_back(50.0 * std::sin(2.0 * std::numbers::pi * t.back() / 25.0));
  }
  const std::vector<double> spikes = detect_spikes(t, v);
  ASSERT_EQ(spikes.size(), 7u);  // 25, 50, ..., 175 ms
  const double wh = 2.0 * std::numbers::pi / 25.0 * 0.05;
  for (std::size_t k = 0; k < spikes.size(); ++k) {
    EXPECT_NEAR(spikes[k], 25.0 * static_cast<double>(k + 1), wh * wh * 0.05 / 6.0);
  }
}

TEST(SpikeDetection, RejectsMalformedTraces) {
  const std::vector<double> t{0, 1, 2}, v{0, 1, 2};
  EXPECT_THROW(detect_spikes(t, std::vector<double>{0, 1}), InputError);
  EXPECT_THROW(detect_spikes(std::vector<double>{0, 2, 1}, v), InputError);
  EXPECT_THROW(detect_spikes(std::vector<double>{0, NAN, 2}, v), InputError);
  EXPECT_THROW(detect_spikes(t, v, {.threshold_mV = INFINITY}), InputError);
  EXPECT_THAT([&] { detect_spikes(t, v, {.threshold_mV = 0.0, .refractory_ms = -1.0}); },
              testing::ThrowsMessage<InputError>(testing::HasSubstr("refractory = -1 ms")));
  EXPECT_TRUE(detect_spikes(std::vector<double>{}, std::vector<double>{}).empty());
}

}  // namespace
}  // namespace neurodyn
