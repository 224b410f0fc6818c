// spec() writes what parse_stimulus reads back as the same function: equal values (to the bit) at many
// times, including every edge and points one ulp around it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"
#include "temp_text_file.hpp"

namespace neurodyn {
namespace {

using testing::TempTextFile;

constexpr double infinity = std::numeric_limits<double>::infinity();

std::vector<double> probe_times(const Stimulus& input) {
  std::vector<double> times;
  for (double t = -20.0; t <= 400.0; t += 0.37) times.push_back(t);
  for (const double edge : input.discontinuities(-1e3, 1e3)) {
    times.insert(times.end(), {std::nextafter(edge, -infinity), edge, std::nextafter(edge, infinity)});
  }
  return times;
}

void expect_same_function(const Stimulus& original, const Stimulus& reread) {
  ASSERT_EQ(reread.spec(), original.spec());
  EXPECT_EQ(reread.discontinuities(-1e3, 1e3), original.discontinuities(-1e3, 1e3));
  for (const double t : probe_times(original)) {
    ASSERT_EQ(reread.at(t).current, original.at(t).current) << t;
    ASSERT_EQ(reread.at(t).slope, original.at(t).slope) << t;
    for (const Side side : {Side::left, Side::right}) {
      ASSERT_EQ(reread.limit(t, side).current, original.limit(t, side).current) << t;
    }
  }
}

TEST(Spec, ConstructedComponentsWithAwkwardNumbersRoundTrip) {
  const Stimulus original({
      StepCurrent{.amplitude = 0.1 + 0.2, .start = 100.0 / 3.0, .stop = infinity, .closed_edges = true},
      StepCurrent{.amplitude = -1e-310, .start = -infinity, .stop = 45.000000000000007},
      StepCurrent{.amplitude = 2.0 / 3.0, .start = -infinity, .stop = infinity},
      PulseTrain{.amplitude = 1e22, .start = 0.1, .width = 0.07, .period = 0.3, .count = 7},
      Ramp{.slope = std::sqrt(2.0), .start = 12.3456789012345678, .stop = 51.2},
      Sine{.amplitude = 3.0,
           .frequency_hz = 1.0 / 7.0,
           .phase = -std::numbers::pi / 3.0,
           .offset = 1e-5,
           .start = -infinity,
           .stop = 333.3},
  });
  const std::string text = original.spec();
  expect_same_function(original, parse_stimulus(text, 0.0));
}

TEST(Spec, CanonicalTextOfEachKind) {
  EXPECT_EQ(parse_stimulus("const:amp=-0.5", 0).spec(), "const:amp=-0.5");
  EXPECT_EQ(parse_stimulus(" step : amp = 70 , start=100 ", 0).spec(),
            "step:amp=70,start=100,stop=inf,edges=open");
  EXPECT_EQ(parse_stimulus("pulses:amp=1,start=2,width=3,period=4", 0).spec(),
            "pulses:amp=1,start=2,width=3,period=4,count=1");
  EXPECT_EQ(parse_stimulus("ramp:slope=0.075,start=30", 0).spec(), "ramp:slope=0.075,start=30,stop=inf");
  EXPECT_EQ(parse_stimulus("sine:amp=1,freq_hz=10", 0).spec(),
            "sine:amp=1,freq_hz=10,phase=0,offset=0,start=0,stop=inf");
  EXPECT_EQ(parse_stimulus("noise:mean=0,sigma=1,tau=5,seed=18446744073709551615", 10).spec(),
            "noise:mean=0,sigma=1,tau=5,seed=18446744073709551615,sample_step=0.1");
  EXPECT_EQ(parse_stimulus("step:amp=1e+22,start=+inf", 0).spec(), "step:amp=1e+22,start=inf,stop=inf,edges=open");
}

TEST(Spec, NoiseAndFileRoundTripThroughTheirParameters) {
  const TempTextFile file("round_trip_table.txt", "0.000 1\n0.010 -2\n0.015 4\n0.300 0\n");
  const double span = 350.0;
  const Stimulus original =
      parse_stimulus("noise:mean=2,sigma=0.5,tau=3,seed=77,sample_step=0.05+file:" + file.path() +
                         ",time_unit=s+"
                         "step:amp=1,start=10,stop=20",
                     span);
  const Stimulus reread = parse_stimulus(original.spec(), span);
  expect_same_function(original, reread);
  EXPECT_EQ(std::get<OrnsteinUhlenbeck>(reread.components()[0]).samples,
            std::get<OrnsteinUhlenbeck>(original.components()[0]).samples);
  EXPECT_EQ(std::get<CurrentTable>(reread.components()[1]).times, (std::vector<double>{0, 10, 15, 300}));
}

}  // namespace
}  // namespace neurodyn
