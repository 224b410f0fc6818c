// Every registered fixed-step method converges at the order its registry entry states (within 0.2), on a
// model the library does not know: the quadratic integrate-and-fire neuron, added as one header and run
// through the registry's own dispatch, against its exact period.
#include <gtest/gtest.h>

#include "make_integration_run.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "problems.hpp"
#include "quadratic_integrate_and_fire.hpp"

namespace neurodyn {
namespace {

using testing::QuadraticIntegrateAndFire;

constexpr double input = 1.0;

// The time of the third spike from v_reset, by `method` at step dt (ms in the model's time unit).
double third_spike(const std::string& method, double dt) {
  const QuadraticIntegrateAndFire model;
  Problem problem;  // the model travels beside the problem: it is not one of AnyModel's
  problem.initial_state = {model.v_reset};
  problem.t_end = 3.5 * model.period(input);
  problem.stimulus = parse_stimulus("const:amp=1", problem.t_end);
  RecordOptions record;
  record.mode = RecordOptions::Mode::spikes_only;
  const MethodOptions options = method_at(method, dt);  // the run refers to its inputs: they outlive it
  auto run = detail::make_integration_run(model, problem, options, record);
  run->advance_to(problem.t_end);
  const Solution solution = run->finish();
  EXPECT_TRUE(solution.ok()) << solution.message;
  EXPECT_EQ(solution.spike_times.size(), 3u) << method << " dt " << dt;
  return solution.spike_times.size() >= 3 ? solution.spike_times[2] : 0.0;
}

TEST(MethodOrders, EveryFixedStepMethodHasItsStatedOrderOnQuadraticIntegrateAndFire) {
  const double exact = 3.0 * QuadraticIntegrateAndFire{}.period(input);
  int checked = 0;
  for (const MethodInfo& info : method_catalog()) {
    if (info.adaptive || info.order == 0 || info.name == "izhikevich-published") continue;
    SCOPED_TRACE(std::string(info.name));
    std::vector<double> steps, errors;
    // Steps in the asymptotic range of each order, above the rounding floor.
    const double coarsest = info.order >= 4 ? 0.04 : 0.008;
    for (double dt = coarsest; dt >= coarsest / 8; dt /= 2) {
      steps.push_back(dt);
      errors.push_back(std::abs(third_spike(std::string(info.name), dt) - exact));
    }
    EXPECT_NEAR(testing::observed_order(steps, errors), info.order, 0.2);
    ++checked;
  }
  EXPECT_EQ(checked, 6);  // euler, backward-euler, midpoint, heun, rk4, exp-rosenbrock-euler
}

// Methods that need something the model does not offer say so.
TEST(MethodOrders, MethodsThatDoNotApplyAreRefused) {
  Problem problem;
  problem.initial_state = {-1.0};
  problem.stimulus = parse_stimulus("const:amp=1", problem.t_end);
  const QuadraticIntegrateAndFire model;
  const RecordOptions record;
  for (std::string_view method : {"parker-sochacki", "izhikevich-published"}) {
    const MethodOptions options = method_at(method, 0.01);
    EXPECT_THROW(detail::make_integration_run(model, problem, options, record), InputError) << method;
  }
}

}  // namespace
}  // namespace neurodyn
