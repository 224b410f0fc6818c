// Sums of components: the 2004 figure's stimuli written as specs must give, at every sample time of the
// published scheme, the value of the MATLAB code's own inequalities (docs/reference.md section 1.2); the jump
// list of a sum is the union of its parts.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <ostream>

#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {
namespace {

struct PublishedInput {
  const char* panel;
  double tau;
  double span;
  const char* spec;
  std::function<double(double)> matlab;  // the inequality from the published code
};

void PrintTo(const PublishedInput& c, std::ostream* out) { *out << c.spec; }

class PublishedPanels : public ::testing::TestWithParam<PublishedInput> {};

TEST_P(PublishedPanels, SpecReproducesTheCodesInequalitiesAtEverySampleTime) {
  const PublishedInput& panel = GetParam();
  const Stimulus input = parse_stimulus(panel.spec, panel.span);
  const auto steps = static_cast<long>(std::lround(panel.span / panel.tau));
  for (long k = 0; k <= steps; ++k) {
    const double t = static_cast<double>(k) * panel.tau;  // the code's t = 0:tau:T
    ASSERT_NEAR(input.at(t).current, panel.matlab(t), 1e-12) << panel.panel << " at t = " << t;
  }
}

const double T1 = 100.0 / 11.0;  // panel L

INSTANTIATE_TEST_SUITE_P(
    Izhikevich2004, PublishedPanels,
    ::testing::Values(
        PublishedInput{"A", 0.25, 100, "step:amp=14,start=10", [](double ms) { return ms > 10 ? 14.0 : 0.0; }},
        PublishedInput{"H", 0.25, 300, "const:amp=-0.5+ramp:slope=0.015,start=30",
                       [](double ms) { return ms > 30 ? -0.5 + 0.015 * (ms - 30) : -0.5; }},
        PublishedInput{"I", 0.2, 100, "step:amp=7.04,start=10,stop=13",
                       [](double ms) { return ms > 10 && ms < 13 ? 7.04 : 0.0; }},
        PublishedInput{"K", 0.25, 400,
                       "step:amp=0.65,start=40,stop=44+step:amp=0.65,start=60,stop=64+"
                       "step:amp=0.65,start=280,stop=284+step:amp=0.65,start=320,stop=324",
                       [](double ms) {
                         return (ms > 40 && ms < 44) || (ms > 60 && ms < 64) || (ms > 280 && ms < 284) ||
                                        (ms > 320 && ms < 324)
                                    ? 0.65
                                    : 0.0;
                       }},
        PublishedInput{"L", 0.25, 100,
                       "pulses:amp=9,start=9.090909090909092,width=2,period=5,count=2+"
                       "pulses:amp=9,start=70,width=2,period=10,count=2",
                       [](double ms) {
                         return (ms > T1 && ms < T1 + 2) || (ms > T1 + 5 && ms < T1 + 7) || (ms > 70 && ms < 72) ||
                                        (ms > 80 && ms < 82)
                                    ? 9.0
                                    : 0.0;
                       }},
        PublishedInput{"O", 0.25, 100,
                       "pulses:amp=1,start=10,width=5,period=70,count=2+step:amp=-6,start=70,stop=75",
                       [](double ms) {
                         if ((ms > 10 && ms < 15) || (ms > 80 && ms < 85)) return 1.0;
                         return ms > 70 && ms < 75 ? -6.0 : 0.0;
                       }},
        PublishedInput{"Q", 0.1, 50, "step:amp=20,start=9,stop=11",
                       [](double ms) { return std::abs(ms - 10) < 1 ? 20.0 : 0.0; }},
        PublishedInput{"R", 0.5, 400, "ramp:slope=0.04,start=0,stop=200+ramp:slope=0.32,start=300,stop=312.5",
                       [](double ms) {
                         if (ms < 200) return ms / 25;
                         if (ms < 300) return 0.0;
                         if (ms < 312.5) return (ms - 300) / 12.5 * 4;
                         return 0.0;
                       }},
        PublishedInput{"S", 0.5, 350, "const:amp=80+step:amp=-5,start=50,stop=250,edges=closed",
                       [](double ms) { return ms < 50 || ms > 250 ? 80.0 : 75.0; }}),
    [](const ::testing::TestParamInfo<PublishedInput>& instance) { return std::string(instance.param.panel); });

TEST(Sum, ValuesAndSlopesAddUp) {
  const Stimulus sum = parse_stimulus("const:amp=1+ramp:slope=2,start=0+sine:amp=3,freq_hz=250", 0.0);
  // At t = 1 ms the 250 Hz sine is at sin(pi/2) = 1 with zero slope.
  EXPECT_NEAR(sum.at(1.0).current, 1.0 + 2.0 + 3.0, 1e-12);
  EXPECT_NEAR(sum.at(1.0).slope, 2.0, 1e-12);
}

TEST(Sum, JumpsAreTheSortedUnionWithoutDuplicates) {
  const Stimulus sum = parse_stimulus(
      "step:amp=1,start=20,stop=40+pulses:amp=2,start=10,width=10,period=30,count=3+ramp:slope=1,start=0,stop=40+"
      "noise:mean=0,sigma=1,tau=5,seed=1",
      100.0);
  // Steps: 20, 40. Pulses: 10-20, 40-50, 70-80. Ramp: bend at 0, drop at 40. Noise: none.
  EXPECT_EQ(sum.discontinuities(0.0, 100.0), (std::vector<double>{0, 10, 20, 40, 50, 70, 80}));
  EXPECT_EQ(sum.discontinuities(20.0, 70.0), (std::vector<double>{20, 40, 50, 70}));
  EXPECT_TRUE(sum.discontinuities(81.0, 100.0).empty());
  EXPECT_TRUE(sum.discontinuities(50.0, 40.0).empty());
  // Across the jump at 40: step and ramp switch off, a pulse switches on.
  EXPECT_NEAR(sum.limit(40.0, Side::left).current - sum.limit(40.0, Side::right).current, 1.0 + 40.0 - 2.0, 1e-12);
}

TEST(Sum, EmptyStimulusIsZero) {
  for (const char* spec : {"", "none", "  none "}) {
    const Stimulus nothing = parse_stimulus(spec, 100.0);
    EXPECT_TRUE(nothing.empty());
    EXPECT_EQ(nothing.at(5.0).current, 0.0);
    EXPECT_EQ(nothing.limit(5.0, Side::left).current, 0.0);
    EXPECT_TRUE(nothing.discontinuities(0.0, 100.0).empty());
    EXPECT_EQ(nothing.spec(), "none");
  }
}

}  // namespace
}  // namespace neurodyn
