// Hodgkin-Huxley: the removable singularities of the rates, the resting state of the 1952 constants in the
// modern convention (-65 mV), and the steady-state start.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "neurodyn/error.hpp"
#include "neurodyn/model/hodgkin_huxley.hpp"

namespace {

using namespace neurodyn;
using ::testing::HasSubstr;

// The published formulas, evaluated where they have no 0/0.
double alpha_m_formula(double v) { return 0.1 * (v + 40.0) / (1.0 - std::exp(-(v + 40.0) / 10.0)); }
double alpha_n_formula(double v) { return 0.01 * (v + 55.0) / (1.0 - std::exp(-(v + 55.0) / 10.0)); }

TEST(HodgkinHuxley, RatesFollowThePublishedFormulas) {
  for (double v : {-90.0, -65.0, -40.5, -39.0, -55.3, -20.0, 30.0}) {
    EXPECT_NEAR(HodgkinHuxley::m_rates(v).alpha, alpha_m_formula(v), 1e-13 * alpha_m_formula(v)) << v;
    EXPECT_NEAR(HodgkinHuxley::n_rates(v).alpha, alpha_n_formula(v), 1e-13 * alpha_n_formula(v)) << v;
    EXPECT_DOUBLE_EQ(HodgkinHuxley::m_rates(v).beta, 4.0 * std::exp(-(v + 65.0) / 18.0));
    EXPECT_DOUBLE_EQ(HodgkinHuxley::h_rates(v).alpha, 0.07 * std::exp(-(v + 65.0) / 20.0));
    EXPECT_DOUBLE_EQ(HodgkinHuxley::h_rates(v).beta, 1.0 / (1.0 + std::exp(-(v + 35.0) / 10.0)));
    EXPECT_DOUBLE_EQ(HodgkinHuxley::n_rates(v).beta, 0.125 * std::exp(-(v + 65.0) / 80.0));
  }
}

TEST(HodgkinHuxley, SingularPointsTakeTheirLimits) {
  // 0.1 x / (1 - exp(-x/10)) -> 1 and 0.01 x / (1 - exp(-x/10)) -> 0.1 as x -> 0, with slopes 0.05 and
  // 0.005 per mV (from the series x/(1 - e^-x) = 1 + x/2 + ...).
  EXPECT_DOUBLE_EQ(HodgkinHuxley::m_rates(-40.0).alpha, 1.0);
  EXPECT_DOUBLE_EQ(HodgkinHuxley::n_rates(-55.0).alpha, 0.1);
  EXPECT_DOUBLE_EQ(HodgkinHuxley::m_rates(-40.0).alpha_slope, 0.05);
  EXPECT_DOUBLE_EQ(HodgkinHuxley::n_rates(-55.0).alpha_slope, 0.005);
  // Beside them the formula is well conditioned again and the two agree.
  for (double offset : {-1e-3, 1e-3, -0.1, 0.1}) {
    EXPECT_NEAR(HodgkinHuxley::m_rates(-40.0 + offset).alpha, alpha_m_formula(-40.0 + offset), 1e-12) << offset;
    EXPECT_NEAR(HodgkinHuxley::n_rates(-55.0 + offset).alpha, alpha_n_formula(-55.0 + offset), 1e-13) << offset;
  }
}

// The rates of the three gates on double.
constexpr std::array gate_rate_functions{&HodgkinHuxley::m_rates<double>, &HodgkinHuxley::h_rates<double>,
                                         &HodgkinHuxley::n_rates<double>};

TEST(HodgkinHuxley, RateSlopesMatchFiniteDifferencesAcrossTheSeriesEdge) {
  for (double v : {-40.0, -40.1, -39.9, -40.0999, -39.9001, -55.0, -55.1, -54.9, -70.0, 10.0}) {
    for (auto rates : gate_rate_functions) {
      const double h = 1e-5;
      const double alpha_slope = (rates(v + h).alpha - rates(v - h).alpha) / (2 * h);
      const double beta_slope = (rates(v + h).beta - rates(v - h).beta) / (2 * h);
      EXPECT_NEAR(rates(v).alpha_slope, alpha_slope, 1e-9) << v;
      EXPECT_NEAR(rates(v).beta_slope, beta_slope, 1e-9) << v;
    }
  }
}

TEST(HodgkinHuxley, RatesStayFiniteFarOutside) {
  for (double v : {-1000.0, 1000.0}) {
    for (auto rates : gate_rate_functions) {
      const GateRates<double> r = rates(v);
      EXPECT_TRUE(std::isfinite(r.alpha) && std::isfinite(r.beta) && std::isfinite(r.alpha_slope) &&
                  std::isfinite(r.beta_slope))
          << v;
    }
  }
}

TEST(HodgkinHuxley, RestsNearMinus65Millivolts) {
  // With E_L = -54.387 mV the net ionic current vanishes at rest, -65 mV (Dayan & Abbott 2001, 5.6); find
  // the zero of v' with the gates at their steady state by bisection.
  const HodgkinHuxley model;
  const auto v_rate = [&](double v) { return model.rhs(model.initial_state(v, std::nullopt), {})[0]; };
  double below = -70.0, above = -60.0;
  ASSERT_GT(v_rate(below), 0.0);
  ASSERT_LT(v_rate(above), 0.0);
  for (int i = 0; i < 60; ++i) {
    const double middle = (below + above) / 2.0;
    (v_rate(middle) > 0.0 ? below : above) = middle;
  }
  EXPECT_NEAR(below, -65.0, 0.01);
  // The default start is -65 mV with its gates at steady state: the gates do not move, v barely does.
  const HodgkinHuxley::State rate = model.rhs(model.default_initial_state(), {});
  EXPECT_LT(std::abs(rate[0]), 0.01);
  EXPECT_LT(rate.tail<3>().cwiseAbs().maxCoeff(), 1e-15);
}

TEST(HodgkinHuxley, RejectsU0) {
  try {
    HodgkinHuxley{}.initial_state(-65.0, 0.3);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("hh has no recovery variable u; its gates start at their steady state at v0"));
  }
}

}  // namespace
