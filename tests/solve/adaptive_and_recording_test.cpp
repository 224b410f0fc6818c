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
