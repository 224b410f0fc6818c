// The Izhikevich models against the analytic facts of docs/reference.md: the 2003 resting state's saddle-node at
// I = 4 (b = 0.2) and the 2007 RS cell's rheobase 144/2.8 pA; and the 2007 special rules against the book's
// code (cutoff, reset, cap, switched b, cubic u-nullcline).
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <functional>

#include "neurodyn/model/catalog.hpp"

namespace {

using namespace neurodyn;

// Sign changes of the v-rate along the u-nullcline u = b v, sampled on [-100, 0] mV: the number of
// equilibria of the 2003 model at a constant input.
int equilibria_2003(const Izhikevich2003& model, double current) {
  int changes = 0;
  double previous = model.rhs({-100.0, model.b * -100.0}, {current, 0.0})[0];
  for (double v = -99.9; v <= 0.0; v += 0.1) {
    const double rate = model.rhs({v, model.b * v}, {current, 0.0})[0];
    if ((rate > 0.0) != (previous > 0.0)) ++changes;
    previous = rate;
  }
  return changes;
}

TEST(Izhikevich2003, RestingStateMeetsItsSaddleNodeAtICurrentFour) {
  // 0.04 v^2 + 4.8 v + 140 + I = 0 has the double root v = -60 at I = 4 (docs/reference.md section 1).
  const Izhikevich2003 model;
  const Izhikevich2003::State rest(-60.0, -12.0);
  const Izhikevich2003::State rate = model.rhs(rest, {4.0, 0.0});
  EXPECT_NEAR(rate[0], 0.0, 1e-12);
  EXPECT_NEAR(rate[1], 0.0, 1e-15);
  EXPECT_NEAR(model.jacobian(rest, {4.0, 0.0}).determinant(), 0.0, 1e-15);
  EXPECT_EQ(equilibria_2003(model, 3.9), 2);
  EXPECT_EQ(equilibria_2003(model, 4.1), 0);
}

TEST(Izhikevich2003, AccommodationVariantHasNoUDecay) {
  // Panel R: u' = a b (v + 65), whatever u is.
  const auto model = std::get<Izhikevich2003>(make_model("izh2003", {{"b", 1.0}, {"vu", -65.0}, {"u_decay", 0.0}}));
  EXPECT_DOUBLE_EQ(model.rhs({-55.0, 3.0}, {})[1], 0.02 * 1.0 * 10.0);
  EXPECT_DOUBLE_EQ(model.rhs({-55.0, -30.0}, {})[1], 0.02 * 1.0 * 10.0);
}

TEST(Izhikevich2003, ResetMovesVToCAndKicksU) {
  const Izhikevich2003 model;
  const ResetOutcome<2> outcome = model.reset({30.5, -4.0});
  EXPECT_EQ(outcome.state, Izhikevich2003::State(-65.0, 4.0));
  EXPECT_EQ(outcome.hold_ms, 0.0);
  EXPECT_EQ(model.guard({30.0, 0.0}), 0.0);
}

// A saddle-node of the 2007 model found from its rhs and Jacobian alone: Newton's method on
// (rhs(v, u; I) = 0, det J(v, u) = 0) in the unknowns (v, u, I).
Eigen::Vector3d saddle_node_2007(const Izhikevich2007& model, Eigen::Vector3d guess) {
  const auto residual = [&](const Eigen::Vector3d& z) {
    const Izhikevich2007::State x(z[0], z[1]);
    const Izhikevich2007::State rate = model.rhs(x, {z[2], 0.0});
    return Eigen::Vector3d(rate[0], rate[1], model.jacobian(x, {z[2], 0.0}).determinant());
  };
  for (int iteration = 0; iteration < 50; ++iteration) {
    Eigen::Matrix3d derivative;
    for (int j = 0; j < 3; ++j) {
      Eigen::Vector3d step = Eigen::Vector3d::Zero();
      step[j] = 1e-6;
      derivative.col(j) = (residual(guess + step) - residual(guess - step)) / 2e-6;
    }
    const Eigen::Vector3d update = derivative.fullPivLu().solve(residual(guess));
    guess -= update;
    if (update.norm() < 1e-12) break;
  }
  return guess;
}

TEST(Izhikevich2007, RegularSpikingRheobaseIsTheSaddleNodeOfReference) {
  // docs/reference.md section 2: I* = (k (vt - vr) + b)^2 / (4 k) = 144/2.8 = 51.43 pA.
  const Eigen::Vector3d point = saddle_node_2007(Izhikevich2007{}, {-55.0, -10.0, 40.0});
  EXPECT_NEAR(point[2], 144.0 / 2.8, 1e-6);
  EXPECT_NEAR(point[2], 51.43, 0.005);
  EXPECT_NEAR(point[0], -60.0 + 12.0 / 1.4, 1e-6);  // the double root v* = vr + (k (vt - vr) + b) / (2 k)
}

TEST(Izhikevich2007, RestsAtVrWithoutInput) {
  const Izhikevich2007 model;
  EXPECT_EQ(model.default_initial_state(), Izhikevich2007::State(-60.0, 0.0));
  EXPECT_EQ(model.rhs(model.default_initial_state(), {}), Izhikevich2007::State(0.0, 0.0));
}

Izhikevich2007 book_cell(const char* preset) {
  const Preset& cell = find_preset(preset);
  return std::get<Izhikevich2007>(make_model(cell.model, cell.parameters));
}

TEST(Izhikevich2007, LowThresholdSpikingRules) {
  // Book code: cutoff vpeak - 0.1 u; v <- c + 0.04 u (u before its jump); u <- u + d, at most 670.
  const Izhikevich2007 lts = book_cell("izh2007-LTS");
  EXPECT_DOUBLE_EQ(lts.guard({30.0, 100.0}), 0.0);
  EXPECT_LT(lts.guard({29.0, 100.0}), 0.0);
  const ResetOutcome<2> outcome = lts.reset({30.0, 100.0});
  EXPECT_DOUBLE_EQ(outcome.state[0], -53.0 + 4.0);
  EXPECT_DOUBLE_EQ(outcome.state[1], 120.0);
  EXPECT_DOUBLE_EQ(lts.reset({0.0, 660.0}).state[1], 670.0);
}

TEST(Izhikevich2007, ThalamoCorticalRules) {
  // Book code: cutoff vpeak + 0.1 u; v <- c - 0.1 u; b = 0 above -65 mV, 15 at or below.
  const Izhikevich2007 tc = book_cell("izh2007-TC");
  EXPECT_DOUBLE_EQ(tc.guard({40.0, 50.0}), 0.0);
  EXPECT_EQ(tc.reset({40.0, 50.0}).state, Izhikevich2007::State(-65.0, 60.0));
  EXPECT_DOUBLE_EQ(tc.rhs({-70.0, -20.0}, {})[1], 0.01 * (15.0 * -10.0 + 20.0));
  EXPECT_DOUBLE_EQ(tc.rhs({-64.0, -20.0}, {})[1], 0.01 * (0.0 + 20.0));
}

TEST(Izhikevich2007, ReticularThalamicSwitchedB) {
  const Izhikevich2007 rtn = book_cell("izh2007-RTN");
  EXPECT_DOUBLE_EQ(rtn.rhs({-75.0, 0.0}, {})[1], 0.015 * 10.0 * -10.0);
  EXPECT_DOUBLE_EQ(rtn.rhs({-55.0, 0.0}, {})[1], 0.015 * 2.0 * 10.0);
}

TEST(Izhikevich2007, FastSpikingCubicNullclineAndNoUJump) {
  // Book code: u' = a (U(v) - u), U = 0 below vb = -55 mV and 0.025 (v - vb)^3 above; no u jump.
  const Izhikevich2007 fs = book_cell("izh2007-FS");
  EXPECT_DOUBLE_EQ(fs.rhs({-60.0, 4.0}, {})[1], 0.2 * (0.0 - 4.0));
  EXPECT_DOUBLE_EQ(fs.rhs({-45.0, 4.0}, {})[1], 0.2 * (0.025 * 1000.0 - 4.0));
  EXPECT_EQ(fs.reset({25.0, 30.0}).state, Izhikevich2007::State(-45.0, 30.0));
}

TEST(Izhikevich2007, VRateIsInPicoampsPerPicofarad) {
  // C v' = k (v - vr)(v - vt) - u + I with the RS cell at v = -50, u = 10, I = 70: (0.7 * 10 * -10 - 10 + 70)/100.
  EXPECT_DOUBLE_EQ(Izhikevich2007{}.rhs({-50.0, 10.0}, {70.0, 0.0})[0], -0.1);
}

}  // namespace
