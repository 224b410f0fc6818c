// Input events (input_events.hpp): a current event delivered at t gives the spikes of the same jump written as
// a stimulus step at t; state jumps and exponentially decaying event currents follow the leaky integrator's
// closed-form solution; a jump to the cutoff fires at the event's time; events during a refractory hold are
// lost; a run with events advanced in pieces gives the same bits; bad events are refused by name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/integration.hpp"
#include "neurodyn/solve/sensitivity.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

using ::testing::HasSubstr;

constexpr int v = 0;
constexpr int current = InputEvent::input_current;

MethodOptions named(const std::string& name) {
  MethodOptions options = testing::method(name, 0.01);
  options.rtol = options.atol = 1e-10;
  return options;
}

// The leaky integrator at rest (E_L = -70 mV, tau_m = C / g_L = 250 pF / 25 nS = 10 ms), no stimulus.
Problem lif_at_rest(double t_end) {
  Problem problem;
  problem.model = make_model("lif");
  problem.initial_state = {-70.0};
  problem.t_end = t_end;
  return problem;
}

// The sample nearest t (the fixed-step grid holds every multiple of 0.01 ms).
double v_at(const Solution& solution, double t) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < solution.sample_count(); ++i) {
    if (std::abs(solution.times[i] - t) < std::abs(solution.times[best] - t)) best = i;
  }
  EXPECT_NEAR(solution.times[best], t, 1e-9);
  return solution.state(best, 0);
}

TEST(InputEvents, CurrentEventGivesTheSpikesOfTheSameStimulusStep) {
  // Izhikevich's RS cell (2003) on its step of 10, with 4 more from t = 37.3 ms (off every grid) and 3 less
  // from t = 81.25 ms: once as events, once as stimulus steps.
  Problem with_events = testing::problem_from_preset("izh2004-A", 200.0);
  Problem with_steps = with_events;
  const std::string base = with_events.stimulus.spec();
  with_steps.stimulus = parse_stimulus(base + "+step:amp=4,start=37.3+step:amp=-3,start=81.25", 200.0);
  with_events.events.events = {{81.25, current, -3.0}, {37.3, current, 4.0}};  // any order
  for (const char* name : {"rk4", "euler", "dopri5", "cvode-bdf"}) {
    SCOPED_TRACE(name);
    const Solution a = testing::solve_spikes_only(with_events, named(name));
    const Solution b = testing::solve_spikes_only(with_steps, named(name));
    ASSERT_EQ(a.status, SolveStatus::ok) << a.message;
    ASSERT_EQ(b.spike_times.size(), a.spike_times.size());
    ASSERT_GT(a.spike_times.size(), 3u);
    for (std::size_t i = 0; i < a.spike_times.size(); ++i) EXPECT_NEAR(a.spike_times[i], b.spike_times[i], 1e-12);
    const Solution without = testing::solve_spikes_only(testing::problem_from_preset("izh2004-A", 200.0), named(name));
    EXPECT_NE(without.spike_times, a.spike_times);  // the events do act
  }
}

TEST(InputEvents, StateJumpsFollowTheLeakyIntegratorsClosedForm) {
  // v - E_L = 5 exp(-(t - 3) / 10) after the jump at 3 ms, plus 8 exp(-(t - 7) / 10) after the one at 7 ms.
  Problem problem = lif_at_rest(20.0);
  problem.events.events = {{3.0, v, 5.0}, {7.0, v, 8.0}};
  const auto exact = [](double t) {
    return -70.0 + (t >= 3.0 ? 5.0 * std::exp(-(t - 3.0) / 10.0) : 0.0) +
           (t >= 7.0 ? 8.0 * std::exp(-(t - 7.0) / 10.0) : 0.0);
  };
  const Solution solution = solve(problem, named("rk4"));
  ASSERT_EQ(solution.status, SolveStatus::ok) << solution.message;
  for (double t : {2.99, 3.0, 3.01, 5.5, 6.99, 7.0, 12.34, 20.0}) EXPECT_NEAR(v_at(solution, t), exact(t), 1e-9) << t;
  EXPECT_TRUE(solution.spike_times.empty());
}

TEST(InputEvents, DecayingEventCurrentFollowsTheClosedForm) {
  // C v' = -g_L (v - E_L) + w exp(-s / tau_s) from rest, s = t - 2 ms: with tau_m = 10 ms and tau_s = 5 ms,
  // v - E_L = (w / C) (exp(-s / tau_s) - exp(-s / tau_m)) / (1 / tau_m - 1 / tau_s).
  Problem problem = lif_at_rest(30.0);
  problem.events.current_decay = 5.0;
  problem.events.events = {{2.0, current, 100.0}};
  const auto exact = [](double t) {
    const double s = t - 2.0;
    return s < 0.0 ? -70.0 : -70.0 + (100.0 / 250.0) * (std::exp(-s / 5.0) - std::exp(-s / 10.0)) / (0.1 - 0.2);
  };
  for (const char* name : {"rk4", "dopri5"}) {
    SCOPED_TRACE(name);
    RecordOptions record;
    if (std::string(name) == "dopri5") record.output_step = 0.01;
    const Solution solution = solve(problem, named(name), record);
    ASSERT_EQ(solution.status, SolveStatus::ok) << solution.message;
    for (double t : {1.0, 2.0, 4.0, 8.93, 17.5, 30.0}) {
      EXPECT_NEAR(v_at(solution, t), exact(t), 1e-7) << t;
    }
  }
  EXPECT_NEAR(exact(2.0 + 10.0 * std::log(2.0)), -69.0, 1e-12);  // the peak: 4 (1/2 - 1/4) = 1 mV
}

TEST(InputEvents, AJumpToTheCutoffFiresAtTheEventsTimeAndAHoldLosesJumps) {
  // lif: threshold -50 mV, reset -70 mV held 2 ms. The jump at 4 ms fires; the one at 5 ms falls in the hold
  // and is lost; the one at the hold's end (6 ms) acts.
  Problem problem = lif_at_rest(12.0);
  problem.events.events = {{4.0, v, 25.0}, {5.0, v, 10.0}, {6.0, v, 6.0}};
  for (const char* name : {"rk4", "dopri5", "cvode-bdf"}) {
    SCOPED_TRACE(name);
    const Solution solution = solve(problem, named(name));
    ASSERT_EQ(solution.status, SolveStatus::ok) << solution.message;
    EXPECT_EQ(solution.spike_times, std::vector<double>{4.0});
    const double after = solution.states.back();  // at 12 ms: 6 exp(-6 / 10) above rest
    EXPECT_NEAR(after, -70.0 + 6.0 * std::exp(-0.6), 1e-7);
  }
  // Izhikevich 2003: a jump of v past vpeak = 30 mV fires there and resets to c.
  Problem rs = testing::problem_from_preset("izh2004-A", 50.0);
  rs.stimulus = Stimulus{};
  rs.events.events = {{12.5, v, 120.0}};
  const Solution solution = solve(rs, named("rk4"));
  ASSERT_EQ(solution.status, SolveStatus::ok) << solution.message;
  EXPECT_EQ(solution.spike_times, std::vector<double>{12.5});
}

TEST(InputEvents, RunAdvancedInPiecesGivesTheSameBits) {
  Problem problem = testing::problem_from_preset("izh2004-A", 120.0);
  problem.events.current_decay = 3.0;
  for (int k = 0; k < 40; ++k) problem.events.events.push_back({2.9 * k + 0.13, current, 9.0});
  problem.events.events.push_back({55.55, v, 7.0});
  for (const char* name : {"rk4", "dopri5", "cvode-bdf"}) {
    SCOPED_TRACE(name);
    const Solution whole = solve(problem, named(name));
    Integration integration(problem, named(name));
    for (int i = 1; i <= 13; ++i) integration.advance_to(120.0 * (i - 0.3) / 13.0);
    integration.advance_to(120.0);
    const Solution pieces = integration.finish();
    ASSERT_EQ(whole.status, SolveStatus::ok) << whole.message;
    EXPECT_EQ(whole.spike_times, pieces.spike_times);
    EXPECT_EQ(whole.states, pieces.states);
    EXPECT_GT(whole.spike_times.size(), 2u);
  }
}

void expect_refused(const Problem& problem, const MethodOptions& options, const std::string& text) {
  try {
    solve(problem, options);
    ADD_FAILURE() << "not refused: " << text;
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr(text));
  }
}

TEST(InputEvents, BadEventsAreRefusedByName) {
  const Problem base = lif_at_rest(10.0);
  Problem problem = base;
  problem.events.events = {{1.0, v, 1.0}, {2.0, current, NAN}};
  expect_refused(problem, named("rk4"), "event 2 (time = 2 ms, weight = nan)");
  problem.events.events = {{1.0, 1, 1.0}};
  expect_refused(problem, named("rk4"), "event 1 targets state variable 1; model lif has 1 (0 to 0)");
  problem.events.events = {{0.0, v, 1.0}};
  expect_refused(problem, named("rk4"), "event 1 jumps v at t_start = 0 ms");
  problem.events.events = {{1.0, current, 1.0}};
  problem.events.current_decay = 0.0;
  expect_refused(problem, named("rk4"), "events current_decay = 0 ms is not allowed");
  problem.events.current_decay = 4.0;
  expect_refused(problem, named("parker-sochacki"), "event currents decaying with tau = 4 ms");
  Problem rs = testing::problem_from_preset("izh2004-A", 50.0);
  rs.events.events = {{10.0, current, 1.0}};
  expect_refused(rs, testing::method("izhikevich-published", 0.25, SpikeHandling::grid),
                 "cannot apply input events at their times");
  EXPECT_THROW(solve_sensitivities(rs, named("rk4"), {}), InputError);
}

}  // namespace
}  // namespace neurodyn
