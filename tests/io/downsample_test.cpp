// The thinning of long traces for figures: bounded size, order kept, and every local extreme that matters
// to the eye (a spike's peak, the trough after it) kept exactly.
#include "neurodyn/io/downsample.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace neurodyn {
namespace {

TEST(EnvelopeIndices, ShortTracesAreKeptWhole) {
  const std::vector<double> times{0, 1, 2}, values{5, 6, 7};
  EXPECT_THAT(envelope_indices(times, values, 100), ::testing::ElementsAre(0, 1, 2));
}

TEST(EnvelopeIndices, LongTraceKeepsSpikePeaksAndIsBounded) {
  // 1 ms of 1-microsecond samples per spike, 200 spikes: narrow peaks of different heights.
  std::vector<double> times, values;
  std::vector<double> peaks;
  for (int spike = 0; spike < 200; ++spike) {
    const double height = 20.0 + 0.05 * spike;
    peaks.push_back(height);
    for (int k = 0; k < 1000; ++k) {
      times.push_back(spike + k * 1e-3);
      values.push_back(k == 500 ? height : (k == 501 ? -75.0 - 0.01 * spike : -65.0 + 1e-3 * k));
    }
  }
  const auto kept = envelope_indices(times, values, 2000);
  EXPECT_LE(kept.size(), 2000u);
  EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
  EXPECT_EQ(std::adjacent_find(kept.begin(), kept.end()), kept.end());  // no index twice
  EXPECT_EQ(kept.front(), 0u);
  EXPECT_EQ(kept.back(), values.size() - 1);
  const auto picked = pick(values, kept);
  for (const double peak : peaks) {
    EXPECT_NE(std::find(picked.begin(), picked.end(), peak), picked.end()) << "lost the peak " << peak;
  }
  EXPECT_EQ(*std::min_element(picked.begin(), picked.end()), *std::min_element(values.begin(), values.end()));
}

TEST(EnvelopeIndices, RepeatedTimesAtAResetAreHandled) {
  // The solver records the peak and the reset state at the same time.
  std::vector<double> times, values;
  for (int k = 0; k < 10000; ++k) {
    times.push_back(k * 0.01);
    values.push_back(-65.0 + 0.001 * k);
    if (k == 5000) {
      times.push_back(k * 0.01);
      values.push_back(30.0);
    }
  }
  const auto picked = pick(values, envelope_indices(times, values, 500));
  EXPECT_NE(std::find(picked.begin(), picked.end(), 30.0), picked.end());
}

}  // namespace
}  // namespace neurodyn
