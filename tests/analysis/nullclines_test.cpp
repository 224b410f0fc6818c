// Nullclines against their closed forms.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/analysis/nullclines.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

TEST(Nullclines, Izhikevich2003ParabolaAndLine) {
  // v' = 0: u = 0.04 v^2 + 5 v + 140 + I; u' = 0: u = b v.
  const Nullclines curves = nullclines(make_model("izh2003", {{"b", 0.25}}), 3.0, -90.0, 30.0, 121);
  ASSERT_EQ(curves.v.size(), 121u);
  for (std::size_t i = 0; i < curves.v.size(); ++i) {
    const double v = curves.v[i];
    EXPECT_NEAR(curves.first[i], 0.04 * v * v + 5.0 * v + 143.0, 1e-10);
    EXPECT_NEAR(curves.second[i], 0.25 * v, 1e-12);
  }
  EXPECT_DOUBLE_EQ(curves.v.front(), -90.0);
  EXPECT_DOUBLE_EQ(curves.v.back(), 30.0);
}

TEST(Nullclines, FitzHughNagumoCubicAndLine) {
  // v' = 0: w = v - v^3/3 + I; w' = 0: w = (v + a)/b.
  const Nullclines curves = nullclines(make_model("fhn", {}), 0.5, -2.5, 2.5, 51);
  for (std::size_t i = 0; i < curves.v.size(); ++i) {
    const double v = curves.v[i];
    EXPECT_NEAR(curves.first[i], v - v * v * v / 3.0 + 0.5, 1e-12);
    EXPECT_NEAR(curves.second[i], (v + 0.7) / 0.8, 1e-12);
  }
}

TEST(Nullclines, LienardFormInThePlaneOfVAndItsDerivative) {
  // v' = dv = 0; dv' = 0 where (v^2 - 1 + e b) dv = -e ((1 - b) v + b v^3/3 + a - b I).
  const Nullclines curves = nullclines(make_model("fhn-lienard", {}), 0.2, -2.0, 0.0, 11);
  for (std::size_t i = 0; i < curves.v.size(); ++i) {
    const double v = curves.v[i];
    EXPECT_EQ(curves.first[i], 0.0);
    EXPECT_NEAR(curves.second[i], -0.08 * (0.2 * v + 0.8 * v * v * v / 3.0 + 0.7 - 0.8 * 0.2) / (v * v - 1.0 + 0.064),
                1e-12);
  }
}

// v' of the reduced Hodgkin-Huxley model written out from the 1952 rate formulas (uA/cm^2, C_m = 1).
double reduced_hh_v_rate(double v, double n, double current) {
  const double alpha_m = 0.1 * (v + 40.0) / (1.0 - std::exp(-(v + 40.0) / 10.0));
  const double beta_m = 4.0 * std::exp(-(v + 65.0) / 18.0);
  const double m = alpha_m / (alpha_m + beta_m);
  return current - 120.0 * m * m * m * (0.8 - n) * (v - 50.0) - 36.0 * std::pow(n, 4) * (v + 77.0) -
         0.3 * (v + 54.387);
}

TEST(Nullclines, ReducedHodgkinHuxleyQuarticAndGateSteadyState) {
  // v' = 0 is quartic in n; its root in [0, 1] by bisection on the written-out formula. n' = 0: n = n_inf(v).
  const double current = 5.0;
  const Nullclines curves = nullclines(make_model("hh-reduced", {}), current, -75.5, 30.5, 107);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < curves.v.size(); ++i) {
    const double v = curves.v[i];
    const double alpha_n = 0.01 * (v + 55.0) / (1.0 - std::exp(-(v + 55.0) / 10.0));
    const double beta_n = 0.125 * std::exp(-(v + 65.0) / 80.0);
    EXPECT_NEAR(curves.second[i], alpha_n / (alpha_n + beta_n), 1e-12) << v;
    double low = 0.0, high = 1.0;
    if (reduced_hh_v_rate(v, low, current) * reduced_hh_v_rate(v, high, current) > 0.0) continue;
    for (int step = 0; step < 200 && high - low > 1e-15; ++step) {
      const double middle = 0.5 * (low + high);
      (reduced_hh_v_rate(v, low, current) * reduced_hh_v_rate(v, middle, current) <= 0.0 ? high : low) = middle;
    }
    EXPECT_NEAR(curves.first[i], 0.5 * (low + high), 1e-11) << v;
    ++checked;
  }
  EXPECT_GT(checked, 90u);  // the v-nullcline crosses the physical range of n over most of the plane
}

TEST(Nullclines, NoPointWhereTheDerivativeDoesNotDependOnTheSecondVariable) {
  // u_decay = 0: u' = a b (v - vu) has no u-nullcline as a function of v.
  const Nullclines curves = nullclines(make_model("izh2003", {{"u_decay", 0.0}}), 0.0, -80.0, -50.0, 4);
  for (const double u : curves.second) EXPECT_TRUE(std::isnan(u));
  EXPECT_FALSE(std::isnan(curves.first[0]));
}

TEST(Nullclines, OnlyForTwoVariableModels) {
  EXPECT_THAT([] { nullclines(make_model("hh", {}), 0.0, -80.0, 40.0, 10); },
              ::testing::ThrowsMessage<InputError>(::testing::HasSubstr("two state variables; hh has 4")));
  EXPECT_THROW(nullclines(make_model("lif", {}), 0.0, -80.0, 40.0, 10), InputError);
  EXPECT_THROW(nullclines(make_model("fhn", {}), 0.0, 1.0, -1.0, 10), InputError);
  EXPECT_THROW(nullclines(make_model("fhn", {}), 0.0, -1.0, 1.0, 1), InputError);
}

}  // namespace
}  // namespace neurodyn
