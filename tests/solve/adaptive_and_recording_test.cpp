#include <gtest/gtest.h>

#include <cmath>

#include "problems.hpp"

namespace neurodyn {
namespace {

TEST(Recording, SpikesOnlyKeepsNoSamplesAndTheSameSpikes) {
  const Problem problem = testing::problem_from_preset("izh2004-A");
  const MethodOptions options = testing::method("rk4", 0.01);
  const Solution full = solve(problem, options);
  const Solution spikes_only = testing::solve_spikes_only(problem, options);
  EXPECT_EQ(spikes_only.sample_count(), 0u);
  EXPECT_TRUE(spikes_only.states.empty());
  EXPECT_EQ(full.spike_times, spikes_only.spike_times);
  // Every grid point plus the two samples (cutoff and reset state) of each located spike.
  EXPECT_EQ(full.sample_count(), 10001u + 2 * full.spike_times.size());
}

TEST(Recording, EveryKthStepAndCallbackSeeTheGrid) {
  const Problem problem = testing::problem_from_preset("izh2004-A");
  RecordOptions record;
  record.every = 10;
  long long callbacks = 0;
  record.callback = [&](double, std::span<const double> state) {
    ++callbacks;
    EXPECT_EQ(state.size(), 2u);
  };
  const Solution solution = solve(problem, testing::method("rk4", 0.01), record);
  EXPECT_EQ(solution.sample_count(), 1001u);
  EXPECT_NEAR(solution.times[1], 0.1, 1e-12);
  EXPECT_EQ(callbacks, 1001);
}

// A located reset: the recorded pre-reset sample sits exactly on the cutoff, the post-reset one on (c, u + d).
TEST(Recording, LocatedSpikeSamplesLieOnTheCutoffAndTheResetState) {
  const Solution solution = solve(testing::problem_from_preset("izh2004-A"), testing::method("rk4", 0.01));
  ASSERT_FALSE(solution.spike_times.empty());
  for (std::size_t i = 0; i + 1 < solution.sample_count(); ++i) {
    if (solution.times[i] == solution.spike_times[0]) {
      EXPECT_NEAR(solution.state(i, 0), 30.0, 1e-9);
      EXPECT_EQ(solution.times[i + 1], solution.spike_times[0]);
      EXPECT_DOUBLE_EQ(solution.state(i + 1, 0), -65.0);
      EXPECT_DOUBLE_EQ(solution.state(i + 1, 1), solution.state(i, 1) + 6.0);
      return;
    }
  }
  FAIL() << "no sample at the first spike time";
}

}  // namespace
}  // namespace neurodyn

namespace neurodyn {
namespace {

// Adaptive methods and CVODE can record on a uniform grid from their dense output; the values agree with an
// accurate fixed-step run on the same grid, away from spikes (where a tiny spike-time shift is a big jump).
TEST(Recording, AdaptiveMethodsRecordOnAUniformGrid) {
  const Problem problem = testing::problem_from_preset("izh2004-A");
  RecordOptions every_tenth;
  every_tenth.every = 100;  // rk4 at 0.001: one sample per 0.1 ms
  const Solution reference = solve(problem, testing::method("rk4", 0.001), every_tenth);
  ASSERT_EQ(reference.sample_count(), 1001u);
  for (const char* name : {"dopri5", "cvode-bdf", "exprb32"}) {
    MethodOptions options = testing::method(name, 0.01);
    options.rtol = options.atol = 1e-10;
    RecordOptions grid;
    grid.output_step = 0.1;
    const Solution solution = solve(problem, options, grid);
    ASSERT_TRUE(solution.ok()) << solution.message;
    ASSERT_EQ(solution.sample_count(), 1001u) << name;
    double worst = 0.0;
    for (std::size_t i = 0; i < solution.sample_count(); ++i) {
      EXPECT_NEAR(solution.times[i], 0.1 * static_cast<double>(i), 1e-9);
      bool near_spike = false;
      for (const double spike : reference.spike_times) near_spike |= std::abs(solution.times[i] - spike) < 0.5;
      if (!near_spike) worst = std::max(worst, std::abs(solution.state(i, 0) - reference.state(i, 0)));
    }
    EXPECT_LT(worst, 1e-4) << name;
  }
}

}  // namespace
}  // namespace neurodyn
