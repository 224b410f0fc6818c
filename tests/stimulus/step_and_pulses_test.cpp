// Steps, constants and pulse trains: values exactly at the edges (open vs closed), one-sided limits at the
// jumps and the jump lists, against the inequalities written out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

TEST(StepCurrent, OpenEdgesAreOffExactlyAtStartAndStop) {
  const Stimulus step({StepCurrent{.amplitude = 7.04, .start = 10.0, .stop = 13.0}});
  EXPECT_EQ(step.at(10.0).current, 0.0);
  EXPECT_EQ(step.at(std::nextafter(10.0, 11.0)).current, 7.04);
  EXPECT_EQ(step.at(12.0).current, 7.04);
  EXPECT_EQ(step.at(std::nextafter(13.0, 12.0)).current, 7.04);
  EXPECT_EQ(step.at(13.0).current, 0.0);
  EXPECT_EQ(step.at(9.0).current, 0.0);
  EXPECT_EQ(step.at(20.0).current, 0.0);
  EXPECT_EQ(step.at(12.0).slope, 0.0);
}

TEST(StepCurrent, ClosedEdgesAreOnExactlyAtStartAndStop) {
  const Stimulus step({StepCurrent{.amplitude = -5.0, .start = 50.0, .stop = 250.0, .closed_edges = true}});
  EXPECT_EQ(step.at(std::nextafter(50.0, 0.0)).current, 0.0);
  EXPECT_EQ(step.at(50.0).current, -5.0);
  EXPECT_EQ(step.at(250.0).current, -5.0);
  EXPECT_EQ(step.at(std::nextafter(250.0, 300.0)).current, 0.0);
}

TEST(StepCurrent, OneSidedLimitsDoNotDependOnTheEdges) {
  for (const bool closed : {false, true}) {
    const Stimulus step({StepCurrent{.amplitude = 14.0, .start = 10.0, .stop = 30.0, .closed_edges = closed}});
    EXPECT_EQ(step.limit(10.0, Side::left).current, 0.0);
    EXPECT_EQ(step.limit(10.0, Side::right).current, 14.0);
    EXPECT_EQ(step.limit(30.0, Side::left).current, 14.0);
    EXPECT_EQ(step.limit(30.0, Side::right).current, 0.0);
    EXPECT_EQ(step.limit(20.0, Side::left).current, 14.0);
    EXPECT_EQ(step.limit(20.0, Side::right).current, 14.0);
    EXPECT_EQ(step.limit(5.0, Side::right).current, 0.0);
  }
}

TEST(StepCurrent, WithoutStopStaysOnAndJumpsOnlyAtStart) {
  const Stimulus step = parse_stimulus("step:amp=14,start=10", 100.0);
  EXPECT_EQ(step.at(1e9).current, 14.0);
  EXPECT_EQ(step.discontinuities(0.0, 1e9), std::vector<double>{10.0});
}

TEST(StepCurrent, ConstantIsOnEverywhereWithoutJumps) {
  const Stimulus constant = parse_stimulus("const:amp=-0.5", 0.0);
  for (const double t : {-1e300, -1.0, 0.0, 1.0, 1e300}) {
    EXPECT_EQ(constant.at(t).current, -0.5);
    EXPECT_EQ(constant.limit(t, Side::left).current, -0.5);
    EXPECT_EQ(constant.limit(t, Side::right).current, -0.5);
  }
  EXPECT_TRUE(constant.discontinuities(-infinity, infinity).empty());
}

TEST(StepCurrent, StartingAtMinusInfinityJumpsOnlyAtStop) {
  // The 2003 TC-burst cell: -25 if t <= 45 else 0.
  const Stimulus input = parse_stimulus("step:amp=-25,start=-inf,stop=45,edges=closed", 0.0);
  EXPECT_EQ(input.at(0.0).current, -25.0);
  EXPECT_EQ(input.at(45.0).current, -25.0);
  EXPECT_EQ(input.at(45.25).current, 0.0);
  EXPECT_EQ(input.discontinuities(-1e9, 1e9), std::vector<double>{45.0});
}

TEST(StepCurrent, ZeroAmplitudeOrEmptyWindowHasNoJumps) {
  EXPECT_TRUE(Stimulus({StepCurrent{.amplitude = 0.0, .start = 1.0, .stop = 2.0}}).discontinuities(0, 10).empty());
  EXPECT_TRUE(Stimulus({StepCurrent{.amplitude = 3.0, .start = 1.0, .stop = 1.0}}).discontinuities(0, 10).empty());
}

TEST(PulseTrain, ValuesAtAndBetweenEdgesFollowOpenIntervals) {
  // Pulses on (5, 7), (15, 17), (25, 27).
  const Stimulus train = parse_stimulus("pulses:amp=9,start=5,width=2,period=10,count=3", 0.0);
  for (const double onset : {5.0, 15.0, 25.0}) {
    EXPECT_EQ(train.at(onset).current, 0.0) << onset;
    EXPECT_EQ(train.at(onset + 1.0).current, 9.0) << onset;
    EXPECT_EQ(train.at(onset + 2.0).current, 0.0) << onset;
    EXPECT_EQ(train.at(onset + 5.0).current, 0.0) << onset;
    EXPECT_EQ(train.limit(onset, Side::left).current, 0.0);
    EXPECT_EQ(train.limit(onset, Side::right).current, 9.0);
    EXPECT_EQ(train.limit(onset + 2.0, Side::left).current, 9.0);
    EXPECT_EQ(train.limit(onset + 2.0, Side::right).current, 0.0);
  }
  EXPECT_EQ(train.at(35.5).current, 0.0);  // no fourth pulse
  EXPECT_EQ(train.at(-4.0).current, 0.0);  // none before the first
  EXPECT_EQ(train.discontinuities(0.0, 100.0), (std::vector<double>{5, 7, 15, 17, 25, 27}));
  EXPECT_EQ(train.discontinuities(7.0, 15.0), (std::vector<double>{7, 15}));
  EXPECT_EQ(train.discontinuities(7.5, 14.5), std::vector<double>{});
}

TEST(PulseTrain, EveryEdgeOfAFineTrainIsExactAgainstItsJumpList) {
  // Period 0.1 ms is not a binary fraction: the value just inside and just outside each listed edge must
  // agree with the edge, whatever floor((t - start) / period) rounds to.
  const Stimulus train = parse_stimulus("pulses:amp=1,start=0.3,width=0.05,period=0.1,count=5000", 0.0);
  const std::vector<double> edges = train.discontinuities(0.0, 1000.0);
  ASSERT_EQ(edges.size(), 10000u);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const bool onset = i % 2 == 0;
    const double t = edges[i];
    EXPECT_EQ(train.at(t).current, 0.0) << t;
    EXPECT_EQ(train.limit(t, Side::right).current, onset ? 1.0 : 0.0) << t;
    EXPECT_EQ(train.limit(t, Side::left).current, onset ? 0.0 : 1.0) << t;
    EXPECT_EQ(train.at(std::nextafter(t, onset ? 1e9 : -1e9)).current, 1.0) << t;
    EXPECT_EQ(train.at(std::nextafter(t, onset ? -1e9 : 1e9)).current, 0.0) << t;
  }
}

TEST(PulseTrain, JumpsOfAHugeTrainInAWindowCostOnlyThatWindow) {
  const Stimulus train = parse_stimulus("pulses:amp=1,start=0,width=1,period=4,count=2000000000", 0.0);
  const std::vector<double> edges = train.discontinuities(4e9, 4e9 + 8.0);
  EXPECT_EQ(edges, (std::vector<double>{4e9, 4e9 + 1.0, 4e9 + 4.0, 4e9 + 5.0, 4e9 + 8.0}));
  // The last pulse is number 2e9 - 1, starting at 4 (2e9 - 1).
  EXPECT_EQ(train.discontinuities(8e9 - 10.0, 1e10),
            (std::vector<double>{8e9 - 8.0, 8e9 - 7.0, 8e9 - 4.0, 8e9 - 3.0}));
}

TEST(PulseTrain, SinglePulseNeedsNoRealPeriod) {
  const Stimulus pulse = parse_stimulus("pulses:amp=20,start=9,width=2,period=0", 0.0);
  EXPECT_EQ(pulse.at(10.0).current, 20.0);
  EXPECT_EQ(pulse.at(9.0).current, 0.0);
  EXPECT_EQ(pulse.discontinuities(0.0, 50.0), (std::vector<double>{9.0, 11.0}));
}

}  // namespace
}  // namespace neurodyn
