// `neurodyn fit` end to end on the shipped ABF recording: the files it writes, a fitted model that `simulate` runs
// to the same spikes, Ctrl-C keeping the best so far and --resume finishing the fit, and bad input refused before
// any work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

const std::string abf = (source_dir / "tests" / "data" / "recordings" / "171116sh_0018.abf").string();

// A small fit: sweeps 8 and 10 (100 and 150 pA) trained, 9 (125 pA) held out, the first 700 ms (holding and the
// first step), a, b and d free.
std::string small_fit(long long evaluations, const std::string& extra = "") {
  return fmt::format(R"(preset = "izh2007-RS"
[method]
name = "dopri5"
[data]
recording = "{}"
training = [8, 10]
held_out = [9]
window = [0.0, 700.0]
[free]
a = "default"
b = [-5.0, 10.0]
d = "default"
[optimizer]
name = "cmaes"
evaluations = {}
seed = 4
{})",
                     abf, evaluations, extra);
}

// The rows of a CSV file after its '#' lines.
std::vector<std::vector<std::string>> csv_file_rows(const std::filesystem::path& path) {
  return csv_rows(read_text(path));
}

using FitCommand = CliTest;

// A Pareto fit: the front in pareto.csv (every objective on both sets, the free parameters) and its figure; the
// summary counts its members.
TEST_F(FitCommand, AParetoFitWritesItsFront) {
  write_text(directory() / "fit.toml", small_fit(16, "population = 8\n"));
  const auto result = run(
      {"fit", "--config", "fit.toml", "--out", "out", "--optimizer", "nsga2", "--objective", "features,spike_times"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = named_values(result.out);
  ASSERT_TRUE(values.contains("pareto_front")) << result.out;
  const auto front = csv_file_rows(out() / "pareto.csv");
  ASSERT_EQ(front.size(), 1u + static_cast<std::size_t>(std::stoi(values.at("pareto_front"))));
  EXPECT_EQ(front[0], (std::vector<std::string>{"evaluation", "training_features", "training_spike_times",
                                                "held_out_features", "held_out_spike_times", "a", "b", "d"}));
  EXPECT_TRUE(std::filesystem::exists(out() / "pareto.png"));
  EXPECT_TRUE(std::filesystem::exists(out() / "pareto.svg"));
}

TEST_F(FitCommand, WritesTheFitAndAModelThatSimulateRuns) {
  write_text(directory() / "fit.toml", small_fit(14));
  const auto result = run({"fit", "--config", "fit.toml", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("held_out_features: "));
  const auto values = named_values(result.out);
  EXPECT_EQ(values.at("held_out_sweeps"), "1");
  EXPECT_EQ(values.at("evaluations"), "14");
  EXPECT_TRUE(values.contains("fitted_a_1_per_ms")) << result.out;
  EXPECT_TRUE(values.contains("held_out_trace_mse_mV2")) << result.out;
  for (const char* file : {"fit.toml", "parameters.csv", "history.csv", "scores.csv", "fit_config.toml",
                           "fit_traces.png", "fit_traces.svg", "history.png", "parameters.png"}) {
    EXPECT_TRUE(std::filesystem::exists(out() / file)) << file;
  }
  EXPECT_EQ(csv_file_rows(out() / "history.csv").size(), 1u + 14u);  // header and one row per evaluation
  const auto scores = csv_file_rows(out() / "scores.csv");
  ASSERT_EQ(scores.size(), 1u + 3u + 2u);  // header, 2 training and 1 held-out sweep, the two means
  EXPECT_EQ(scores[3][0], "held_out");
  EXPECT_EQ(scores[3][1], "9");
  const auto spikes_column = std::find(scores[0].begin(), scores[0].end(), "model_spikes") - scores[0].begin();
  ASSERT_LT(spikes_column, static_cast<std::ptrdiff_t>(scores[0].size()));
  const int model_spikes = std::stoi(scores[3][static_cast<std::size_t>(spikes_column)]);
  EXPECT_FALSE(std::filesystem::exists(directory() / ".out.fit-checkpoint"));  // removed when the fit completes

  // fit.toml is the fitted model on sweep 9's command: simulate runs it to the spikes the fit scored.
  const auto simulated = run({"simulate", "--config", (out() / "fit.toml").string(), "--no-figures", "--out", "sim"});
  ASSERT_EQ(simulated.exit_status, 0) << simulated.err;
  EXPECT_EQ(static_cast<int>(read_spike_times(directory() / "sim" / "spikes.csv").size()), model_spikes);
  const auto parameters = csv_file_rows(out() / "parameters.csv");
  const std::string config = read_text(out() / "fit.toml");
  for (std::size_t row = 1; row < parameters.size(); ++row) {
    EXPECT_THAT(config, HasSubstr(fmt::format("{} = ", parameters[row][0]))) << parameters[row][0];
  }
}

// A fit with a budget it would not finish in minutes is stopped by SIGINT once its checkpoint holds 20 evaluations
// (so its handler is installed: a background job starts with SIGINT ignored); resumed with a budget of 800 (CMA-ES
// asks for the same points whatever its budget), it replays the checkpoint and ends at 800. The shell waits at most
// 60 s for the checkpoint and 30 s for the exit, then kills the fit, which fails the test instead of hanging it.
TEST_F(FitCommand, CtrlCKeepsTheBestSoFarAndResumeFinishesTheFit) {
  write_text(directory() / "fit.toml", small_fit(1'000'000));
  const std::string command = fmt::format(
      "cd {} && ({} fit --config fit.toml --out out >stdout.txt 2>stderr.txt & pid=$!; "
      "for i in $(seq 600); do [ \"$(wc -l < .out.fit-checkpoint 2>/dev/null || echo 0)\" -gt 20 ] && break; "
      "sleep 0.1; done; kill -INT $pid; "
      "for i in $(seq 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done; kill -9 $pid 2>/dev/null; "
      "wait $pid)",
      shell_quoted(directory().string()), shell_quoted(NEURODYN_EXECUTABLE));
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << read_text(directory() / "stderr.txt");
  EXPECT_THAT(read_text(directory() / "stderr.txt"), HasSubstr("interrupted after"));
  const std::size_t done = csv_file_rows(out() / "history.csv").size() - 1;
  EXPECT_GT(done, 0u);
  EXPECT_LT(done, 1'000'000u);
  ASSERT_TRUE(std::filesystem::exists(directory() / ".out.fit-checkpoint"));

  const auto resumed = run({"fit", "--config", "fit.toml", "--out", "out", "--resume", "--evaluations", "800"});
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("evaluations to replay"));
  EXPECT_EQ(csv_file_rows(out() / "history.csv").size(), 1u + 800u);
  EXPECT_FALSE(std::filesystem::exists(directory() / ".out.fit-checkpoint"));
}

TEST_F(FitCommand, RefusesBadInputBeforeAnyWork) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases{
      {small_fit(10, "[free.extra]"), "free.extra"},
      {small_fit(10) + "\n[objective]\nkind = \"likelihood\"\n", "objective.kind = 'likelihood' is unknown"},
      {small_fit(0), "optimizer.evaluations = 0"},
      {small_fit(10, "colour = \"blue\""), "unknown key 'optimizer.colour'"},
      {"stimulus = \"step:amp=10\"\n" + small_fit(10), "stimulus is set by the recording"},
      {small_fit(10) + "\n[data.extra]\n", "unknown key 'data.extra'"},
  };
  for (const Case& bad : cases) {
    write_text(directory() / "bad.toml", bad.text);
    const auto result = run({"fit", "--config", "bad.toml", "--out", "out"});
    EXPECT_EQ(result.exit_status, 2) << bad.message << "\n" << result.err;
    EXPECT_THAT(result.err, HasSubstr(bad.message));
    EXPECT_THAT(files_in(out()), IsEmpty()) << bad.message;
  }
  write_text(directory() / "fit.toml", small_fit(10));
  const auto tau = run({"fit", "--config", "fit.toml", "--out", "out", "--optimizer", "annealing"});
  EXPECT_EQ(tau.exit_status, 2);
  EXPECT_THAT(tau.err, HasSubstr("optimizer.name = 'annealing' is unknown; known optimizers: sga, sa"));
  const auto missing = run({"fit", "--config", "fit.toml", "--out", "out", "--resume"});
  EXPECT_EQ(missing.exit_status, 4);
  EXPECT_THAT(missing.err, HasSubstr("cannot read the checkpoint"));
}

}  // namespace
}  // namespace neurodyn::cli_test
