// Every preset parses and runs with a converged method; the families show the behaviour they are named for.
#include <gtest/gtest.h>

#include "problems.hpp"

namespace neurodyn {
namespace {

TEST(Presets, EveryPresetRunsWithRk4AndLocatedSpikes) {
  for (const Preset& preset : preset_catalog()) {
    SCOPED_TRACE(preset.name);
    const Problem problem = testing::problem_from_preset(preset.name);
    const Solution solution = testing::solve_spikes_only(problem, testing::method("rk4", 0.01));
    // Panel T bursts without bound under an accurate solver (docs/reference.md 1.2): a status, not a hang.
    if (preset.name == "izh2004-T") {
      EXPECT_EQ(solution.status, SolveStatus::runaway_burst) << solution.message;
      continue;
    }
    EXPECT_TRUE(solution.ok()) << solution.message;
  }
}

// The published scheme of panel T stays tame (12 spikes); the accurate solution runs away, and the guard
// stops it after a bounded amount of work.
TEST(Presets, RunawayBurstOfPanelTIsStoppedEarly) {
  const Problem problem = testing::problem_from_preset("izh2004-T");
  const Solution solution = testing::solve_spikes_only(problem, testing::method("rk4", 0.001));
  EXPECT_EQ(solution.status, SolveStatus::runaway_burst);
  EXPECT_NE(solution.message.find("runaway"), std::string::npos);
  EXPECT_LT(solution.statistics.steps, 400'000);  // the span is 350'000 steps of 0.001 ms
  EXPECT_LT(solution.spike_times.size(), 1000u);
}

}  // namespace
}  // namespace neurodyn
