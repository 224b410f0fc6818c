// Integration::advance_to continues a run where it stopped: a run advanced to its end in 1, 7 or 1000 pieces,
// with piece ends off the step grid, gives the same bits (spikes, trace, statistics) as solve(), for a
// fixed-step method, an adaptive one, CVODE and the published scheme.
#include <gtest/gtest.h>

#include "neurodyn/solve/integration.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

Solution in_pieces(const Problem& problem, const MethodOptions& options, int pieces) {
  Integration integration(problem, options);
  const double span = problem.t_end - problem.t_start;
  for (int i = 1; i <= pieces; ++i) {
    // Piece ends at irrational fractions of the span: never on the grid of any step.
    const double fraction = i == pieces ? 1.0 : (static_cast<double>(i) - 0.5 / std::sqrt(2.0)) / pieces;
    const double target = problem.t_start + fraction * span;
    integration.advance_to(target);
    EXPECT_GE(integration.time(), target);
  }
  return integration.finish();
}

void expect_same_bits(const Solution& expected, const Solution& actual) {
  EXPECT_EQ(expected.status, actual.status);
  EXPECT_EQ(expected.spike_times, actual.spike_times);  // exact: operator== on doubles
  EXPECT_EQ(expected.times, actual.times);
  EXPECT_EQ(expected.states, actual.states);
  EXPECT_EQ(expected.statistics.steps, actual.statistics.steps);
  EXPECT_EQ(expected.statistics.rhs_evaluations, actual.statistics.rhs_evaluations);
  EXPECT_EQ(expected.statistics.rejected_steps, actual.statistics.rejected_steps);
}

struct Case {
  std::string preset;
  std::string method;
  double setting;  // dt (ms) or tolerance
};

class ResumableIntegration : public ::testing::TestWithParam<Case> {};

TEST_P(ResumableIntegration, PiecesGiveTheSameBitsAsOneRun) {
  const Case& c = GetParam();
  const Problem problem = testing::problem_from_preset(c.preset);
  const MethodOptions options = method_at(c.method, c.setting);
  const Solution whole = solve(problem, options);
  ASSERT_TRUE(whole.ok()) << whole.message;
  ASSERT_GT(whole.spike_times.size(), 3u);
  for (int pieces : {1, 7, 1000}) {
    SCOPED_TRACE(pieces);
    expect_same_bits(whole, in_pieces(problem, options, pieces));
  }
}

INSTANTIATE_TEST_SUITE_P(Methods, ResumableIntegration,
                         ::testing::Values(Case{"izh2007-RS", "rk4", 0.01}, Case{"izh2007-RS", "dopri5", 1e-8},
                                           Case{"lif-refractory", "backward-euler", 0.05},
                                           Case{"izh2007-RS", "cvode-bdf", 1e-8},
                                           Case{"izh2004-A", "izhikevich-published", 0.25}),
                         [](const auto& test) {
                           std::string name = test.param.method;
                           std::erase(name, '-');
                           return name;
                         });

// A failure ends the run: advance_to keeps returning its status and finish() carries the message.
TEST(ResumableIntegration, AFailureIsFinal) {
  const Problem problem = testing::problem_from_preset("izh2007-RS");
  Integration integration(problem, testing::method("backward-euler", 0.5));
  EXPECT_EQ(integration.advance_to(problem.t_end), SolveStatus::newton_failure);
  EXPECT_EQ(integration.advance_to(problem.t_end), SolveStatus::newton_failure);
  const Solution solution = integration.finish();
  EXPECT_EQ(solution.status, SolveStatus::newton_failure);
  EXPECT_FALSE(solution.message.empty());
}

}  // namespace
}  // namespace neurodyn
