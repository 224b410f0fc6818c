// Ramps and sines: values from their formulas, slopes against finite differences, one-sided limits and
// jumps at their edges.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {
namespace {

// Central difference of at(); its error for these smooth pieces is O(h^2) times the third derivative.
double central_difference(const Stimulus& input, double t, double h) {
  return (input.at(t + h).current - input.at(t - h).current) / (2.0 * h);
}

TEST(Ramp, ValueIsSlopeTimesElapsedTimeInsideTheOpenWindow) {
  // Panel G of the 2004 figure: 0.075 (t - 30) if t > 30 else 0.
  const Stimulus ramp = parse_stimulus("ramp:slope=0.075,start=30", 0.0);
  EXPECT_EQ(ramp.at(30.0).current, 0.0);
  EXPECT_DOUBLE_EQ(ramp.at(130.0).current, 7.5);
  EXPECT_EQ(ramp.at(10.0).current, 0.0);
  EXPECT_EQ(ramp.at(130.0).slope, 0.075);
  // Continuous at its start, but its slope jumps there: a breakpoint for the solvers.
  EXPECT_EQ(ramp.limit(30.0, Side::left).current, ramp.limit(30.0, Side::right).current);
  EXPECT_EQ(ramp.discontinuities(0.0, 300.0), std::vector<double>{30.0});
}

TEST(Ramp, SlopeMatchesFiniteDifferencesAndIsOneSidedAtTheKink) {
  const Stimulus ramp = parse_stimulus("ramp:slope=-0.32,start=300,stop=312.5", 0.0);
  EXPECT_NEAR(ramp.at(305.0).slope, central_difference(ramp, 305.0, 1e-3), 1e-9);
  EXPECT_EQ(ramp.limit(300.0, Side::left).slope, 0.0);
  EXPECT_EQ(ramp.limit(300.0, Side::right).slope, -0.32);
  EXPECT_NEAR(ramp.limit(300.0, Side::right).slope, (ramp.at(300.001).current - ramp.at(300.0).current) / 1e-3,
              1e-9);
}

TEST(Ramp, DropsBackToZeroAtItsStop) {
  // Panel R's second ramp: (t - 300) / 12.5 * 4 for 300 < t < 312.5.
  const Stimulus ramp = parse_stimulus("ramp:slope=0.32,start=300,stop=312.5", 0.0);
  EXPECT_DOUBLE_EQ(ramp.limit(312.5, Side::left).current, 4.0);
  EXPECT_EQ(ramp.limit(312.5, Side::right).current, 0.0);
  EXPECT_EQ(ramp.at(312.5).current, 0.0);
  EXPECT_EQ(ramp.discontinuities(0.0, 400.0), (std::vector<double>{300.0, 312.5}));
  EXPECT_EQ(ramp.discontinuities(301.0, 312.0), std::vector<double>{});
}

TEST(Sine, ValueAndSlopeFollowTheFormula) {
  const Stimulus sine = parse_stimulus("sine:amp=3,freq_hz=8,phase=0.4,offset=1.5", 0.0);
  const double omega = 2.0 * std::numbers::pi * 8.0 / 1000.0;  // rad/ms
  for (const double t : {0.5, 17.0, 62.5, 400.0}) {
    EXPECT_NEAR(sine.at(t).current, 1.5 + 3.0 * std::sin(omega * t + 0.4), 1e-12) << t;
    EXPECT_NEAR(sine.at(t).slope, central_difference(sine, t, 1e-3), 1e-7) << t;
  }
  // The period is 1000 / 8 = 125 ms.
  EXPECT_NEAR(sine.at(17.0).current, sine.at(17.0 + 125.0).current, 1e-12);
}

TEST(Sine, StartAndStopAreBreakpointsWhetherItJumpsOrBends) {
  // sin(w t) with f = 10 Hz is zero at t = 0 and 50 ms: no jump in I there, but its slope jumps.
  const Stimulus zero_crossings = parse_stimulus("sine:amp=2,freq_hz=10,start=0,stop=50", 0.0);
  EXPECT_EQ(zero_crossings.discontinuities(-10.0, 100.0), (std::vector<double>{0.0, 50.0}));
  EXPECT_NEAR(zero_crossings.limit(50.0, Side::left).current, 0.0, 1e-12);
  EXPECT_NE(zero_crossings.limit(50.0, Side::left).slope, zero_crossings.limit(50.0, Side::right).slope);
  // At t = 25 ms the sine is at its peak: jump from 0 to 2 there.
  const Stimulus from_peak = parse_stimulus("sine:amp=2,freq_hz=10,start=25,stop=80", 0.0);
  EXPECT_EQ(from_peak.discontinuities(0.0, 100.0), (std::vector<double>{25.0, 80.0}));
  EXPECT_EQ(from_peak.limit(25.0, Side::left).current, 0.0);
  EXPECT_NEAR(from_peak.limit(25.0, Side::right).current, 2.0, 1e-12);
  EXPECT_EQ(from_peak.at(25.0).current, 0.0);
  EXPECT_NEAR(from_peak.limit(80.0, Side::left).current, 2.0 * std::sin(2.0 * std::numbers::pi * 0.8), 1e-12);
  EXPECT_EQ(from_peak.limit(80.0, Side::right).current, 0.0);
}

TEST(Sine, OffsetOnlyInsideTheWindow) {
  const Stimulus sine = parse_stimulus("sine:amp=0,freq_hz=5,offset=4,start=10,stop=20", 0.0);
  EXPECT_EQ(sine.at(5.0).current, 0.0);
  EXPECT_EQ(sine.at(15.0).current, 4.0);
  EXPECT_EQ(sine.discontinuities(0.0, 30.0), (std::vector<double>{10.0, 20.0}));
}

}  // namespace
}  // namespace neurodyn
