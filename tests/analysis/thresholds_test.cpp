// Rheobase, onset of sustained firing and hysteresis: each against an independent truth (the exact LIF
// threshold, a brute-force scan with a finer step, the hand-derived bifurcation currents), and the four
// currents of the 2003 RS cell in their order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <future>
#include <vector>

#include "../solve/problems.hpp"
#include "neurodyn/analysis/bifurcations.hpp"
#include "neurodyn/analysis/hysteresis.hpp"
#include "neurodyn/analysis/thresholds.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

RheobaseOptions rheobase_options(double duration_ms, double tolerance, double max_current = 1e6) {
  RheobaseOptions options;
  options.duration_ms = duration_ms;
  options.tolerance = tolerance;
  options.max_current = max_current;
  return options;
}

const AnyModel& regular_spiking_2003() {
  static const AnyModel model = make_model("izh2003", {{"a", 0.02}, {"b", 0.2}, {"c", -65.0}, {"d", 8.0}});
  return model;
}

TEST(Rheobase, LeakyIntegrateAndFireAtItsAnalyticThreshold) {
  // g_L (v_threshold - E_L) = 25 nS * 20 mV = 500 pA: below it v only approaches the threshold.
  const Rheobase found = rheobase(make_model("lif", {}), rheobase_options(1000.0, 1e-7));
  EXPECT_LE(found.bracket.below, 500.0);
  EXPECT_GE(found.bracket.above, 500.0);
  EXPECT_NEAR(found.current, 500.0, 1e-7 * 500.0);
  EXPECT_NEAR(found.rest[0], -70.0, 1e-9);
}

// The first current of `currents` at which a step from rest spikes within `duration`, by plain runs of rk4
// at a quarter of the step used by the bisection.
double first_spiking_current(const std::vector<double>& rest, const std::vector<double>& currents, double duration) {
  std::vector<std::future<bool>> fires;
  for (const double current : currents) {
    fires.push_back(std::async(std::launch::async, [&rest, current, duration] {
      Problem problem;
      problem.model = regular_spiking_2003();
      problem.initial_state = rest;
      problem.t_end = duration;
      problem.stimulus = parse_stimulus(fmt::format("const:amp={:.17g}", current), duration);
      return !testing::solve_spikes_only(problem, testing::method("rk4", 0.0025)).spike_times.empty();
    }));
  }
  for (std::size_t i = 0; i < currents.size(); ++i) {
    if (fires[i].get()) return currents[i];
  }
  return NAN;
}

TEST(Rheobase, RegularSpiking2003FromRestIsATransientSpikeBelowTheBifurcations) {
  const double duration = 300.0;
  const Rheobase found = rheobase(regular_spiking_2003(), rheobase_options(duration, 1e-6));
  // A brute-force scan, coarse over [0, 4] and then fine (1e-3) in the cell where spiking starts.
  std::vector<double> coarse, fine;
  for (int k = 0; k <= 40; ++k) coarse.push_back(0.1 * k);
  const double coarse_first = first_spiking_current(found.rest, coarse, duration);
  ASSERT_FALSE(std::isnan(coarse_first));
  for (int k = 0; k <= 100; ++k) fine.push_back(coarse_first - 0.1 + 0.001 * k);
  const double fine_first = first_spiking_current(found.rest, fine, duration);
  EXPECT_GT(found.current, fine_first - 0.001 - 1e-5);
  EXPECT_LE(found.current, fine_first + 1e-5);
  // A transient spike: below the Hopf current 3.7975 where the rest loses stability (and the saddle-node, 4).
  EXPECT_LT(found.current, 3.7);
  EXPECT_GT(found.first_spike_ms, 0.0);
}

TEST(Rheobase, NeedsAStableRestAndASpike) {
  // The RS cell first spikes from rest for a step of about 2.71: none up to 2.
  EXPECT_THAT([] { rheobase(regular_spiking_2003(), rheobase_options(1000.0, 1e-6, 2.0)); },
              ::testing::ThrowsMessage<InputError>(::testing::HasSubstr("max current 2")));
  // 0.04 v^2 + 4.8 v + 500 > 0 for every v: no fixed point at I = 0, so no rest to step from.
  EXPECT_THAT(
      [] {
        rheobase(make_model("izh2003", {{"k0", 500.0}}));
      },
      ::testing::ThrowsMessage<InputError>(::testing::HasSubstr("no stable resting state")));
  EXPECT_THROW(rheobase(regular_spiking_2003(), rheobase_options(1000.0, 0.0)), InputError);
}

TEST(ThresholdCurrents, FourDistinctNumbersOfTheRegularSpikingCell) {
  // rheobase (a transient spike) < onset of sustained firing from rest < Hopf (rest loses stability) <
  // saddle-node (rest vanishes): four different currents.
  const AnyModel& model = regular_spiking_2003();
  const Rheobase first_spike = rheobase(model);
  const FiProtocol protocol{model, first_spike.rest, 1000.0, 500.0, 1000.0, {}};
  const std::vector<FiPoint> sweep = fi_curve(protocol, current_range(3.0, 4.0, 0.1));
  const auto onset = sustained_firing_onset(protocol, sweep, 1e-4);
  ASSERT_TRUE(onset);
  EXPECT_LE(onset->above - onset->below, 1e-4);
  const RestBranch branch = follow_rest(model);
  EXPECT_LT(first_spike.current, onset->below);
  EXPECT_LT(onset->above, branch.stability_lost->current);  // the firing orbit coexists with the stable rest
  EXPECT_LT(branch.stability_lost->current, *branch.saddle_node_current);
  // The bracket is what it says: at most one spike in the window below it, two or more above it.
  const std::vector<FiPoint> ends = fi_curve(protocol, std::vector<double>{onset->below, onset->above});
  EXPECT_LT(ends[0].window_spike_count, 2u);
  EXPECT_GE(ends[1].window_spike_count, 2u);
}

TEST(Hysteresis, RegularSpikingRestAndFiringCoexistBelowTheHopfCurrent) {
  // Swept up in small steps from rest, the cell stays at rest as long as the rest is stable (below the Hopf
  // current 3.7975, derived by hand in bifurcations_test); swept down from firing, it keeps firing below it:
  // the Hopf bifurcation is subcritical.
  const AnyModel& model = regular_spiking_2003();
  const FiProtocol protocol{model, {-70.0, -14.0}, 1000.0, 500.0, 1000.0, {}};
  const Hysteresis result = hysteresis(protocol, current_range(3.70, 3.85, 0.005));
  for (const HysteresisPoint& point : result.points) {
    if (point.current < 3.7975) {
      EXPECT_EQ(point.up_rate_hz, 0.0) << "at I = " << point.current;
    }
  }
  EXPECT_GT(result.points.back().up_rate_hz, 0.0);
  ASSERT_EQ(result.bistable_ranges.size(), 1u);
  EXPECT_LT(result.bistable_ranges[0].first, 3.7975);
  EXPECT_GT(result.bistable_ranges[0].first, 3.70);
  for (const HysteresisPoint& point : result.points) {
    const bool inside =
        result.bistable_ranges[0].first <= point.current && point.current <= result.bistable_ranges[0].second;
    EXPECT_EQ(point.differs, inside);
    if (inside) {
      EXPECT_GT(point.down_rate_hz, point.up_rate_hz);
    }
  }
}

TEST(Hysteresis, FoundAtACoarseResolutionByRefiningWhereTheSweepsChange) {
  // The same bistable range, asked for with currents a whole unit apart (fi's default for this cell): the
  // refinement between 3 and 4, where the up sweep starts firing, finds it, and it agrees with the fine sweep
  // above (within its resolution, 1 / 16^2 of the spacing).
  const AnyModel& model = regular_spiking_2003();
  const FiProtocol protocol{model, {-70.0, -14.0}, 1000.0, 500.0, 1000.0, {}};
  const Hysteresis result = hysteresis(protocol, current_range(0.0, 40.0, 1.0));
  ASSERT_EQ(result.bistable_ranges.size(), 1u);
  EXPECT_NEAR(result.bistable_ranges[0].first, 3.78, 0.01);
  EXPECT_NEAR(result.bistable_ranges[0].second, 3.805, 0.01);
  EXPECT_GT(result.points.size(), 41u);  // the added currents are listed
  HysteresisOptions coarse;
  coarse.refinement_levels = 0;  // without refinement the range hides between 3 and 4
  EXPECT_TRUE(hysteresis(protocol, current_range(0.0, 40.0, 1.0), coarse).bistable_ranges.empty());
}

TEST(Hysteresis, NoneForLeakyIntegrateAndFire) {
  const AnyModel model = make_model("lif", {});
  const FiProtocol protocol{model, {-70.0}, 500.0, 200.0, 500.0, {}};
  EXPECT_TRUE(hysteresis(protocol, current_range(400.0, 700.0, 25.0)).bistable_ranges.empty());
  EXPECT_THROW(hysteresis(protocol, std::vector<double>{500.0, 400.0}), InputError);
}

}  // namespace
}  // namespace neurodyn
