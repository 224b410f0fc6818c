// Every model's derivatives against central finite differences of its rhs: the analytic Jacobian and input
// gradient, and the state and parameter Jacobians from dual numbers (derivatives.hpp), at states across the
// subthreshold range, the upstroke and, for Hodgkin-Huxley, the removable singularities of alpha_m
// (v = -40 mV) and alpha_n (v = -55 mV). The analytic Jacobian and the dual one agree to rounding.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "finite_differences.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/model/derivatives.hpp"

namespace {

using namespace neurodyn;
using namespace neurodyn::model_test;

// The analytic and the dual state Jacobian are two evaluations of the same derivative: they differ by
// rounding only.
template <NeuronModel M>
void expect_dual_jacobian_equals_analytic(const M& model, const typename M::State& x, Drive drive) {
  SCOPED_TRACE(describe(x));
  const JacobianMatrix<M::dimension> analytic = model.jacobian(x, drive), by_duals = state_jacobian(model, x, drive);
  const double scale = analytic.cwiseAbs().maxCoeff();
  for (int i = 0; i < M::dimension; ++i) {
    for (int j = 0; j < M::dimension; ++j) {
      EXPECT_NEAR(by_duals(i, j), analytic(i, j), 1e-13 * std::max(1.0, scale)) << "d f" << i << " / d x" << j;
    }
  }
}

// Every derivative check at every state; the parameters `at_a_switch` are left to the caller
// (finite_differences.hpp).
template <NeuronModel M, class States>
void expect_derivatives_match_differences(const M& model, const States& states, Drive drive = {},
                                          const std::vector<std::string_view>& at_a_switch = {}) {
  for (const auto& x : states) {
    expect_jacobian_matches_differences(model, x, drive);
    expect_input_gradient_matches_differences(model, x, drive);
    expect_state_derivatives_match_differences(model, x, drive, state_jacobian(model, x, drive));
    expect_dual_jacobian_equals_analytic(model, x, drive);
    expect_parameter_derivatives_match_differences(model, x, drive, parameter_jacobian(model, x, drive),
                                                   at_a_switch);
  }
}

// The model of a preset, with the preset's parameters.
template <class M>
M preset_model(std::string_view preset_name) {
  const Preset& preset = find_preset(preset_name);
  return std::get<M>(make_model(preset.model, preset.parameters));
}

TEST(Derivatives, Izhikevich2003MatchFiniteDifferences) {
  const std::vector<Izhikevich2003::State> states{{-65.0, -13.0}, {-50.0, 0.0}, {25.0, 5.0}, {-80.0, -20.0}};
  expect_derivatives_match_differences(Izhikevich2003{}, states, {10.0, 0.0});
  expect_derivatives_match_differences(preset_model<Izhikevich2003>("izh2004-G"), states, {2.0, 0.075});
  expect_derivatives_match_differences(preset_model<Izhikevich2003>("izh2004-R"), states);
  expect_derivatives_match_differences(preset_model<Izhikevich2003>("izh2004-T"), states, {80.0, 0.0});
}

TEST(Derivatives, Izhikevich2007MatchFiniteDifferencesOnEveryBranch) {
  // Each cell at states on both sides of its switches (b_switch_v = -65 mV, vb = -55 mV), away from them.
  // u_cubic = 0 is itself a switch (above it the cubic rule replaces b (v - vr)): there the dual derivative is
  // that of the plain side, which does not depend on u_cubic.
  const std::vector<Izhikevich2007::State> states{
      {-60.0, 0.0}, {-45.0, 30.0}, {30.0, 200.0}, {-70.0, -50.0}, {-66.0, 10.0}, {-50.0, 5.0}, {-80.0, -100.0}};
  const auto u_cubic_column = [](const Izhikevich2007& model, const Izhikevich2007::State& x) {
    return Izhikevich2007::State(parameter_jacobian(model, x, {}).col(14));  // a copy: the matrix is a temporary
  };
  ASSERT_EQ(Izhikevich2007::parameters[14].info.name, "u_cubic");
  for (std::string_view cell : {"izh2007-RS", "izh2007-IB", "izh2007-CH", "izh2007-LTS", "izh2007-FS", "izh2007-TC",
                                "izh2007-RTN"}) {
    SCOPED_TRACE(cell);
    const Izhikevich2007 model = preset_model<Izhikevich2007>(cell);
    if (model.u_cubic == 0.0) {
      expect_derivatives_match_differences(model, states, {100.0, 0.0}, {"u_cubic"});
      for (const auto& x : states) EXPECT_TRUE(u_cubic_column(model, x).isZero(0.0));
    } else {
      expect_derivatives_match_differences(model, states, {100.0, 0.0});
    }
  }
  expect_derivatives_match_differences(Izhikevich2007{}, states, {70.0, 0.0}, {"u_cubic"});
}

TEST(Derivatives, FitzHughNagumoMatchFiniteDifferences) {
  const std::vector<FitzHughNagumo::State> states{{-1.2, -0.6}, {0.5, 0.3}, {2.0, 1.0}, {-2.1, 0.4}};
  expect_derivatives_match_differences(FitzHughNagumo{}, states, {0.3, 0.0});
  expect_derivatives_match_differences(FitzHughNagumo{{.a = -0.3, .b = 2.5, .e = 0.5, .v_threshold = 0.0}}, states);
}

TEST(Derivatives, ScaledFitzHughNagumoMatchFiniteDifferences) {
  const std::vector<ScaledFitzHughNagumo::State> states{{-64.0, -0.6}, {-30.0, 0.3}, {0.0, 1.0}, {-82.0, 0.4}};
  expect_derivatives_match_differences(ScaledFitzHughNagumo{}, states, {100.0, 0.0});
}

TEST(Derivatives, FitzHughNagumoLienardMatchFiniteDifferences) {
  const std::vector<FitzHughNagumoLienard::State> states{{-1.2, 0.0}, {0.5, 1.3}, {2.0, -0.7}, {-2.1, 0.4}};
  expect_derivatives_match_differences(FitzHughNagumoLienard{}, states, {0.5, 0.02});
  expect_derivatives_match_differences(FitzHughNagumoLienard{{.a = 0.2, .b = 1.5, .e = 0.3, .v_threshold = 1.0}},
                                       states, {-0.4, -1.0});
}

TEST(Derivatives, LeakyIntegrateAndFireMatchFiniteDifferences) {
  const std::vector<LeakyIntegrateAndFire::State> states{LeakyIntegrateAndFire::State::Constant(-70.0),
                                                         LeakyIntegrateAndFire::State::Constant(-51.0)};
  expect_derivatives_match_differences(LeakyIntegrateAndFire{}, states, {600.0, 0.0});
  expect_derivatives_match_differences(preset_model<LeakyIntegrateAndFire>("lif-refractory"), states);
}

TEST(Derivatives, AdExMatchFiniteDifferencesUpToTheUpstroke) {
  // The last state is past the cutoff, where the exponential is held at its V_peak value.
  const std::vector<AdEx::State> states{{-70.0, 0.0}, {-52.0, 50.0}, {-45.0, 100.0}, {-35.0, -20.0}, {5.0, 10.0}};
  for (std::string_view set : {"adex-tonic", "adex-initial-burst", "adex-irregular"}) {
    SCOPED_TRACE(set);
    expect_derivatives_match_differences(preset_model<AdEx>(set), states, {400.0, 0.0});
  }
}

TEST(Derivatives, HodgkinHuxleyMatchFiniteDifferencesIncludingTheSingularPoints) {
  const std::vector<HodgkinHuxley::State> states{
      HodgkinHuxley{}.default_initial_state(),
      {-40.0, 0.3, 0.5, 0.4},           // alpha_m's 0/0
      {-55.0, 0.1, 0.6, 0.3},           // alpha_n's 0/0
      {-40.0 + 1e-7, 0.3, 0.5, 0.4},    // just beside them
      {-55.0 - 1e-9, 0.1, 0.6, 0.3},
      {-39.9, 0.3, 0.5, 0.4},           // the series' edge |x| = 1e-2 on either side
      {-40.1, 0.3, 0.5, 0.4},
      {-54.9, 0.1, 0.6, 0.3},
      {20.0, 0.9, 0.2, 0.7},
      {-80.0, 0.01, 0.8, 0.2},
  };
  expect_derivatives_match_differences(HodgkinHuxley{}, states, {10.0, 0.0});
}

TEST(Derivatives, ReducedHodgkinHuxleyMatchFiniteDifferencesIncludingTheSingularPoints) {
  const std::vector<HodgkinHuxleyReduced::State> states{
      HodgkinHuxleyReduced{}.default_initial_state(), {-40.0, 0.4}, {-55.0, 0.3}, {-40.0 + 1e-7, 0.4},
      {-39.9, 0.35}, {-54.9, 0.3}, {20.0, 0.7}, {-80.0, 0.2}};
  expect_derivatives_match_differences(HodgkinHuxleyReduced{}, states, {10.0, 0.0});
  HodgkinHuxleyReduced steeper;
  steeper.h_intercept = 0.89;
  steeper.h_slope = 1.1;
  expect_derivatives_match_differences(steeper, states);
}

}  // namespace
