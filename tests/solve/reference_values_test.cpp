// Runs against published reference values and exact formulas (docs/reference.md sections 2.1 and 3).
#include <gtest/gtest.h>

#include <cmath>
#include <fmt/format.h>

#include "problems.hpp"

namespace neurodyn {
namespace {

// docs/reference.md 2.1: the 2007 RS cell, 70 pA from 100 ms, six spikes at these times (converged solution).
TEST(ReferenceValues, Izhikevich2007RegularSpikingSpikeTimes) {
  Problem problem;
  problem.model = make_model("izh2007", {});
  problem.initial_state = {-60.0, 0.0};
  problem.stimulus = parse_stimulus("step:amp=70,start=100", 1000.0);
  problem.t_end = 1000.0;
  const Solution solution = solve(problem, testing::method("rk4", 0.01));
  ASSERT_TRUE(solution.ok()) << solution.message;
  const double expected[] = {200.022, 347.810, 495.664, 643.519, 791.373, 939.228};
  ASSERT_EQ(solution.spike_times.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(solution.spike_times[i], expected[i], 1e-3) << i;
}

// Forward Euler at 1 ms, the "reference" of earlier studies, is late by 2-3 ms per spike (docs/reference.md 2.1).
TEST(ReferenceValues, EulerAtOneMillisecondIsLate) {
  Problem problem;
  problem.model = make_model("izh2007", {});
  problem.initial_state = {-60.0, 0.0};
  problem.stimulus = parse_stimulus("step:amp=70,start=100", 1000.0);
  problem.t_end = 1000.0;
  const Solution accurate = solve(problem, testing::method("rk4", 0.01));
  const Solution euler = solve(problem, testing::method("euler", 1.0, SpikeHandling::grid));
  ASSERT_TRUE(euler.ok()) << euler.message;
  ASSERT_GE(euler.spike_times.size(), 1u);
  EXPECT_GT(euler.spike_times[0] - accurate.spike_times[0], 1.0);
}

// The second-order (Lienard) form of FitzHugh-Nagumo gives the first-order form's v(t), including across a
// jump of the input (where v' jumps and w does not).
TEST(ReferenceValues, FitzHughNagumoSecondOrderFormReproducesFirstOrderVoltage) {
  const double v0 = -1.2, w0 = -0.6, t_end = 200.0;
  const std::string stimulus = "step:amp=0.5,start=20,stop=150";
  Problem first;
  first.model = make_model("fhn", {});
  first.initial_state = {v0, w0};
  first.stimulus = parse_stimulus(stimulus, t_end);
  first.t_end = t_end;
  Problem second = first;
  second.model = make_model("fhn-lienard", {});
  second.initial_state = initial_state(second.model, v0, w0);
  const Solution a = solve(first, testing::method("rk4", 0.01));
  const Solution b = solve(second, testing::method("rk4", 0.01));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a.sample_count(), b.sample_count());
  double worst = 0.0, range = 0.0;
  for (std::size_t i = 0; i < a.sample_count(); ++i) {
    worst = std::max(worst, std::abs(a.state(i, 0) - b.state(i, 0)));
    range = std::max(range, std::abs(a.state(i, 0)));
  }
  EXPECT_GT(range, 1.5);  // it really spikes (v reaches about 2)
  EXPECT_LT(worst, 1e-6);
}

// LIF's simulated rate equals the exact f-I formula (docs/reference.md section 3) with located spikes and the
// refractory hold.
TEST(ReferenceValues, LeakyIntegrateAndFireRateMatchesExactFormula) {
  for (const double current : {600.0, 800.0, 1200.0, 3000.0}) {
    Problem problem;
    problem.model = make_model("lif", {});
    const auto& lif = std::get<LeakyIntegrateAndFire>(problem.model);
    problem.initial_state = {lif.v_reset};
    problem.stimulus = parse_stimulus(fmt::format("const:amp={}", current), 1000.0);
    problem.t_end = 1000.0;
    const Solution solution = testing::solve_spikes_only(problem, testing::method("rk4", 0.01));
    ASSERT_TRUE(solution.ok()) << solution.message;
    ASSERT_GE(solution.spike_times.size(), 3u);
    const auto& spikes = solution.spike_times;
    const double mean_isi = (spikes.back() - spikes.front()) / static_cast<double>(spikes.size() - 1);
    const double exact_hz = lif_exact_rate_hz(lif, current);
    EXPECT_NEAR(1000.0 / mean_isi, exact_hz, 1e-6 * exact_hz) << current;
    // The first spike from reset takes exactly one interval without the refractory period.
    EXPECT_NEAR(spikes.front(), 1000.0 / exact_hz - lif.t_ref, 1e-6);
  }
}

}  // namespace
}  // namespace neurodyn
