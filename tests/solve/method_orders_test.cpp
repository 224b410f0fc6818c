// Every registered method converges at the order its registry entry states (within 0.2), on a model the
// library does not know: the quadratic integrate-and-fire neuron, added as one header and run through the
// registry's own dispatch. Two problems with exact answers: the time of the third spike (I > 0, a blow-up and
// two resets on the way) and v at the end of a smooth run without spikes (I < 0).
//
// Fixed-step methods are run at a ladder of steps. An adaptive method's stated order is the classical order
// of the solution it propagates, measured the classical way: its stepper held at a fixed step (the step-size
// controller off), spikes located on its own dense output where it has one; its error estimate must shrink
// as h^error_order, the exponent its controller assumes. CVODE (variable order) and Parker-Sochacki (an order
// set per step) state no order; the series summed to a fixed number of terms is checked against that number
// on a polynomial model of the library.
#include <gtest/gtest.h>

#include <cmath>

#include "at_fixed_step.hpp"
#include "make_integration_run.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "problems.hpp"
#include "quadratic_integrate_and_fire.hpp"

namespace neurodyn {
namespace {

using testing::QuadraticIntegrateAndFire;

// The two problems: the third spike at I = 1 from v_reset, and v(4) at I = -1 from v = 0.9, where
// v' = v^2 - 1 gives v(t) = -tanh(t - atanh(v0)).
struct QifProblem {
  Problem problem;
  double exact;
  bool spiking;
};

QifProblem spiking_problem() {
  const QuadraticIntegrateAndFire model;
  QifProblem qif{{}, 3.0 * model.period(1.0), true};
  qif.problem.initial_state = {model.v_reset};
  qif.problem.t_end = 3.5 * model.period(1.0);
  qif.problem.stimulus = parse_stimulus("const:amp=1", qif.problem.t_end);
  return qif;
}

QifProblem smooth_problem() {
  constexpr double v0 = 0.9, t_end = 4.0;
  QifProblem qif{{}, -std::tanh(t_end - std::atanh(v0)), false};
  qif.problem.initial_state = {v0};
  qif.problem.t_end = t_end;
  qif.problem.stimulus = parse_stimulus("const:amp=-1", t_end);
  return qif;
}

// The error of one run of `run` (an IntegrationRun) against the problem's exact answer.
double error_of(IntegrationRun& run, const QifProblem& qif) {
  run.advance_to(qif.problem.t_end);
  const Solution solution = run.finish();
  EXPECT_TRUE(solution.ok()) << solution.message;
  if (qif.spiking) {
    EXPECT_EQ(solution.spike_times.size(), 3u);
    return solution.spike_times.size() >= 3 ? std::abs(solution.spike_times[2] - qif.exact) : 1.0;
  }
  EXPECT_TRUE(solution.spike_times.empty());
  return std::abs(solution.states.back() - qif.exact);
}

template <class Stepper>
double error_at_fixed_step(const QifProblem& qif, double dt) {
  using Model = QuadraticIntegrateAndFire;
  using Run = detail::DrivenRun<Model, detail::FixedStepDriver<Model, Stepper>>;
  const Model model;
  MethodOptions options;
  options.dt = dt;
  const RecordOptions record;
  Run run(model, qif.problem, options, record);
  return error_of(run, qif);
}

double error_of_registered(std::string_view method, const QifProblem& qif, double dt) {
  const QuadraticIntegrateAndFire model;
  const MethodOptions options = method_at(method, dt);  // the run refers to its inputs: they outlive it
  const RecordOptions record;
  auto run = detail::make_integration_run(model, qif.problem, options, record);
  return error_of(*run, qif);
}

// Steps in the asymptotic range of each order on each problem, above the rounding floor.
double coarsest_step(int order, const QifProblem& qif) {
  if (order <= 3) return 0.008;
  if (order == 4) return 0.04;
  return qif.spiking ? 0.01 : 0.16;
}

TEST(MethodOrders, EveryFixedStepMethodHasItsStatedOrderOnBothProblems) {
  int checked = 0;
  for (const MethodInfo& info : method_catalog()) {
    if (info.adaptive || info.order == 0 || info.name == "izhikevich-published") continue;
    SCOPED_TRACE(std::string(info.name));
    for (const QifProblem& qif : {spiking_problem(), smooth_problem()}) {
      const double order = testing::observed_order_over_ladder(coarsest_step(info.order, qif), [&](double dt) {
        return error_of_registered(info.name, qif, dt);
      });
      EXPECT_NEAR(order, info.order, 0.2) << (qif.spiking ? "third spike" : "smooth run");
    }
    ++checked;
  }
  EXPECT_EQ(checked, 6);  // euler, backward-euler, midpoint, heun, rk4, exp-rosenbrock-euler
}

// The method's stepper at a fixed step, on both problems; the error estimate of one step from the smooth
// problem's start against h.
template <class Method>
void expect_adaptive_orders() {
  const MethodInfo& info = Method::info;
  SCOPED_TRACE(std::string(info.name));
  ASSERT_TRUE(info.adaptive);
  for (const QifProblem& qif : {spiking_problem(), smooth_problem()}) {
    const double order = testing::observed_order_over_ladder(coarsest_step(info.order, qif), [&](double dt) {
      return error_at_fixed_step<testing::AtFixedStep<Method>>(qif, dt);
    });
    EXPECT_NEAR(order, info.order, 0.2) << (qif.spiking ? "third spike" : "smooth run");
  }

  const QuadraticIntegrateAndFire model;
  const QifProblem qif = smooth_problem();
  const detail::InputPieces input(qif.problem.stimulus, 0.0, qif.problem.t_end);
  const MethodOptions options;
  SolverStatistics statistics;
  detail::SystemView<QuadraticIntegrateAndFire> system(model, input, options, statistics);
  const QuadraticIntegrateAndFire::State start = QuadraticIntegrateAndFire::State::Constant(qif.problem.initial_state[0]);
  const auto slope = system.rhs(0.0, start);
  const double estimate_order = testing::observed_order_over_ladder(0.04, [&](double h) {
    return Method{}.attempt(system, 0.0, start, slope, h).error_norm;
  });
  EXPECT_NEAR(estimate_order, Method::error_order, 0.2) << "error estimate";
}

TEST(MethodOrders, EveryAdaptiveMethodHasItsStatedOrderAtAFixedStep) {
  int checked = 0;
  detail::for_each_method([&](auto method) {
    using Method = decltype(method);
    if constexpr (detail::AdaptiveStepper<Method, QuadraticIntegrateAndFire>) {
      expect_adaptive_orders<Method>();
      ++checked;
    }
    return false;
  });
  EXPECT_EQ(checked, 3);  // rosenbrock-euler, exprb32, dopri5
}

// Parker-Sochacki summed to a fixed number of terms on the 2003 model below threshold (polynomial, smooth):
// against rk4 at a step 100 times finer than the finest here, the order is the number of terms.
TEST(MethodOrders, ParkerSochackiAtAFixedNumberOfTermsHasThatOrder) {
  Problem problem{make_model("izh2003", {}), {-70.0, -14.0}, parse_stimulus("step:amp=1,start=5", 50.0), 0.0, 50.0, {}};
  const auto final_v = [&](const MethodOptions& options) {
    const Solution solution = solve(problem, options);
    EXPECT_TRUE(solution.ok()) << solution.message;
    EXPECT_TRUE(solution.spike_times.empty());
    return solution.states[solution.states.size() - 2];
  };
  const double reference = final_v(method_at("rk4", 1e-3));
  for (const int terms : {2, 3, 4}) {
    SCOPED_TRACE(terms);
    const double order = testing::observed_order_over_ladder(0.4, [&](double dt) {
      MethodOptions series = method_at("parker-sochacki", dt);
      series.series_order = terms;
      return std::abs(final_v(series) - reference);
    });
    EXPECT_NEAR(order, terms, 0.2);
  }
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
