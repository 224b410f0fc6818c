// The scaled FitzHugh-Nagumo model against the dimensionless one it maps (model/fitzhugh_nagumo_scaled.hpp): with
// identity maps the same right-hand side, and with v = v_offset + v_scale x, t = tau s, J = gain I the same
// solution, mapped: the same spikes at tau times the dimensionless times, v the mapped dimensionless v.
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

MethodOptions converged() {
  MethodOptions options = testing::method("dopri5", 0.01);
  options.rtol = options.atol = 1e-11;
  return options;
}

TEST(ScaledFitzHughNagumo, IdentityMapsAreTheDimensionlessModel) {
  const auto scaled = std::get<ScaledFitzHughNagumo>(
      make_model("fhn-scaled", {{"tau", 1.0}, {"v_offset", 0.0}, {"v_scale", 1.0}, {"gain", 1.0}, {"v_threshold", 1.0}}));
  const FitzHughNagumo plain;
  for (const auto& x : {StateVector<2>(-1.2, -0.6), StateVector<2>(0.4, 0.8), StateVector<2>(1.9, 1.1)}) {
    for (const double current : {0.0, 0.5}) {
      EXPECT_EQ(scaled.rhs(x, {current, 0.0}), plain.rhs(x, {current, 0.0}));
      EXPECT_EQ(scaled.jacobian(x, {current, 0.0}), plain.jacobian(x, {current, 0.0}));
    }
  }
  EXPECT_EQ(scaled.default_initial_state(), plain.default_initial_state());
}

TEST(ScaledFitzHughNagumo, FiresAtTauTimesTheDimensionlessTimesWithTheMappedVoltage) {
  constexpr double tau = 2.5, offset = -45.0, scale = 22.0, gain = 0.004;
  Problem plain;
  plain.model = make_model("fhn");
  plain.initial_state = initial_state(plain.model, std::nullopt, std::nullopt);
  plain.stimulus = parse_stimulus("step:amp=0.5,start=10", 300.0);
  plain.t_end = 300.0;
  Problem scaled;
  scaled.model = make_model("fhn-scaled", {{"tau", tau},
                                           {"v_offset", offset},
                                           {"v_scale", scale},
                                           {"gain", gain},
                                           {"v_threshold", offset + scale * 1.0}});
  scaled.initial_state = initial_state(scaled.model, std::nullopt, std::nullopt);
  EXPECT_NEAR(scaled.initial_state[0], offset + scale * plain.initial_state[0], 1e-12);
  EXPECT_NEAR(scaled.initial_state[1], plain.initial_state[1], 1e-12);
  scaled.stimulus = parse_stimulus(fmt::format("step:amp={},start={}", 0.5 / gain, 10.0 * tau), 300.0 * tau);
  scaled.t_end = 300.0 * tau;

  RecordOptions grid;
  grid.output_step = 0.5;
  const Solution x = solve(plain, converged(), grid);
  RecordOptions scaled_grid;
  scaled_grid.output_step = 0.5 * tau;
  const Solution v = solve(scaled, converged(), scaled_grid);
  ASSERT_TRUE(x.ok() && v.ok());
  ASSERT_GE(x.spike_times.size(), 5u);
  ASSERT_EQ(v.spike_times.size(), x.spike_times.size());
  for (std::size_t k = 0; k < x.spike_times.size(); ++k) {
    EXPECT_NEAR(v.spike_times[k], tau * x.spike_times[k], 1e-7) << "spike " << k;
  }
  ASSERT_EQ(v.sample_count(), x.sample_count());
  for (std::size_t i = 0; i < x.sample_count(); ++i) {
    ASSERT_NEAR(v.state(i, 0), offset + scale * x.state(i, 0), 1e-7) << "t = " << x.times[i];
    ASSERT_NEAR(v.state(i, 1), x.state(i, 1), 1e-8) << "t = " << x.times[i];
  }
}

TEST(ScaledFitzHughNagumo, ThePresetFiresWhenTheDimensionlessPresetDoes) {
  const Solution plain = testing::solve_spikes_only(testing::problem_from_preset("fhn-classic"), converged());
  const Solution scaled = testing::solve_spikes_only(testing::problem_from_preset("fhn-scaled-classic"), converged());
  ASSERT_EQ(scaled.spike_times.size(), plain.spike_times.size());
  for (std::size_t k = 0; k < plain.spike_times.size(); ++k) {
    EXPECT_NEAR(scaled.spike_times[k], plain.spike_times[k], 1e-7);
  }
}

}  // namespace
}  // namespace neurodyn
