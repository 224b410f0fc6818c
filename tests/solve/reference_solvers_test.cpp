// The adaptive and reference solvers: independent methods agree on spike times at their tightest
// settings, each adaptive method's error falls as its tolerance falls while its work grows, and the
// Parker-Sochacki series has the order it is cut at.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/error.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

// 1 s of tonic spiking: the cell of 2004 panel A, 14 from 10 ms.
Problem tonic_spiking_one_second() { return testing::problem_from_preset("izh2004-A", 1000.0); }

MethodOptions adaptive(const std::string& name, double tolerance) {
  MethodOptions options = testing::method(name, 0.01);
  options.rtol = options.atol = tolerance;
  return options;
}

double worst_spike_error(const Solution& solution, const Solution& reference) {
  if (solution.spike_times.size() != reference.spike_times.size()) return INFINITY;
  double worst = 0.0;
  for (std::size_t i = 0; i < reference.spike_times.size(); ++i) {
    worst = std::max(worst, std::abs(solution.spike_times[i] - reference.spike_times[i]));
  }
  return worst;
}

TEST(ReferenceSolvers, CvodeDormandPrinceAndParkerSochackiAgreeOnSpikeTimes) {
  const Problem problem = tonic_spiking_one_second();
  const Solution cvode = testing::solve_spikes_only(problem, adaptive("cvode-bdf", 1e-12));
  const Solution cvode_adams = testing::solve_spikes_only(problem, adaptive("cvode-adams", 1e-12));
  const Solution dopri = testing::solve_spikes_only(problem, adaptive("dopri5", 1e-13));
  MethodOptions series = adaptive("parker-sochacki", 1e-15);
  series.dt = 0.05;
  const Solution parker_sochacki = testing::solve_spikes_only(problem, series);
  for (const Solution* solution : {&cvode, &cvode_adams, &dopri, &parker_sochacki}) {
    ASSERT_TRUE(solution->ok()) << solution->message;
  }
  ASSERT_EQ(dopri.spike_times.size(), 39u);
  EXPECT_LT(worst_spike_error(cvode, dopri), 1e-6);
  EXPECT_LT(worst_spike_error(cvode_adams, dopri), 1e-6);
  EXPECT_LT(worst_spike_error(parker_sochacki, dopri), 1e-6);
  EXPECT_LT(worst_spike_error(cvode, parker_sochacki), 1e-6);
}

struct ToleranceCase {
  const char* method;
  std::vector<double> tolerances;
};

class AdaptiveMethod : public ::testing::TestWithParam<ToleranceCase> {};

// Against the Parker-Sochacki series at 1e-15 (independent of every method under test).
TEST_P(AdaptiveMethod, ErrorFallsWithToleranceAndWorkGrows) {
  const auto& [name, tolerances] = GetParam();
  const Problem problem = testing::problem_from_preset("izh2004-A", 300.0);
  MethodOptions series = adaptive("parker-sochacki", 1e-15);
  series.dt = 0.05;
  const Solution reference = testing::solve_spikes_only(problem, series);
  ASSERT_TRUE(reference.ok());
  double previous_error = INFINITY;
  long long previous_work = 0;
  for (const double tolerance : tolerances) {
    const Solution solution = testing::solve_spikes_only(problem, adaptive(name, tolerance));
    ASSERT_TRUE(solution.ok()) << solution.message;
    const double error = worst_spike_error(solution, reference);
    const long long work = solution.statistics.rhs_evaluations;
    EXPECT_LT(error, previous_error) << name << " at " << tolerance;
    EXPECT_GT(work, previous_work) << name << " at " << tolerance;
    previous_error = error;
    previous_work = work;
  }
  EXPECT_LT(previous_error, 1e-4) << name;
}

INSTANTIATE_TEST_SUITE_P(
    Methods, AdaptiveMethod,
    ::testing::Values(ToleranceCase{"dopri5", {1e-4, 1e-6, 1e-8, 1e-10}},
                      ToleranceCase{"exprb32", {1e-3, 1e-5, 1e-7}},
                      ToleranceCase{"rosenbrock-euler", {1e-3, 1e-5, 1e-7}},
                      ToleranceCase{"cvode-bdf", {1e-4, 1e-6, 1e-8, 1e-10}},
                      ToleranceCase{"cvode-adams", {1e-4, 1e-6, 1e-8, 1e-10}}),
    [](const ::testing::TestParamInfo<ToleranceCase>& method) {
      std::string name = method.param.method;
      std::erase(name, '-');
      return name;
    });

// Cut at p terms, the series is a method of order p (the Riccati problem of convergence_order_test).
TEST(ParkerSochacki, SeriesCutAtOrderPConvergesAtOrderP) {
  Problem problem;
  problem.model = make_model("izh2003", {{"a", 0.0}});
  problem.initial_state = {-60.0, -10.0};
  problem.stimulus = parse_stimulus("const:amp=3", 5.0);
  problem.t_end = 5.0;
  const double p = 125.0, q = (140.0 + 10.0 + 3.0) / 0.04;
  const double r1 = -p / 2 - std::sqrt(p * p / 4 - q), r2 = -p / 2 + std::sqrt(p * p / 4 - q);
  const double ratio = (-60.0 - r2) / (-60.0 - r1) * std::exp(0.04 * (r2 - r1) * problem.t_end);
  const double exact_v = (r2 - ratio * r1) / (1.0 - ratio);
  for (const int order : {2, 3, 5}) {
    std::vector<double> steps, errors;
    for (double dt = 0.2; steps.size() < 4; dt /= 2) {
      MethodOptions options = testing::method("parker-sochacki", dt);
      options.series_order = order;
      const Solution solution = solve(problem, options);
      ASSERT_TRUE(solution.ok()) << solution.message;
      steps.push_back(dt);
      errors.push_back(std::abs(solution.state(solution.sample_count() - 1, 0) - exact_v));
    }
    EXPECT_NEAR(testing::observed_order(steps, errors), order, 0.2)
        << order << ": errors " << errors[0] << " .. " << errors[3];
  }
}

TEST(ParkerSochacki, RefusesModelsAndInputsThatAreNotPolynomial) {
  Problem adex = testing::problem_from_preset("adex-tonic");
  EXPECT_THROW(solve(adex, testing::method("parker-sochacki", 0.01)), InputError);
  Problem sine = testing::problem_from_preset("izh2004-A");
  sine.stimulus = parse_stimulus("sine:amp=5,freq_hz=10", sine.t_end);
  try {
    solve(sine, testing::method("parker-sochacki", 0.01));
    FAIL();
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("sine"));
  }
}

}  // namespace
}  // namespace neurodyn
