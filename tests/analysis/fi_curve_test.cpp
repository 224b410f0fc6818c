// f-I curves: LIF against its exact rate, monotonicity above rheobase for the 2003 RS cell, and the same
// curve for any number of threads.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

FiProtocol from_rest(const AnyModel& model, double t_end = 1000.0, double window_start = 500.0) {
  return {model, resting_state(model, 0.0)->state, t_end, window_start, t_end, {}};
}

TEST(FiCurve, LeakyIntegrateAndFireMatchesItsExactRate) {
  const AnyModel model = make_model("lif", {{"t_ref", 2.0}});
  const auto& lif = std::get<LeakyIntegrateAndFire>(model);
  const std::vector<double> currents = current_range(0.0, 1500.0, 50.0);
  const std::vector<FiPoint> curve = fi_curve(from_rest(model), currents, 2);
  ASSERT_EQ(curve.size(), currents.size());
  for (const FiPoint& point : curve) {
    const double exact = lif_exact_rate_hz(lif, point.current);
    SCOPED_TRACE(point.current);
    EXPECT_EQ(point.status, SolveStatus::ok);
    // From the reset at E_L the firing is periodic at once, so the mean ISI is the exact period; spike times
    // are exact to about 1e-7 ms.
    EXPECT_NEAR(point.steady_rate_hz, exact, 1e-6 * std::max(1.0, exact));
    if (exact > 0.0) {
      EXPECT_NEAR(point.first_isi_rate_hz, exact, 1e-6 * exact);
    }
    // Counting spikes in the 500 ms window would be off by up to one spike: 2 Hz.
    EXPECT_LE(std::abs(1000.0 * static_cast<double>(point.window_spike_count) / 500.0 - exact), 2.0);
  }
  EXPECT_EQ(curve[10].steady_rate_hz, 0.0);  // 500 pA: the rheobase itself, v only approaches the threshold
  EXPECT_GT(curve[11].steady_rate_hz, 0.0);
}

TEST(FiCurve, RegularSpikingRateGrowsMonotonicallyAboveRheobase) {
  // The curve of an earlier f-I study (docs/reference.md 6.3): the 2003 RS cell for I = 0..40, here from rest
  // with a converged solver.
  const AnyModel model = make_model("izh2003", {{"a", 0.02}, {"b", 0.2}, {"c", -65.0}, {"d", 8.0}});
  const std::vector<FiPoint> curve = fi_curve(from_rest(model), current_range(0.0, 40.0, 1.0));
  const auto firing = std::ranges::find_if(curve, [](const FiPoint& p) { return p.steady_rate_hz > 0.0; });
  ASSERT_NE(firing, curve.end());
  EXPECT_GE(firing->current, 3.0);  // no sustained firing below the Hopf current 3.7975 from this protocol...
  EXPECT_LE(firing->current, 4.0);  // ...and firing at the saddle-node, where no rest is left
  for (auto point = firing + 1; point != curve.end(); ++point) {
    EXPECT_GT(point->steady_rate_hz, (point - 1)->steady_rate_hz) << "at I = " << point->current;
    EXPECT_GE(point->first_isi_rate_hz, point->steady_rate_hz);  // the cell adapts
  }
}

TEST(FiCurve, SameCurveForAnyThreadCount) {
  const AnyModel model = make_model("izh2003", {});
  const FiProtocol protocol = from_rest(model, 300.0, 100.0);
  const std::vector<double> currents = current_range(0.0, 20.0, 0.5);
  const std::vector<FiPoint> one = fi_curve(protocol, currents, 1);
  for (const unsigned threads : {2u, 3u, 0u}) {
    const std::vector<FiPoint> many = fi_curve(protocol, currents, threads);
    ASSERT_EQ(many.size(), one.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
      EXPECT_EQ(many[i].current, one[i].current);
      EXPECT_EQ(many[i].spike_count, one[i].spike_count);
      EXPECT_EQ(many[i].steady_rate_hz, one[i].steady_rate_hz);
      EXPECT_EQ(many[i].first_isi_rate_hz, one[i].first_isi_rate_hz);
    }
  }
}

TEST(FiCurve, CurrentRangeIncludesItsEnd) {
  EXPECT_THAT(current_range(0.0, 1.0, 0.25), ::testing::ElementsAre(0.0, 0.25, 0.5, 0.75, 1.0));
  EXPECT_EQ(current_range(0.0, 40.0, 1.0).size(), 41u);
  EXPECT_EQ(current_range(0.0, 0.3, 0.1).size(), 4u);  // 0.3 / 0.1 is 2.9999999999999996 in doubles
  EXPECT_THAT(current_range(5.0, 5.0, 1.0), ::testing::ElementsAre(5.0));
  EXPECT_THROW(current_range(1.0, 0.0, 0.1), InputError);
  EXPECT_THROW(current_range(0.0, 1.0, 0.0), InputError);
  EXPECT_THROW(current_range(0.0, 1e9, 1.0), InputError);
}

TEST(FiCurve, RejectsAWindowOutsideTheRun) {
  const AnyModel model = make_model("izh2003", {});
  FiProtocol protocol = from_rest(model);
  protocol.window_end_ms = 2000.0;
  EXPECT_THAT([&] { fi_curve(protocol, std::vector<double>{1.0}); },
              ::testing::ThrowsMessage<InputError>(::testing::HasSubstr("window = [500, 2000] ms")));
  protocol = from_rest(model);
  EXPECT_THROW(fi_curve(protocol, std::vector<double>{NAN}), InputError);
  protocol.initial_state = {-70.0};
  EXPECT_THROW(fi_curve(protocol, std::vector<double>{1.0}), InputError);
}

}  // namespace
}  // namespace neurodyn
