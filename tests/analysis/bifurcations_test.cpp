// Where the resting state is lost, against values derived by hand from the equations and published ones
// (docs/reference.md): the saddle-node of the 2003 and 2007 RS cells, the Hopf bifurcation of FitzHugh-Nagumo,
// the threshold of LIF, and the Hopf bifurcation of Hodgkin-Huxley.
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/analysis/bifurcations.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

TEST(RestLoss, Izhikevich2003RegularSpikingLosesStabilityInAHopfBeforeItsSaddleNode) {
  // Fixed points: I = -(k2 v^2 + (k1 - b) v + k0) = I_inf(v). Saddle-node at its maximum, v = -(k1 - b)/(2 k2) =
  // -60, I = 4 (docs/reference.md 1). J = [[2 k2 v + k1, -1], [a b, -a]]: the trace 2 k2 v + k1 - a vanishes
  // first, at v = (a - k1)/(2 k2) = -62.25, where the determinant a (b - a) > 0: a Hopf bifurcation at
  // I_inf(-62.25).
  const AnyModel model = make_model("izh2003", {{"a", 0.02}, {"b", 0.2}});
  const RestBranch branch = follow_rest(model);
  EXPECT_NEAR(branch.rest.state[0], -70.0, 1e-10);
  ASSERT_TRUE(branch.saddle_node_current);
  EXPECT_NEAR(*branch.saddle_node_current, 4.0, 1e-9);
  ASSERT_TRUE(branch.stability_lost);
  const double v_hopf = (0.02 - 5.0) / 0.08;
  EXPECT_NEAR(branch.stability_lost->current, -(0.04 * v_hopf * v_hopf + 4.8 * v_hopf + 140.0), 1e-9);
  EXPECT_NEAR(branch.stability_lost->current, 3.7975, 1e-9);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::hopf);
  EXPECT_NEAR(branch.stability_lost->at.state[0], v_hopf, 1e-6);
  EXPECT_EQ(branch.stability_lost->at.type, FixedPointType::non_hyperbolic);
}

TEST(RestLoss, Izhikevich2003WithBBelowAHasOnlyTheSaddleNode) {
  // b = 0.01 < a = 0.02: at the fold (2 k2 v + k1 = b) the trace is b - a < 0, so the rest is stable up to it.
  // I_inf(v) = -(0.04 v^2 + 4.99 v + 140), maximum at v = -4.99/0.08: I = 4.99^2 / 0.16 - 140.
  const RestBranch branch = follow_rest(make_model("izh2003", {{"b", 0.01}}));
  ASSERT_TRUE(branch.stability_lost);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::saddle_node);
  EXPECT_NEAR(branch.stability_lost->current, 4.99 * 4.99 / 0.16 - 140.0, 1e-9);
  EXPECT_NEAR(*branch.saddle_node_current, branch.stability_lost->current, 1e-9);
}

TEST(RestLoss, Izhikevich2007RegularSpikingSaddleNode) {
  // (k (vt - vr) + b)^2 / (4 k) = (14 - 2)^2 / 2.8 = 51.43 pA (docs/reference.md 2).
  const RestBranch branch = follow_rest(make_model("izh2007", {}));
  ASSERT_TRUE(branch.stability_lost);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::saddle_node);
  EXPECT_NEAR(branch.stability_lost->current, 144.0 / 2.8, 1e-9);
  EXPECT_NEAR(branch.stability_lost->current, 51.43, 0.005);
  EXPECT_NEAR(*branch.saddle_node_current, 144.0 / 2.8, 1e-9);
}

TEST(RestLoss, FitzHughNagumoHopf) {
  // The trace 1 - v^2 - e b vanishes at v = -sqrt(1 - e b); there I = w - v + v^3/3 with w = (v + a)/b.
  // docs/reference.md 3: I = 0.3313.
  const RestBranch branch = follow_rest(make_model("fhn", {}));
  ASSERT_TRUE(branch.stability_lost);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::hopf);
  const double v = -std::sqrt(1.0 - 0.08 * 0.8);
  EXPECT_NEAR(branch.stability_lost->current, (v + 0.7) / 0.8 - v + v * v * v / 3.0, 1e-9);
  EXPECT_NEAR(branch.stability_lost->current, 0.3313, 5e-5);
  EXPECT_FALSE(branch.saddle_node_current);  // I_inf is monotone for b < 1: a single fixed point
  const RestBranch lienard = follow_rest(make_model("fhn-lienard", {}));
  EXPECT_NEAR(lienard.stability_lost->current, branch.stability_lost->current, 1e-9);
}

TEST(RestLoss, LeakyIntegrateAndFireReachesItsThreshold) {
  // The rest E_L + I/g_L reaches v_threshold at I = g_L (v_threshold - E_L) = 25 * 20 = 500 pA.
  const RestBranch branch = follow_rest(make_model("lif", {}));
  ASSERT_TRUE(branch.stability_lost);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::threshold);
  EXPECT_NEAR(branch.stability_lost->current, 500.0, 1e-9);
}

TEST(RestLoss, HodgkinHuxleyHopfNear9Point78) {
  // The squid axon's rest loses stability in a (subcritical) Hopf bifurcation at I = 9.78 uA/cm^2
  // (Rinzel J, Miller RN (1980) Math Biosci 49:27).
  const RestBranch branch = follow_rest(make_model("hh", {}));
  ASSERT_TRUE(branch.stability_lost);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::hopf);
  EXPECT_NEAR(branch.stability_lost->current, 9.78, 0.01);
}

TEST(RestLoss, ReducedHodgkinHuxleyHopfNear8Point81) {
  // The (v, n) reduction loses its rest earlier than the full model: where the trace of its Jacobian along
  // the rest branch crosses 0 with det > 0, at I = 8.8128 uA/cm^2 (central differences of the written-out
  // equations, done apart from this code).
  const RestBranch branch = follow_rest(make_model("hh-reduced", {}));
  ASSERT_TRUE(branch.stability_lost);
  EXPECT_EQ(branch.stability_lost->kind, RestLossKind::hopf);
  EXPECT_NEAR(branch.stability_lost->current, 8.81277, 1e-4);
  EXPECT_NEAR(branch.stability_lost->at.state[0], -60.0918, 1e-3);
}

TEST(RestLoss, NeedsARestAtTheReferenceCurrent) {
  EXPECT_THROW(follow_rest(make_model("izh2003", {}), 10.0), InputError);  // no fixed point above I = 4
}

}  // namespace
}  // namespace neurodyn
