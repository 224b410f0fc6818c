// The Hodgkin-Huxley model reduced to (v, n): its right-hand side is the full model's on the reduction's
// assumptions (its rest: tests/analysis/fixed_points_test.cpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace {

using namespace neurodyn;

TEST(HodgkinHuxleyReduced, IsTheFullModelWithMAtSteadyStateAndHOnTheLine) {
  HodgkinHuxley full;
  HodgkinHuxleyReduced reduced;
  full.g_K = reduced.g_K = 30.0;  // a parameter carried by the shared membrane
  reduced.h_intercept = 0.85;
  reduced.h_slope = 1.2;
  for (const double v : {-80.0, -65.0, -55.0, -40.0, 10.0}) {
    for (const double n : {0.1, 0.35, 0.6}) {
      const double m = HodgkinHuxley::m_rates(v).steady_state();
      const HodgkinHuxley::State full_rate = full.rhs({v, m, 0.85 - 1.2 * n, n}, {7.0, 0.0});
      const HodgkinHuxleyReduced::State rate = reduced.rhs({v, n}, {7.0, 0.0});
      EXPECT_NEAR(rate[0], full_rate[0], 1e-12 * std::max(1.0, std::abs(full_rate[0]))) << v << " " << n;
      EXPECT_EQ(rate[1], full_rate[3]) << v << " " << n;
    }
  }
}

TEST(HodgkinHuxleyReduced, StartsFromNAtSteadyStateOrAsGiven) {
  const HodgkinHuxleyReduced model;
  EXPECT_EQ(model.initial_state(-65.0, std::nullopt)[1], HodgkinHuxley::n_rates(-65.0).steady_state());
  EXPECT_EQ(model.initial_state(-60.0, 0.5)[1], 0.5);
  EXPECT_THAT([&] { model.initial_state(-60.0, 1.5); },
              ::testing::ThrowsMessage<InputError>(::testing::HasSubstr("u0 = 1.5 is not allowed for hh-reduced")));
}

}  // namespace
