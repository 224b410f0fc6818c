// Sampled inputs are integrated exactly: the Ornstein-Uhlenbeck noise and a table are linear between their
// samples and bend at each, and every method ends its steps on the samples, so methods keep their order on
// them. The quadratic integrate-and-fire neuron driven by each, against CVODE Adams at 1e-13 (an independent
// implementation): rk4 converges at order 4 and Dormand-Prince held at a fixed step at order 5 (straddling a
// bend would cost both their order), and adaptive Dormand-Prince at a tight tolerance agrees with the
// reference without rejecting most of its steps.
#include <gtest/gtest.h>

#include <cmath>

#include "at_fixed_step.hpp"
#include "make_integration_run.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "problems.hpp"
#include "quadratic_integrate_and_fire.hpp"

namespace neurodyn {
namespace {

using Model = testing::QuadraticIntegrateAndFire;
constexpr double t_end = 8.0;

// A noisy drive around I = 1 (the model fires about every 2.3 time units), a sample every 0.25.
Stimulus noise_input() { return parse_stimulus("noise:mean=1,sigma=0.6,tau=1,seed=11,sample_step=0.25", t_end); }

// A table with rows at uneven times, I between 0.4 and 1.8.
Stimulus table_input() {
  CurrentTable table;
  for (double t = 0.0; t <= t_end + 1.0; t += 0.37 + 0.05 * std::sin(7.0 * t)) {
    table.times.push_back(t);
    table.currents.push_back(1.1 + 0.7 * std::sin(1.3 * t));
  }
  return Stimulus({table});
}

Problem problem_with(Stimulus stimulus) {
  Problem problem;
  problem.initial_state = {Model{}.v_reset};
  problem.t_end = t_end;
  problem.stimulus = std::move(stimulus);
  return problem;
}

Solution run_registered(const Problem& problem, const MethodOptions& options) {
  const Model model;
  const RecordOptions record;
  auto run = detail::make_integration_run(model, problem, options, record);
  run->advance_to(problem.t_end);
  return run->finish();
}

template <class Stepper>
Solution run_at_fixed_step(const Problem& problem, double dt) {
  const Model model;
  MethodOptions options;
  options.dt = dt;
  const RecordOptions record;
  detail::DrivenRun<Model, detail::FixedStepDriver<Model, Stepper>> run(model, problem, options, record);
  run.advance_to(problem.t_end);
  return run.finish();
}

// The largest difference of the spike times, the spike counts equal.
double spike_error(const Solution& solution, const Solution& reference) {
  EXPECT_TRUE(solution.ok()) << solution.message;
  EXPECT_EQ(solution.spike_times.size(), reference.spike_times.size());
  if (solution.spike_times.size() != reference.spike_times.size()) return 1.0;
  double error = 0.0;
  for (std::size_t i = 0; i < solution.spike_times.size(); ++i) {
    error = std::max(error, std::abs(solution.spike_times[i] - reference.spike_times[i]));
  }
  return error;
}

class SampledInput : public ::testing::TestWithParam<const char*> {
 protected:
  Problem problem() const { return problem_with(std::string_view(GetParam()) == "noise" ? noise_input() : table_input()); }
};

TEST_P(SampledInput, Rk4AndDormandPrinceAtAFixedStepKeepTheirOrders) {
  const Problem sampled = problem();
  const Solution reference = run_registered(sampled, method_at("cvode-adams", 1e-13));
  ASSERT_TRUE(reference.ok()) << reference.message;
  ASSERT_GE(reference.spike_times.size(), 3u);

  const double rk4 = testing::observed_order_over_ladder(0.04, [&](double dt) {
    return spike_error(run_registered(sampled, method_at("rk4", dt)), reference);
  });
  EXPECT_NEAR(rk4, 4.0, 0.3);
  const double dopri5 = testing::observed_order_over_ladder(0.04, [&](double dt) {
    return spike_error(run_at_fixed_step<testing::AtFixedStep<detail::DormandPrince54>>(sampled, dt), reference);
  });
  EXPECT_NEAR(dopri5, 5.0, 0.3);
}

TEST_P(SampledInput, AdaptiveDormandPrinceConvergesWithoutRejectingMostSteps) {
  const Problem sampled = problem();
  const Solution reference = run_registered(sampled, method_at("cvode-adams", 1e-13));
  const Solution tight = run_registered(sampled, method_at("dopri5", 1e-10));
  EXPECT_LT(spike_error(tight, reference), 1e-7);
  EXPECT_LT(tight.statistics.rejected_steps, tight.statistics.steps / 10)
      << tight.statistics.rejected_steps << " rejected for " << tight.statistics.steps << " steps";
}

INSTANTIATE_TEST_SUITE_P(NoiseAndTable, SampledInput, ::testing::Values("noise", "table"));

}  // namespace
}  // namespace neurodyn
