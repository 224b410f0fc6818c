// The integrate-and-fire models against hand-computed values: the exact LIF f-I curve and the AdEx
// right-hand side and reset.
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/error.hpp"
#include "neurodyn/model/adex.hpp"
#include "neurodyn/model/leaky_integrate_and_fire.hpp"

namespace {

using namespace neurodyn;

TEST(LeakyIntegrateAndFire, ExactRateByHand) {
  // Defaults: tau_m = 250/25 = 10 ms, R = 1/25 GOhm, so 600 pA drives 24 mV above E_L against a 20 mV
  // threshold: T = 2 + 10 ln(24/4) ms, f = 1000/T = 50.2068656... Hz.
  const LeakyIntegrateAndFire model;
  EXPECT_NEAR(lif_exact_rate_hz(model, 600.0), 50.20686561051318, 1e-12);
  // Reset at -60 mV (10 mV above E_L): T = 2 + 10 ln((24 - 10)/(24 - 20)) ms.
  LeakyIntegrateAndFire reset_above_rest;
  reset_above_rest.v_reset = -60.0;
  EXPECT_NEAR(lif_exact_rate_hz(reset_above_rest, 600.0), 68.8343536892122, 1e-12);
}

TEST(LeakyIntegrateAndFire, NoFiringAtOrBelowRheobase) {
  // R I = 20 mV at 500 pA: v only approaches the threshold.
  const LeakyIntegrateAndFire model;
  EXPECT_EQ(lif_exact_rate_hz(model, 500.0), 0.0);
  EXPECT_EQ(lif_exact_rate_hz(model, -100.0), 0.0);
  EXPECT_GT(lif_exact_rate_hz(model, 500.001), 0.0);
}

// The closed-form trajectory behind the rate solves the model's own rhs and reaches the threshold at
// T - t_ref: the rate function and the rhs agree on tau_m and R.
TEST(LeakyIntegrateAndFire, RateAgreesWithTheRhsTrajectory) {
  LeakyIntegrateAndFire model;
  model.C = 150.0;
  model.g_L = 10.0;
  model.E_L = -65.0;
  model.v_threshold = -48.0;
  model.v_reset = -62.0;
  model.t_ref = 3.0;
  const double current = 300.0;
  const double tau = 15.0, drive_mV = 30.0;  // C/g_L ms and I/g_L mV, by hand
  const auto v = [&](double t) { return -65.0 + drive_mV + (-62.0 + 65.0 - drive_mV) * std::exp(-t / tau); };
  for (double t : {0.0, 2.0, 7.5}) {
    const double slope = (v(t + 1e-5) - v(t - 1e-5)) / 2e-5;
    EXPECT_NEAR(model.rhs(LeakyIntegrateAndFire::State::Constant(v(t)), {current, 0.0})[0], slope, 1e-8);
  }
  const double period_ms = 1000.0 / lif_exact_rate_hz(model, current);
  EXPECT_NEAR(v(period_ms - model.t_ref), model.v_threshold, 1e-10);
}

TEST(LeakyIntegrateAndFire, ResetHoldsForTheRefractoryPeriod) {
  LeakyIntegrateAndFire model;  // the defaults but for the reset and its hold
  model.v_reset = -65.0;
  model.t_ref = 5.0;
  const ResetOutcome<1> outcome = model.reset(LeakyIntegrateAndFire::State::Constant(-50.0));
  EXPECT_EQ(outcome.state[0], -65.0);
  EXPECT_EQ(outcome.hold_ms, 5.0);
  EXPECT_EQ(model.guard(LeakyIntegrateAndFire::State::Constant(-50.0)), 0.0);
  EXPECT_THROW(model.initial_state(-70.0, 0.0), InputError);
}

TEST(AdEx, RhsByHand) {
  // Tonic set at v = -60 mV, w = 10 pA, I = 100 pA:
  //   C v' = -10 (10) + 10 * 2 exp(-10/2) - 10 + 100,   tau_w w' = 2 (10) - 10.
  const AdEx model;
  const AdEx::State rate = model.rhs({-60.0, 10.0}, {100.0, 0.0});
  EXPECT_NEAR(rate[0], -0.04932620530009146, 1e-15);
  EXPECT_NEAR(rate[1], 10.0 / 30.0, 1e-15);
}

TEST(AdEx, FieldIsHeldAtTheCutoffBeyondIt) {
  // A numerical stage far past V_peak = 0 mV sees the field at v = 0: C v' = -g_L (0 - E_L) + g_L DeltaT
  // exp(25) - w and tau_w w' = a (0 - E_L) - w, not an overflow.
  const AdEx model;
  const double held_v = (-10.0 * 70.0 + 10.0 * 2.0 * std::exp(25.0)) / 200.0;
  const AdEx::State rate = model.rhs({300.0, 0.0}, {});
  EXPECT_NEAR(rate[0], held_v, 1e-12 * held_v);
  EXPECT_NEAR(rate[1], 2.0 * 70.0 / 30.0, 1e-12);
  EXPECT_TRUE(model.rhs({1e6, 0.0}, {}).allFinite());
}

TEST(AdEx, ResetAddsTheSpikeTriggeredAdaptation) {
  AdEx model;
  model.b = 60.0;
  const ResetOutcome<2> outcome = model.reset({0.3, 25.0});
  EXPECT_EQ(outcome.state, AdEx::State(-58.0, 85.0));
  EXPECT_EQ(outcome.hold_ms, 0.0);
  EXPECT_EQ(model.default_initial_state(), AdEx::State(-70.0, 0.0));
}

}  // namespace
