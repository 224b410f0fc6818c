#include "neurodyn/pinn/event_pinn.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/pinn/pinn_score.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

Problem problem_of(std::string_view model, ParameterValues parameters, std::vector<double> initial,
                   std::string_view stimulus, double t_end) {
  Problem problem;
  problem.model = make_model(model, parameters);
  problem.initial_state = std::move(initial);
  problem.stimulus = parse_stimulus(stimulus, t_end);
  problem.t_end = t_end;
  return problem;
}

// Izhikevich 2003's regular spiking cell at I = 10 from v = -65, u = -13.
Problem regular_spiking(double t_end) { return problem_of("izh2003", {}, {-65.0, -13.0}, "const:amp=10", t_end); }

TEST(EventPinn, RegularSpikingCellOver100msHasEverySpikeWithinAHundredthOfAMillisecond) {
  const Problem problem = regular_spiking(100.0);
  const EventPinnRun run = run_event_pinn(problem, {});
  ASSERT_TRUE(run.trace.ok()) << run.trace.message;
  const Solution reference = converged_reference(problem, 0.1);
  const PinnScore score = score_against(run.trace, reference);
  ASSERT_EQ(score.reference_spike_count, 3u);
  ASSERT_EQ(score.spike_count, score.reference_spike_count);
  EXPECT_LT(score.max_spike_error_ms, 0.01);
  EXPECT_LT(score.max_v_error, 1e-3);  // mV, between spikes, on times no window trained on
  EXPECT_LT(score.max_u_error, 1e-4);
  EXPECT_EQ(score.scored_points, 1000u - 3u * 20u);  // 1 ms on either side of each spike skipped
  for (const EventWindow& window : run.windows) {
    EXPECT_LE(window.validation_residual, EventPinnOptions{}.training.residual_tolerance);
  }
}

TEST(EventPinn, AStoppedRunResumesFromTheWindowsKeptToTheSameResult) {
  const Problem problem = regular_spiking(60.0);
  const EventPinnRun whole = run_event_pinn(problem, {});
  ASSERT_TRUE(whole.trace.ok()) << whole.trace.message;
  const auto path = std::filesystem::temp_directory_path() / fmt::format("neurodyn-event-checkpoint-{}", ::getpid());
  TrainingCheckpoint checkpoint{path, "problem and settings", 0.0, false};  // kept after every window
  struct Stopped {};
  std::size_t spikes_when_stopped = 0;
  const auto stop_at_window_12 = [&, windows = 0](const EventWindow&, double, std::size_t spikes) mutable {
    if (++windows == 12) {
      spikes_when_stopped = spikes;
      throw Stopped{};
    }
  };
  EXPECT_THROW(run_event_pinn(problem, {}, stop_at_window_12, checkpoint), Stopped);
  ASSERT_GE(spikes_when_stopped, 1u);  // the checkpoint holds a spike and a reset
  checkpoint.resume = true;
  const EventPinnRun resumed = run_event_pinn(problem, {}, {}, checkpoint);
  EXPECT_EQ(resumed.trace.times, whole.trace.times);
  EXPECT_EQ(resumed.trace.states, whole.trace.states);
  EXPECT_EQ(resumed.trace.spike_times, whole.trace.spike_times);
  ASSERT_EQ(resumed.windows.size(), whole.windows.size());
  for (std::size_t i = 0; i < whole.windows.size(); ++i) {
    EXPECT_EQ(resumed.windows[i].start_ms, whole.windows[i].start_ms);
    EXPECT_EQ(resumed.windows[i].validation_residual, whole.windows[i].validation_residual);
  }
  checkpoint.identity = "another problem";
  try {
    run_event_pinn(problem, {}, {}, checkpoint);
    FAIL() << "another run's checkpoint accepted";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("written by a run of another problem or other settings"));
  }
  std::filesystem::remove(path);
}

TEST(EventPinn, LeakyIntegrateAndFireSpikesAtItsClosedFormTimes) {
  // tau = C / g_L = 10 ms, R I = 600 pA / 25 nS = 24 mV: from v_reset = E_L the threshold 20 mV above is reached
  // after T = tau ln(24 / 4); then a refractory hold of t_ref = 2 ms.
  const Problem problem = problem_of("lif", {}, {-70.0}, "const:amp=600", 100.0);
  const EventPinnRun run = run_event_pinn(problem, {});
  ASSERT_TRUE(run.trace.ok()) << run.trace.message;
  const double period = 10.0 * std::log(6.0);
  ASSERT_EQ(run.trace.spike_times.size(), 5u);  // 17.9, 37.8, 57.8, 77.7, 97.6 ms
  for (std::size_t k = 0; k < run.trace.spike_times.size(); ++k) {
    EXPECT_NEAR(run.trace.spike_times[k], static_cast<double>(k + 1) * period + static_cast<double>(k) * 2.0, 1e-8);
  }
  // Held at v_reset during the refractory period.
  for (std::size_t i = 0; i < run.trace.sample_count(); ++i) {
    const double since = run.trace.times[i] - run.trace.spike_times.front();
    if (since > 0.0 && since < 2.0) {
      EXPECT_EQ(run.trace.state(i, 0), -70.0);
    }
  }
}

TEST(EventPinn, FitzHughNagumoWithoutResetFollowsTheReference) {
  const Problem problem = problem_of("fhn", {}, {-1.0, 1.0}, "const:amp=0.5", 100.0);
  const EventPinnRun run = run_event_pinn(problem, {});
  ASSERT_TRUE(run.trace.ok()) << run.trace.message;
  const PinnScore score = score_against(run.trace, converged_reference(problem, 0.1));
  ASSERT_GT(score.reference_spike_count, 1u);
  EXPECT_EQ(score.spike_count, score.reference_spike_count);
  EXPECT_LT(score.max_spike_error_ms, 1e-4);
  EXPECT_LT(score.max_v_error, 1e-4);
}

TEST(EventPinn, TheSameSeedGivesTheSameSpikesAndAnotherSeedOtherHiddenUnits) {
  const Problem problem = regular_spiking(30.0);
  const EventPinnRun first = run_event_pinn(problem, {});
  const EventPinnRun again = run_event_pinn(problem, {});
  EXPECT_EQ(first.trace.spike_times, again.trace.spike_times);
  EXPECT_EQ(first.trace.states, again.trace.states);
  EventPinnOptions other;
  other.seed = 2;
  const EventPinnRun reseeded = run_event_pinn(problem, other);
  ASSERT_EQ(reseeded.trace.spike_times.size(), first.trace.spike_times.size());
  EXPECT_NE(reseeded.trace.states, first.trace.states);
  EXPECT_NEAR(reseeded.trace.spike_times[0], first.trace.spike_times[0], 1e-6);
}

TEST(EventPinn, AWindowThatCannotMeetTheBoundEndsTheRunWithAMessage) {
  EventPinnOptions options;
  options.training.residual_tolerance = 1e-30;
  options.min_window_ms = 1.0;
  const EventPinnRun run = run_event_pinn(regular_spiking(20.0), options);
  EXPECT_EQ(run.trace.status, SolveStatus::step_too_small);
  EXPECT_NE(run.trace.message.find("the window at t = 0.000000 ms was not accepted"), std::string::npos)
      << run.trace.message;
  EXPECT_NE(run.trace.message.find("above the bound 1e-30"), std::string::npos) << run.trace.message;
}

TEST(EventPinn, BadOptionsAndEventsAreRefusedNamingTheField) {
  const auto message = [](auto&& change, const Problem& problem) {
    EventPinnOptions options;
    change(options);
    try {
      run_event_pinn(problem, options);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  const Problem problem = regular_spiking(10.0);
  EXPECT_EQ(message([](EventPinnOptions& o) { o.window_ms = 0.0; }, problem),
            "window_ms = 0: must be a positive number of ms");
  EXPECT_EQ(message([](EventPinnOptions& o) { o.window_ms = -2.0; }, problem),
            "window_ms = -2: must be a positive number of ms");
  EXPECT_EQ(message([](EventPinnOptions& o) { o.training.collocation_points = 10; }, problem),
            "collocation_points = 10: must be at least hidden_units and at most 10000");
  EXPECT_EQ(message([](EventPinnOptions& o) { o.training.max_iterations = 0; }, problem),
            "max_iterations = 0: must be between 1 and 1000");
  Problem with_events = problem;
  with_events.events.events.push_back({5.0, InputEvent::input_current, 1.0});
  EXPECT_EQ(message([](EventPinnOptions&) {}, with_events),
            "events: the event-driven PINN takes its input from the stimulus only; remove the events");
}

}  // namespace
}  // namespace neurodyn
