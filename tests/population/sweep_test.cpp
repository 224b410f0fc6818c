// A sweep's runs against the single-neuron solver, run by run, and its determinism over threads.
#include "neurodyn/population/sweep.hpp"

#include <gtest/gtest.h>

#include <string>

#include "neurodyn/solve/solve.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace {

using namespace neurodyn;

SweepSpec tonic_grid() {
  SweepSpec spec;
  const Preset& preset = find_preset("izh2004-A");
  spec.model = preset.model;
  spec.parameters = preset.parameters;
  spec.v0 = -70.0;
  spec.axes = {{"I", {0, 3, 6, 9, 12, 15, 18}}, {"d", {2, 5, 8}}};
  spec.stimulus_start_ms = 50;
  spec.duration_ms = 400;
  spec.dt_ms = 1.0 / 32;
  return spec;
}

TEST(Sweep, EveryRunSpikesAsItDoesAlone) {
  for (const std::string method : {"rk4", "euler"}) {
    SCOPED_TRACE(method);
    SweepSpec spec = tonic_grid();
    spec.method = method;
    const SweepResult result = run_sweep(spec);
    ASSERT_EQ(result.rows.size(), 21u);
    std::size_t total = 0;
    for (const SweepRow& row : result.rows) {
      ASSERT_TRUE(row.ok) << row.message;
      Problem problem;
      problem.model = make_model(spec.model, [&] {
        ParameterValues values = spec.parameters;
        values["d"] = row.values[1];
        return values;
      }());
      problem.initial_state = initial_state(problem.model, spec.v0, spec.u0);
      problem.stimulus =
          parse_stimulus(fmt::format("step:amp={},start={}", row.values[0], spec.stimulus_start_ms), spec.duration_ms);
      problem.t_end = spec.duration_ms;
      MethodOptions options;
      options.name = method;
      options.dt = spec.dt_ms;
      const Solution alone = solve(problem, options);
      EXPECT_EQ(row.spike_times_ms, alone.spike_times) << "I = " << row.values[0] << ", d = " << row.values[1];
      total += row.spike_times_ms.size();
    }
    EXPECT_GT(total, 100u);
  }
}

TEST(Sweep, GridOrderSummariesAndPatterns) {
  const SweepResult result = run_sweep(tonic_grid());
  // The first axis varies slowest.
  EXPECT_EQ(result.rows[0].values, (std::vector<double>{0, 2}));
  EXPECT_EQ(result.rows[1].values, (std::vector<double>{0, 5}));
  EXPECT_EQ(result.rows[3].values, (std::vector<double>{3, 2}));
  EXPECT_EQ(result.rows[0].spike_count, 0);
  EXPECT_EQ(result.rows[0].pattern, FiringPattern::silent);
  const SweepRow& strong = result.rows[20];  // I = 18, d = 8
  ASSERT_GE(strong.window_spike_count, 2);
  const auto& t = strong.spike_times_ms;
  std::vector<double> window;
  for (double time : t) {
    if (time >= 200) window.push_back(time);
  }
  EXPECT_DOUBLE_EQ(strong.steady_rate_hz,
                   1000.0 * static_cast<double>(window.size() - 1) / (window.back() - window.front()));
  EXPECT_EQ(strong.pattern, FiringPattern::tonic_spiking);
}

TEST(Sweep, SameRunsForOneAndTwoThreadsAndASampleFromItsSeed) {
  SweepSpec spec = tonic_grid();
  spec.samples = 37;
  spec.threads = 1;
  const SweepResult one = run_sweep(spec);
  spec.threads = 2;
  const SweepResult two = run_sweep(spec);
  ASSERT_EQ(one.rows.size(), 37u);
  for (std::size_t i = 0; i < one.rows.size(); ++i) {
    EXPECT_EQ(one.rows[i].values, two.rows[i].values);
    EXPECT_EQ(one.rows[i].spike_times_ms, two.rows[i].spike_times_ms);
    EXPECT_GE(one.rows[i].values[0], 0.0);
    EXPECT_LE(one.rows[i].values[0], 18.0);
  }
  spec.seed = 2;
  EXPECT_NE(sweep_points(spec)[0], one.rows[0].values);
}

}  // namespace
