// Fixed points and their types against values derived by hand from the models' equations (not from their
// code): roots of the steady-state equations and eigenvalues of the 2x2 Jacobian from its trace and
// determinant.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

// The eigenvalues of a 2x2 matrix with this trace and determinant, sorted by real part then imaginary part.
std::pair<std::complex<double>, std::complex<double>> eigenvalues_2x2(double trace, double determinant) {
  const std::complex<double> root = std::sqrt(std::complex<double>(trace * trace - 4.0 * determinant, 0.0));
  const std::complex<double> a = 0.5 * (trace - root), b = 0.5 * (trace + root);
  return a.real() < b.real() || (a.real() == b.real() && a.imag() < b.imag()) ? std::pair{a, b} : std::pair{b, a};
}

void expect_eigenvalues(const FixedPoint& point, double trace, double determinant) {
  const auto [low, high] = eigenvalues_2x2(trace, determinant);
  ASSERT_EQ(point.eigenvalues.size(), 2u);
  EXPECT_NEAR(point.eigenvalues[0].real(), low.real(), 1e-12);
  EXPECT_NEAR(point.eigenvalues[0].imag(), low.imag(), 1e-12);
  EXPECT_NEAR(point.eigenvalues[1].real(), high.real(), 1e-12);
  EXPECT_NEAR(point.eigenvalues[1].imag(), high.imag(), 1e-12);
}

TEST(FixedPoints, Izhikevich2003RegularSpikingAtRest) {
  // v' = 0.04 v^2 + 5 v + 140 - u, u = b v = 0.2 v: 0.04 v^2 + 4.8 v + 140 = 0, v = (-4.8 -+ 0.8) / 0.08.
  // J = [[0.08 v + 5, -1], [a b, -a]] with a = 0.02, b = 0.2.
  const AnyModel model = make_model("izh2003", {{"a", 0.02}, {"b", 0.2}});
  const auto points = fixed_points(model, 0.0);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_NEAR(points[0].state[0], -70.0, 1e-10);
  EXPECT_NEAR(points[0].state[1], -14.0, 1e-10);
  EXPECT_EQ(points[0].type, FixedPointType::stable_node);
  expect_eigenvalues(points[0], 0.08 * -70.0 + 5.0 - 0.02, (0.08 * -70.0 + 5.0) * -0.02 + 0.004);
  EXPECT_NEAR(points[1].state[0], -50.0, 1e-10);
  EXPECT_EQ(points[1].type, FixedPointType::saddle);
  expect_eigenvalues(points[1], 0.08 * -50.0 + 5.0 - 0.02, (0.08 * -50.0 + 5.0) * -0.02 + 0.004);
  EXPECT_EQ(resting_state(model, 0.0)->state[0], points[0].state[0]);
}

TEST(FixedPoints, TwoRootsCloserThanTheGridAreBothFound) {
  // Just below the saddle-node at I = 4 the two roots are -60 -+ sqrt(1e-9 / 0.04): 3e-4 mV apart, far inside
  // one cell of the 0.005 mV grid (no sign change between grid points).
  const AnyModel model = make_model("izh2003", {});
  const auto points = fixed_points(model, 4.0 - 1e-9);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_NEAR(points[0].state[0], -60.0 - std::sqrt(1e-9 / 0.04), 1e-7);
  EXPECT_NEAR(points[1].state[0], -60.0 + std::sqrt(1e-9 / 0.04), 1e-7);
  EXPECT_TRUE(fixed_points(model, 4.0 + 1e-9).empty());
}

TEST(FixedPoints, Izhikevich2007RegularSpikingAtRest) {
  // 0.7 (v + 60)(v + 40) + 2 (v + 60) = 0: v = -60 and v = -40 - 2/0.7. J = [[k (2v - vr - vt)/C, -1/C],
  // [a b, -a]] with C = 100, k = 0.7, a = 0.03, b = -2.
  const AnyModel model = make_model("izh2007", {});
  const auto points = fixed_points(model, 0.0);
  ASSERT_EQ(points.size(), 2u);
  for (const auto& [point, v, type] : {std::tuple{points[0], -60.0, FixedPointType::stable_node},
                                       std::tuple{points[1], -40.0 - 2.0 / 0.7, FixedPointType::saddle}}) {
    EXPECT_NEAR(point.state[0], v, 1e-10);
    EXPECT_NEAR(point.state[1], -2.0 * (v + 60.0), 1e-9);
    EXPECT_EQ(point.type, type);
    const double j00 = 0.7 * (2.0 * v + 100.0) / 100.0;
    expect_eigenvalues(point, j00 - 0.03, -0.03 * j00 + 0.03 * -2.0 / 100.0);
  }
}

TEST(FixedPoints, FitzHughNagumoRestIsAStableFocus) {
  // w = (v + a)/b in v - v^3/3 - w = 0: v^3 + 0.75 v + 2.625 = 0 (a = 0.7, b = 0.8), one real root.
  // J = [[1 - v^2, -1], [e, -e b]]: trace 1 - v^2 - e b, determinant e (1 - b + b v^2).
  const AnyModel model = make_model("fhn", {});
  const auto points = fixed_points(model, 0.0);
  ASSERT_EQ(points.size(), 1u);
  const double v = points[0].state[0];
  EXPECT_NEAR(v * v * v + 0.75 * v + 2.625, 0.0, 1e-12);
  EXPECT_NEAR(v, -1.19941, 1e-5);
  EXPECT_NEAR(points[0].state[1], (v + 0.7) / 0.8, 1e-12);
  EXPECT_EQ(points[0].type, FixedPointType::stable_focus);
  expect_eigenvalues(points[0], 1.0 - v * v - 0.064, 0.08 * (0.2 + 0.8 * v * v));
}

TEST(FixedPoints, LienardFormHasTheSameRestAndSpectrum) {
  const auto first = fixed_points(make_model("fhn", {}), 0.2);
  const auto second = fixed_points(make_model("fhn-lienard", {}), 0.2);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NEAR(second[0].state[0], first[0].state[0], 1e-12);
  EXPECT_EQ(second[0].state[1], 0.0);  // v' = 0
  EXPECT_NEAR(std::abs(second[0].eigenvalues[1] - first[0].eigenvalues[1]), 0.0, 1e-12);
}

TEST(FixedPoints, LeakyIntegrateAndFireRestsUntilItsThreshold) {
  // v = E_L + I / g_L = -70 + 200/25 = -62 mV; eigenvalue -g_L / C = -0.1 / ms.
  const AnyModel model = make_model("lif", {});
  const auto points = fixed_points(model, 200.0);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_NEAR(points[0].state[0], -62.0, 1e-10);
  EXPECT_NEAR(points[0].eigenvalues[0].real(), -0.1, 1e-15);
  EXPECT_EQ(points[0].type, FixedPointType::stable_node);
  EXPECT_TRUE(fixed_points(model, 600.0).empty());  // -46 mV would lie above the threshold, -50 mV
}

TEST(FixedPoints, HodgkinHuxleyRestNearMinus65mV) {
  const auto rest = resting_state(make_model("hh", {}), 0.0);
  ASSERT_TRUE(rest);
  EXPECT_NEAR(rest->state[0], -65.0, 0.01);  // E_L = -54.387 mV is chosen to put the rest at -65 mV
  EXPECT_EQ(rest->eigenvalues.size(), 4u);
  EXPECT_TRUE(is_stable(rest->type));
}

TEST(FixedPoints, ReducedHodgkinHuxleyRestsAtMinus65Point19Millivolts) {
  // Bisection of I_inf(v) = 0 on the published rate formulas, done apart from this code: -65.19238 mV.
  const auto rest = resting_state(make_model("hh-reduced", {}), 0.0);
  ASSERT_TRUE(rest);
  EXPECT_NEAR(rest->state[0], -65.192384, 1e-5);
  EXPECT_NEAR(rest->state[1], HodgkinHuxley::n_rates(rest->state[0]).steady_state(), 1e-15);
  EXPECT_TRUE(is_stable(rest->type));
}

TEST(FixedPoints, ReducedHodgkinHuxleySharesTheFullRestWhenTheLinePassesThroughIt) {
  const auto full_rest = resting_state(make_model("hh", {}), 0.0);
  ASSERT_TRUE(full_rest);
  const double h = full_rest->state[2], n = full_rest->state[3];
  const auto rest = resting_state(make_model("hh-reduced", {{"h_intercept", h + 1.3 * n}, {"h_slope", 1.3}}), 0.0);
  ASSERT_TRUE(rest);
  EXPECT_NEAR(rest->state[0], full_rest->state[0], 1e-9);
  EXPECT_NEAR(rest->state[1], n, 1e-11);
}

TEST(FixedPoints, HodgkinHuxleyAboveItsHopfIsASaddleFocus) {
  // Past the Hopf at 9.78 uA/cm^2 a complex pair has crossed to positive real parts; the two other
  // eigenvalues stay real and negative.
  const auto points = fixed_points(make_model("hh", {}), 10.0);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].type, FixedPointType::saddle_focus);
  EXPECT_EQ(to_string(points[0].type), "saddle focus");
  EXPECT_GT(points[0].eigenvalues[3].real(), 0.0);
  EXPECT_GT(std::abs(points[0].eigenvalues[3].imag()), 0.0);
  EXPECT_LT(points[0].eigenvalues[1].real(), 0.0);
}

TEST(FixedPoints, SteadyStateCurrentHoldsTheModelAtV) {
  // I_inf(v) = -(0.04 v^2 + 4.8 v + 140) for the 2003 RS cell.
  const AnyModel model = make_model("izh2003", {});
  EXPECT_NEAR(steady_state_current(model, -60.0), 4.0, 1e-12);
  EXPECT_NEAR(steady_state_current(model, -65.0), -(0.04 * 65 * 65 - 4.8 * 65 + 140), 1e-12);
}

TEST(FixedPoints, DegenerateReductionsAreRefusedWithTheReason) {
  EXPECT_THAT(
      [] {
        fixed_points(make_model("izh2003", {{"u_decay", 0.0}}), 0.0);
      },
      ::testing::ThrowsMessage<InputError>(::testing::HasSubstr("u_decay > 0")));
  EXPECT_THROW(fixed_points(make_model("fhn", {{"b", 0.0}}), 0.0), InputError);
  EXPECT_THROW(fixed_points(make_model("izh2003", {}), NAN), InputError);
  EXPECT_THROW(fixed_points(make_model("izh2003", {}), 0.0, {.v_low = 10.0, .v_high = -10.0}), InputError);
}

TEST(FixedPoints, TypeNames) {
  EXPECT_EQ(to_string(FixedPointType::stable_focus), "stable focus");
  EXPECT_EQ(to_string(FixedPointType::saddle), "saddle");
}

}  // namespace
}  // namespace neurodyn
