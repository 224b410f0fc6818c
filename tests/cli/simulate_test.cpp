// `neurodyn simulate` end to end: the files of a successful run, their reproducibility through the written
// config.toml, the precedence of flags, and a numerical blow-up that ends with a status instead of garbage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// docs/reference.md 2.1: the 2007 RS cell, v0 = -60, u0 = 0, 70 pA from t = 100 ms, converged spike times (ms)
// to the three decimals given there.
const std::vector<std::string> rs_problem{
    "--model", "izh2007", "--v0", "-60", "--u0", "0", "--stimulus", "step:amp=70,start=100", "--t-end", "1000"};
const std::vector<std::string> rk4_located{"--method", "rk4", "--dt", "0.01", "--spikes", "located"};
const std::vector<double> rs_converged_spikes{200.022, 347.810, 495.664, 643.519, 791.373, 939.228};
constexpr double published_decimals = 1e-3;

std::vector<std::string> with(std::vector<std::string> arguments, const std::vector<std::string>& more) {
  arguments.insert(arguments.end(), more.begin(), more.end());
  return arguments;
}

void expect_near_all(const std::vector<double>& actual, const std::vector<double>& expected, double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], tolerance) << "spike " << i;
}

TEST_F(CliTest, SimulateWritesTraceSpikesConfigAndFigures) {
  const auto result = run(with(with({"simulate"}, rs_problem), with(rk4_located, {"--out", "out"})));
  ASSERT_EQ(result.exit_status, 0) << result.err;

  expect_near_all(read_spike_times(out() / "spikes.csv"), rs_converged_spikes, published_decimals);
  const std::string trace = read_text(out() / "trace.csv");
  EXPECT_TRUE(trace.starts_with("#"));
  EXPECT_THAT(trace, HasSubstr("\ntime_ms,v_mV,"));
  EXPECT_THAT(read_text(out() / "config.toml"), HasSubstr("izh2007"));
  for (const std::string figure : {"voltage", "recovery", "phase"}) {
    EXPECT_TRUE(read_text(out() / (figure + ".png")).starts_with("\x89PNG")) << figure;
    EXPECT_THAT(read_text(out() / (figure + ".svg")), HasSubstr("<svg")) << figure;
  }
  EXPECT_THAT(result.out, HasSubstr("spike_count: 6\n"));
  for (const std::string statistic : {"steps", "rhs evaluations", "rejected steps", "Newton failures"}) {
    EXPECT_THAT(result.err, HasSubstr(statistic));
  }
  EXPECT_THAT(files_in(out()), ::testing::Not(::testing::Contains(::testing::HasSubstr(".tmp"))));
}

TEST_F(CliTest, WrittenConfigRepeatsTheRunByteForByte) {
  ASSERT_EQ(run({"simulate", "--preset", "izh2004-C", "--no-figures", "--out", "first"}).exit_status, 0);
  const auto again = run({"simulate", "--config", "first/config.toml", "--no-figures", "--out", "second"});
  ASSERT_EQ(again.exit_status, 0) << again.err;

  EXPECT_EQ(read_text(directory() / "second" / "spikes.csv"), read_text(directory() / "first" / "spikes.csv"));
  EXPECT_EQ(read_text(directory() / "second" / "trace.csv"), read_text(directory() / "first" / "trace.csv"));
  EXPECT_FALSE(read_spike_times(directory() / "first" / "spikes.csv").empty());
}

TEST_F(CliTest, EventsFileActsAsTheSameStimulusStepAndTravelsInTheConfig) {
  // Panel A's cell with 4 more from 37.3 ms: as an event of the input current, and as a stimulus step.
  std::filesystem::create_directories(directory() / "inputs");
  write_text(directory() / "inputs" / "events.csv", "time_ms,target,weight\n# one jump of the current\n37.3,I,4\n");
  const auto stepped = run({"simulate", "--preset", "izh2004-A", "--stimulus",
                            "step:amp=10,start=10+step:amp=4,start=37.3", "--no-figures", "--out", "stepped"});
  ASSERT_EQ(stepped.exit_status, 0) << stepped.err;
  const auto evented = run({"simulate", "--preset", "izh2004-A", "--stimulus", "step:amp=10,start=10", "--events",
                            "inputs/events.csv", "--no-figures", "--out", "evented"});
  ASSERT_EQ(evented.exit_status, 0) << evented.err;
  const auto expected = read_spike_times(directory() / "stepped" / "spikes.csv");
  const auto actual = read_spike_times(directory() / "evented" / "spikes.csv");
  expect_near_all(actual, expected, 1e-12);
  const std::string config = read_text(directory() / "evented" / "config.toml");
  EXPECT_THAT(config, HasSubstr("\n[events]\n"));
  EXPECT_THAT(config, HasSubstr("current_decay = inf"));
  const auto again = run({"simulate", "--config", "evented/config.toml", "--no-figures", "--out", "again"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  EXPECT_EQ(read_text(directory() / "again" / "spikes.csv"), read_text(directory() / "evented" / "spikes.csv"));

  // A relative file in a config starts in the config's folder; a target the model lacks is refused by name.
  write_text(directory() / "inputs" / "run.toml", "preset = \"izh2004-A\"\n[events]\nfile = \"bad.csv\"\n");
  write_text(directory() / "inputs" / "bad.csv", "5,w,1\n");
  const auto refused = run({"simulate", "--config", "inputs/run.toml", "--no-figures", "--out", "refused"});
  EXPECT_EQ(refused.exit_status, 2) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("bad.csv line 1: target 'w' is not an input of model izh2003; allowed: I, v, u"));
  EXPECT_FALSE(std::filesystem::exists(directory() / "refused"));
}

TEST_F(CliTest, FlagOverridesConfigFile) {
  const auto config = (source_dir / "examples" / "izh2007-rs.toml").string();
  const auto result = run({"simulate", "--config", config, "--t-end", "400", "--no-figures", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  // The first two spikes of docs/reference.md 2.1 fall before 400 ms.
  expect_near_all(read_spike_times(out() / "spikes.csv"), {200.022, 347.810}, published_decimals);
}

TEST_F(CliTest, FlagOverridesPresetStimulus) {
  // Panel A of the 2004 figure without input after t = 10 ms: a resting cell, no spikes.
  const auto result = run({"simulate", "--preset", "izh2004-A", "--stimulus", "none", "--no-figures", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(read_spike_times(out() / "spikes.csv"), IsEmpty());
}

std::size_t data_rows(const std::string& csv) {
  std::size_t rows = 0;
  std::istringstream lines(csv);
  for (std::string line; std::getline(lines, line);) rows += !line.starts_with('#');
  return rows - 1;  // the header row
}

TEST_F(CliTest, RecordEveryThinsTheTraceButKeepsEverySpike) {
  ASSERT_EQ(run({"simulate", "--preset", "izh2004-C", "--no-figures", "--out", "all"}).exit_status, 0);
  ASSERT_EQ(
      run({"simulate", "--preset", "izh2004-C", "--record-every", "10", "--no-figures", "--out", "tenth"}).exit_status,
      0);
  const auto all_rows = static_cast<double>(data_rows(read_text(directory() / "all" / "trace.csv")));
  const auto tenth_rows = static_cast<double>(data_rows(read_text(directory() / "tenth" / "trace.csv")));
  EXPECT_NEAR(tenth_rows, all_rows / 10.0, 0.01 * all_rows / 10.0);
  EXPECT_EQ(read_spike_times(directory() / "tenth" / "spikes.csv"),
            read_spike_times(directory() / "all" / "spikes.csv"));
}

TEST_F(CliTest, PublishedSchemeReproducesThePublishedSpikeCount) {
  // docs/reference.md 1.2: panel A has 5 spikes under the published scheme; its spike times are step labels
  // t_k = k * 0.25 ms.
  const auto result =
      run({"simulate", "--preset", "izh2004-A", "--method", "izhikevich-published", "--no-figures", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto spikes = read_spike_times(out() / "spikes.csv");
  ASSERT_EQ(spikes.size(), 5u);
  for (double time : spikes) EXPECT_DOUBLE_EQ(time / 0.25, std::round(time / 0.25)) << time;
}

TEST_F(CliTest, SimulateNamesTheFiringPattern) {
  // The 2004 figure labels panel C "tonic bursting" and panel D "phasic bursting".
  for (const auto& [preset, label] : {std::pair{"izh2004-C", "tonic bursting"}, {"izh2004-D", "phasic bursting"}}) {
    const auto result = run({"simulate", "--preset", preset, "--method", "izhikevich-published", "--no-figures",
                             "--out", "out"});
    ASSERT_EQ(result.exit_status, 0) << result.err;
    EXPECT_NE(result.out.find(std::string("firing_pattern: ") + label), std::string::npos) << result.out;
  }
}

TEST_F(CliTest, BlowUpEndsWithStatusAndWritesNothing) {
  // FitzHugh-Nagumo under forward Euler with a step far beyond its stability limit: the cubic term makes
  // v grow without bound until it is no longer finite.
  const auto result = run(
      {"simulate", "--model", "fhn", "--v0", "2", "--method", "euler", "--dt", "5", "--t-end", "200", "--out", "out"});
  EXPECT_EQ(result.exit_status, 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("error: unstable: "));
  EXPECT_THAT(files_in(out()), IsEmpty());
}

TEST_F(CliTest, NewtonFailureEndsWithStatusAndWritesNothing) {
  // docs/reference.md 5.4: backward Euler at dt = 0.5 ms has no real solution during the upstroke.
  const auto result =
      run(with({"simulate"}, with(rs_problem, {"--method", "backward-euler", "--dt", "0.5", "--out", "out"})));
  EXPECT_EQ(result.exit_status, 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("error: newton"));
  EXPECT_THAT(result.err, HasSubstr("Newton failures 1"));
  EXPECT_THAT(files_in(out()), IsEmpty());
}

TEST_F(CliTest, RunawayBurstEndsWithItsOwnExitStatus) {
  // docs/reference.md 1.2: under an accurate solver panel T's burst accelerates without bound.
  const auto result = run({"simulate", "--preset", "izh2004-T", "--no-figures", "--out", "out"});
  EXPECT_EQ(result.exit_status, 3) << result.err;
  EXPECT_THAT(result.err, HasSubstr("error: runaway-burst: "));
  EXPECT_THAT(files_in(out()), IsEmpty());
}

std::vector<double> trace_times(const std::string& csv) {
  std::vector<double> times;
  std::istringstream lines(csv);
  std::string line;
  while (std::getline(lines, line) && line.starts_with('#')) {
  }
  while (std::getline(lines, line)) times.push_back(std::stod(line.substr(0, line.find(','))));
  return times;
}

TEST_F(CliTest, OutputStepRecordsAnAdaptiveMethodOnAUniformGrid) {
  const std::vector<std::string> dopri5{"simulate", "--preset", "izh2004-A", "--method", "dopri5", "--rtol", "1e-9",
                                        "--atol", "1e-9", "--no-figures"};
  ASSERT_EQ(run(with(dopri5, {"--out", "own"})).exit_status, 0);
  const auto result = run(with(dopri5, {"--output-step", "0.5", "--out", "grid"}));
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto times = trace_times(read_text(directory() / "grid" / "trace.csv"));
  ASSERT_EQ(times.size(), 201u);  // 0, 0.5, ..., 100 ms
  for (std::size_t k = 0; k < times.size(); ++k) EXPECT_NEAR(times[k], 0.5 * static_cast<double>(k), 1e-12);
  // Recording on a grid changes what is kept, not the solution.
  EXPECT_EQ(read_spike_times(directory() / "grid" / "spikes.csv"),
            read_spike_times(directory() / "own" / "spikes.csv"));
  EXPECT_THAT(read_text(directory() / "grid" / "config.toml"), HasSubstr("output_step = 0.5"));
  const auto again = run({"simulate", "--config", "grid/config.toml", "--no-figures", "--out", "again"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  EXPECT_EQ(read_text(directory() / "again" / "trace.csv"), read_text(directory() / "grid" / "trace.csv"));
}

TEST_F(CliTest, SeriesOrderOneIsForwardEuler) {
  // The power series cut after its first term is x + h f(x): forward Euler, step for step.
  const auto series = run(with(with({"simulate"}, rs_problem), {"--method", "parker-sochacki", "--series-order", "1",
                                                                  "--dt", "0.1", "--spikes", "grid", "--no-figures",
                                                                  "--out", "series"}));
  ASSERT_EQ(series.exit_status, 0) << series.err;
  ASSERT_EQ(run(with(with({"simulate"}, rs_problem),
                     {"--method", "euler", "--dt", "0.1", "--spikes", "grid", "--no-figures", "--out", "euler"}))
                .exit_status,
            0);
  const auto series_spikes = read_spike_times(directory() / "series" / "spikes.csv");
  expect_near_all(series_spikes, read_spike_times(directory() / "euler" / "spikes.csv"), 1e-9);
  EXPECT_EQ(series_spikes.size(), rs_converged_spikes.size());
  EXPECT_THAT(read_text(directory() / "series" / "config.toml"), HasSubstr("series_order = 1"));
}

TEST_F(CliTest, MaxRateBoundEndsAFastBurstAsARunaway) {
  // Panel C (tonic bursting): bursts of spikes a few ms apart. Under a bound of 100 Hz the first burst is a
  // runaway; under the default bound (10 kHz) the run ends ok.
  const auto bounded =
      run({"simulate", "--preset", "izh2004-C", "--max-rate-hz", "100", "--no-figures", "--out", "out"});
  EXPECT_EQ(bounded.exit_status, 3) << bounded.err;
  EXPECT_THAT(bounded.err, AllOf(HasSubstr("error: runaway-burst: "), HasSubstr("max_rate_hz = 100")));
  EXPECT_THAT(files_in(out()), IsEmpty());
  EXPECT_EQ(run({"simulate", "--preset", "izh2004-C", "--no-figures", "--out", "out"}).exit_status, 0);
}

TEST_F(CliTest, VersionAndHelpExitZero) {
  const auto version = run({"--version"});
  EXPECT_EQ(version.exit_status, 0);
  EXPECT_THAT(version.out, ::testing::MatchesRegex("[0-9]+\\.[0-9]+\\.[0-9]+\n"));
  const auto help = run({"simulate", "--help"});
  EXPECT_EQ(help.exit_status, 0);
  EXPECT_THAT(help.out, HasSubstr("--out"));
}

}  // namespace
}  // namespace neurodyn::cli_test
