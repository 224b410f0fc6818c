// `neurodyn network --resume` and `neurodyn sweep --resume` as a user meets them: a run stopped by SIGINT (as Ctrl-C
// stops it) and resumed writes the files of the uninterrupted run, byte for byte; a resume with no checkpoint, or
// with the checkpoint of another config, is refused before anything is written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;

// The words of a command line (no quoting).
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// `timeout -s INT 1`: SIGINT after a second ends the run as Ctrl-C does (exit status 124).
const std::vector<std::string> interrupt_after_a_second{"timeout", "-s", "INT", "1"};

// net.m under the converged semantics for 20 s of model time: some seconds of work, stopped after one. The
// checkpoint interval is the default, 30 s: the checkpoint is the one written when SIGINT stops the run.
constexpr const char* long_network = "network --semantics converged --duration 20000 --seed 4 --threads 1 --no-figures";

TEST_F(CliTest, NetworkStoppedByCtrlCResumesToTheUninterruptedRunsFiles) {
  const auto stopped = run_in(directory(), split(std::string(long_network) + " --out out"), interrupt_after_a_second);
  ASSERT_EQ(stopped.exit_status, 124) << "the run finished within a second: make it longer";
  EXPECT_THAT(stopped.err, HasSubstr("network: interrupted; what it has done is kept in"));
  EXPECT_FALSE(std::filesystem::exists(out()));  // the folder appears only whole
  ASSERT_TRUE(std::filesystem::exists(directory() / ".out.network-checkpoint"));

  const auto resumed = run(split(std::string(long_network) + " --resume --out out"));
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("network: resuming from"));
  EXPECT_FALSE(std::filesystem::exists(directory() / ".out.network-checkpoint"));

  const auto whole = run(split(std::string(long_network) + " --out whole"));
  ASSERT_EQ(whole.exit_status, 0) << whole.err;
  const std::string spikes = read_text(directory() / "whole" / "spikes.csv");
  EXPECT_GT(spikes.size(), 100'000u);
  EXPECT_EQ(read_text(out() / "spikes.csv"), spikes);
  EXPECT_EQ(read_text(out() / "groups.csv"), read_text(directory() / "whole" / "groups.csv"));
}

TEST_F(CliTest, ResumeIsRefusedWithoutACheckpointOrWithAnotherConfigs) {
  const auto none = run({"network", "--duration", "50", "--no-figures", "--resume", "--out", "out"});
  EXPECT_EQ(none.exit_status, 2);
  EXPECT_THAT(none.err, HasSubstr("there is none to resume from"));
  EXPECT_FALSE(std::filesystem::exists(out()));

  ASSERT_EQ(run_in(directory(), split(std::string(long_network) + " --out out"), interrupt_after_a_second).exit_status,
            124)
      << "the run finished within a second: make it longer";
  ASSERT_TRUE(std::filesystem::exists(directory() / ".out.network-checkpoint"));
  const auto other =
      run(split("network --semantics converged --duration 20000 --seed 5 --no-figures --resume --out out"));
  EXPECT_EQ(other.exit_status, 2);
  EXPECT_THAT(other.err, HasSubstr("of its config is `seed = 4` where this run's is `seed = 5`"));
  EXPECT_FALSE(std::filesystem::exists(out()));

  write_text(directory() / "sweep.toml",
             "preset = \"izh2004-A\"\nduration_ms = 100\n[[axis]]\nname = \"I\"\nrange = [0, 20, 3]\n");
  const auto sweep = run({"sweep", "--config", "sweep.toml", "--no-figures", "--resume", "--out", "sweep"});
  EXPECT_EQ(sweep.exit_status, 2);
  EXPECT_THAT(sweep.err, HasSubstr(".sweep.sweep-checkpoint: there is none to resume from"));
  const auto negative =
      run({"sweep", "--config", "sweep.toml", "--no-figures", "--checkpoint-interval-s", "-1", "--out", "sweep"});
  EXPECT_EQ(negative.exit_status, 2);
  EXPECT_THAT(negative.err, HasSubstr("--checkpoint-interval-s = -1"));
}

// The checkpoint knows the content of the edge files the run read: after an edit, --resume is refused.
TEST_F(CliTest, ResumeIsRefusedAfterAnEdgeFileChanged) {
  write_text(directory() / "edges.csv", "source,target,weight\n0,1,5\n1,2,5\n2,0,5\n");
  write_text(directory() / "net.toml",
             "duration_ms = 100000\n[method]\nname = \"rk4\"\ndt = 0.0625\n[[group]]\nname = \"a\"\n"
             "model = \"izh2003\"\ncount = 400\n[[connection]]\nfrom = \"a\"\nto = \"a\"\nrule = \"edges\"\n"
             "edge_file = \"edges.csv\"\n[[input]]\ngroup = \"a\"\nkind = \"gaussian\"\nmean = 5\nsigma = 3\n");
  const std::string network = "network --config net.toml --threads 1 --no-figures";
  const auto stopped = run_in(directory(), split(network + " --out out"), interrupt_after_a_second);
  ASSERT_EQ(stopped.exit_status, 124) << "the run finished within a second: make it longer";
  ASSERT_TRUE(std::filesystem::exists(directory() / ".out.network-checkpoint"));
  write_text(directory() / "edges.csv", "source,target,weight\n0,1,5\n1,2,5\n2,0,6\n");
  const auto refused = run(split(network + " --resume --out out"));
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_THAT(refused.err, HasSubstr("# edge file"));
  EXPECT_FALSE(std::filesystem::exists(out()));
}

// A sweep of many runs stopped by SIGINT once its checkpoint holds some, and resumed: the files of the
// uninterrupted sweep.
TEST_F(CliTest, SweepStoppedByCtrlCResumesToTheUninterruptedSweepsFiles) {
  write_text(directory() / "sweep.toml",
             "preset = \"izh2004-A\"\nduration_ms = 2000\nstimulus_start_ms = 20\n[method]\nname = \"rk4\"\n"
             "dt = 0.001953125\n[[axis]]\nname = \"I\"\nrange = [0, 30, 61]\n[[axis]]\nname = \"d\"\n"
             "range = [2, 8, 25]\n");
  const std::string sweep = "sweep --config sweep.toml --threads 1 --no-figures";  // the checkpoint: SIGINT's
  const auto stopped = run_in(directory(), split(sweep + " --out out"), interrupt_after_a_second);
  ASSERT_EQ(stopped.exit_status, 124) << "the run finished within a second: make it longer";
  EXPECT_THAT(stopped.err, HasSubstr("sweep: interrupted; what it has done is kept in"));
  ASSERT_TRUE(std::filesystem::exists(directory() / ".out.sweep-checkpoint"));
  const auto resumed = run(split(sweep + " --resume --out out"));
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_FALSE(std::filesystem::exists(directory() / ".out.sweep-checkpoint"));
  const auto whole = run(split(sweep + " --out whole"));
  ASSERT_EQ(whole.exit_status, 0) << whole.err;
  EXPECT_EQ(read_text(out() / "runs.csv"), read_text(directory() / "whole" / "runs.csv"));
  EXPECT_EQ(read_text(out() / "spikes.csv"), read_text(directory() / "whole" / "spikes.csv"));
}

}  // namespace
}  // namespace neurodyn::cli_test
