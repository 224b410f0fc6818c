// Numerical failures come back as a status and a message naming time and state; bad options are InputErrors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "neurodyn/error.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

using ::testing::HasSubstr;

Problem regular_spiking_2007() {
  Problem problem;
  problem.model = make_model("izh2007", {});
  problem.initial_state = {-60.0, 0.0};
  problem.stimulus = parse_stimulus("step:amp=70,start=100", 1000.0);
  problem.t_end = 1000.0;
  return problem;
}

// docs/reference.md 5, mistake 4: during the upstroke, x1 = x0 + h f(x1) has no real solution for dt >= 0.5 ms.
TEST(Failures, BackwardEulerWithoutSolutionIsReportedNotAccepted) {
  const Solution solution = solve(regular_spiking_2007(), testing::method("backward-euler", 0.5));
  EXPECT_EQ(solution.status, SolveStatus::newton_failure);
  EXPECT_THAT(solution.message, HasSubstr("t = "));
  EXPECT_THAT(solution.message, HasSubstr("v = "));
  EXPECT_GE(solution.statistics.newton_failures, 1);
  EXPECT_TRUE(solution.spike_times.empty());
}

// The implicit equation of the first upstroke, written out: with u1 = (u0 + h a b (v1 - vr)) / (1 + h a),
// h/C [k (v1 - vr)(v1 - vt) - u1 + I] - (v1 - v0) = 0 is a quadratic in v1; a step that Newton gave up on
// must be one where that quadratic has no real root.
TEST(Failures, TheFailedStepReallyHasNoSolution) {
  const Solution solution = solve(regular_spiking_2007(), testing::method("backward-euler", 0.5));
  ASSERT_EQ(solution.status, SolveStatus::newton_failure);
  const double h = 0.5, C = 100, k = 0.7, vr = -60, vt = -40, a = 0.03, b = -2, I = 70;
  const double v0 = solution.state(solution.sample_count() - 1, 0);
  const double u0 = solution.state(solution.sample_count() - 1, 1);
  // Quadratic A v^2 + B v + C0 = 0 in v1.
  const double hu = h * a / (1 + h * a);
  const double A = h / C * k;
  const double B = h / C * (-k * (vr + vt) - hu * b) - 1.0;
  const double C0 = h / C * (k * vr * vt - u0 / (1 + h * a) + hu * b * vr + I) + v0;
  // The last recorded sample is the start of the failed step only if the failure happened right after it:
  // the discriminant is checked at that state.
  EXPECT_LT(B * B - 4 * A * C0, 0.0) << "v0 = " << v0 << " u0 = " << u0;
}

TEST(Failures, BackwardEulerCanRetryWithSmallerSteps) {
  MethodOptions options = testing::method("backward-euler", 0.5);
  options.newton_failure = NewtonFailurePolicy::halve_step;
  const Solution solution = solve(regular_spiking_2007(), options);
  ASSERT_TRUE(solution.ok()) << solution.message;
  EXPECT_GE(solution.statistics.newton_failures, 1);
  EXPECT_GE(solution.statistics.rejected_steps, 1);
  EXPECT_GE(solution.spike_times.size(), 5u);
}

// Explicit RK4 is unstable near the v^2 blow-up at large steps (docs/reference.md section 4): the run ends with a
// status instead of garbage.
TEST(Failures, BlowUpEndsWithUnstableStatus) {
  Problem problem = testing::problem_from_preset("izh2004-A");
  const Solution solution = solve(problem, testing::method("rk4", 2.0));
  EXPECT_EQ(solution.status, SolveStatus::unstable);
  EXPECT_THAT(solution.message, HasSubstr("diverged"));
  EXPECT_THAT(solution.message, HasSubstr("t = "));
}

TEST(Failures, InvalidOptionsAreInputErrors) {
  const Problem problem = testing::problem_from_preset("izh2004-A");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const double dt : {0.0, -0.1, nan, 1000.0}) {
    EXPECT_THROW(solve(problem, testing::method("rk4", dt)), InputError) << dt;
  }
  EXPECT_THROW(solve(problem, testing::method("leapfrog", 0.1)), InputError);
  Problem bad_state = problem;
  bad_state.initial_state[0] = nan;
  EXPECT_THROW(solve(bad_state, testing::method("rk4", 0.1)), InputError);
  bad_state.initial_state[0] = 40.0;  // above the cutoff
  try {
    solve(bad_state, testing::method("rk4", 0.1));
    FAIL();
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("v = 40"));
  }
  try {
    solve(problem, testing::method("rk4", 1000.0));
    FAIL();
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("dt = 1000"));
    EXPECT_THAT(error.what(), HasSubstr("duration"));
  }
}

TEST(Failures, StepBudgetIsAStatus) {
  MethodOptions options = testing::method("rk4", 0.01);
  options.max_steps = 100;
  const Solution solution = solve(testing::problem_from_preset("izh2004-A"), options);
  EXPECT_EQ(solution.status, SolveStatus::max_steps);
}

}  // namespace
}  // namespace neurodyn
