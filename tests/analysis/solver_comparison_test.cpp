// The solver comparison against what is known independently: the references agree, the fitted orders are
// the methods' classical orders, and the failures of docs/reference.md 5 show up as statuses.
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/analysis/solver_comparison.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

Problem regular_spiking_2007(double t_end) {
  Problem problem;
  problem.model = make_model("izh2007", {});
  problem.initial_state = {-60.0, 0.0};
  problem.t_end = t_end;
  problem.stimulus = parse_stimulus("step:amp=70,start=100", t_end);
  return problem;
}

TEST(SolverComparison, LadderRowsFittedOrdersAndReferenceAgreement) {
  ComparisonOptions options;
  options.methods = {"euler", "rk4", "backward-euler", "dopri5"};
  options.steps = {0.5, 0.1, 0.05, 0.02, 0.01};
  options.tolerances = {1e-5, 1e-7, 1e-9};
  options.repeats = 1;
  const ComparisonReport report = compare_solvers(regular_spiking_2007(400.0), options);

  EXPECT_EQ(report.reference_method, "cvode-adams");
  EXPECT_EQ(report.cross_check_method, "parker-sochacki");
  ASSERT_EQ(report.reference_spike_times.size(), 2u);  // 200.022 and 347.810 (docs/reference.md 2.1)
  EXPECT_NEAR(report.reference_spike_times[0], 200.022, 1e-3);
  EXPECT_LT(report.reference_agreement_ms, 1e-8);
  EXPECT_EQ(report.runs.size(), 3u * 5u + 3u);

  for (const auto& summary : report.summaries) {
    if (summary.method == "euler") {
      EXPECT_NEAR(summary.fitted_order, 1.0, 0.2);
    }
    if (summary.method == "rk4") {
      EXPECT_NEAR(summary.fitted_order, 4.0, 0.3);
    }
    if (summary.method == "backward-euler") {
      // Newton finds no solution during the upstroke at 0.5 ms (docs/reference.md 5, mistake 4).
      EXPECT_LT(summary.largest_reliable_step_ms, 0.5);
    }
  }
  bool saw_newton_failure = false;
  for (const auto& run : report.runs) {
    if (run.method == "backward-euler" && run.setting == 0.5) {
      saw_newton_failure = run.status == SolveStatus::newton_failure;
    }
    if (run.method == "dopri5" && run.setting == 1e-9) {
      EXPECT_LT(run.max_spike_error_ms, 1e-5);
      EXPECT_LT(run.max_voltage_error_mV, 1e-3);
    }
  }
  EXPECT_TRUE(saw_newton_failure);
  const std::string verdict = comparison_verdict(report);
  EXPECT_NE(verdict.find("agree within"), std::string::npos);
  EXPECT_NE(verdict.find("rk4: largest reliable step"), std::string::npos);
}

// A method that cannot run the problem (the power series needs a polynomial right-hand side; Hodgkin-Huxley
// has exponentials) is reported as not applicable, with the reason, and has no runs: not ten failures.
TEST(SolverComparison, AMethodThatDoesNotApplyIsReportedAsSuch) {
  Problem problem;
  problem.model = make_model("hh", {});
  problem.initial_state = initial_state(problem.model, std::nullopt, std::nullopt);
  problem.t_end = 20.0;
  problem.stimulus = parse_stimulus("step:amp=10,start=5", problem.t_end);
  ComparisonOptions options;
  options.methods = {"parker-sochacki", "rk4"};
  options.steps = {0.02, 0.01};
  options.repeats = 1;
  const ComparisonReport report = compare_solvers(problem, options);
  ASSERT_EQ(report.summaries.size(), 2u);
  EXPECT_NE(report.summaries[0].not_applicable.find("polynomial"), std::string::npos)
      << report.summaries[0].not_applicable;
  EXPECT_TRUE(report.summaries[1].not_applicable.empty());
  for (const auto& run : report.runs) EXPECT_EQ(run.method, "rk4");
  EXPECT_NE(comparison_verdict(report).find("not applicable: parker-sochacki"), std::string::npos);
}

}  // namespace
}  // namespace neurodyn
