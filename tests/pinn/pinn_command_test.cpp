// `neurodyn pinn` as a user runs it: the files, their numbers against the converged reference, the config that
// reproduces the run, and bad input refused before anything is written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../cli/cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;

TEST_F(CliTest, PinnEventWritesItsScoresAndItsConfigReproducesTheRun) {
  const auto result = run({"pinn", "--mode", "event", "--preset", "izh2007-RS", "--t-end", "300", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const char* file :
       {"metrics.csv", "trace.csv", "spikes.csv", "training.csv", "config.toml", "pinn.png", "pinn.svg"}) {
    EXPECT_TRUE(std::filesystem::exists(out() / file)) << file;
  }
  EXPECT_THAT(result.err, HasSubstr("pinn event:"));
  const auto metrics = csv_rows(read_text(out() / "metrics.csv"));
  ASSERT_GE(metrics.size(), 5u);  // header, the PINN, Euler at 1 ms, the earlier study's two published rows
  EXPECT_EQ(metrics[0][0], "method");
  EXPECT_EQ(metrics[0][5], "max_v_error_mV");
  EXPECT_EQ(metrics[1][0], "pinn event");
  EXPECT_EQ(metrics[1][1], "1");  // one spike in 0..300 ms, at 200.022 ms
  EXPECT_EQ(metrics[1][2], "1");
  EXPECT_LT(std::stod(metrics[1][3]), 1e-3);
  EXPECT_EQ(metrics[2][0], "euler dt = 1 ms");
  EXPECT_GT(std::stod(metrics[2][3]), 1.0);  // Euler at 1 ms: its spike is more than a millisecond late
  EXPECT_EQ(metrics[3][0], "earlier study: pure PINN (published)");
  const auto spikes = csv_rows(read_text(out() / "spikes.csv"));
  ASSERT_EQ(spikes.size(), 2u);
  EXPECT_NEAR(std::stod(spikes[1][1]), 200.022, 1e-3);  // docs/reference.md 6.2: the converged first spike
  const auto trace = csv_rows(read_text(out() / "trace.csv"));
  EXPECT_EQ(trace[0], (std::vector<std::string>{"t_ms", "v_mV", "u_pA", "v_reference_mV", "u_reference_pA"}));
  EXPECT_EQ(trace.size(), 3001u);  // 0.05, 0.15, ... 299.95 ms
  EXPECT_EQ(trace[1][0], "0.05");

  const auto again = run({"pinn", "--config", (out() / "config.toml").string(), "--no-figures", "--out", "again"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  EXPECT_EQ(read_text(directory() / "again" / "spikes.csv"), read_text(out() / "spikes.csv"));
  EXPECT_EQ(read_text(directory() / "again" / "config.toml"), read_text(out() / "config.toml"));
}

TEST_F(CliTest, PinnPureReportsTheNetworksFailureAsMeasured) {
  const auto result = run({"pinn",       "--mode",         "pure",  "--preset",
                           "izh2007-RS", "--t-end",        "250",   "--hidden-layers",
                           "2",          "--hidden-width", "16",    "--uniform-points",
                           "200",        "--epochs",       "40",    "--first-epochs",
                           "20",         "--no-figures",   "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto metrics = csv_rows(read_text(out() / "metrics.csv"));
  EXPECT_EQ(metrics[1][0], "pinn pure");
  EXPECT_EQ(metrics[1][2], "1");  // the reference's spike at 200.022 ms, which the network does not have: no crossing,
  EXPECT_TRUE(metrics[1][1] != "1" || std::stod(metrics[1][3]) > 10.0);  // or one far from it
  EXPECT_GT(std::stod(metrics[1][5]), 10.0);                             // mV
  EXPECT_EQ(metrics[1][9], "402");                                       // 2 x 16 on 5 inputs: 96 + 272 + 34 parameters
  const auto training = csv_rows(read_text(out() / "training.csv"));
  EXPECT_EQ(training[0], (std::vector<std::string>{"epoch", "loss", "physics_loss"}));
  EXPECT_EQ(training.size(), 41u);
  EXPECT_THAT(read_text(out() / "config.toml"), HasSubstr("mode = \"pure\"\n"));
}

class PinnResumeTest : public CliTest {
 protected:
  // Interrupts `run_words` (without --out) with SIGINT after `seconds`, resumes it, and checks its files against an
  // uninterrupted run's.
  void interrupt_and_resume(const std::vector<std::string>& run_words, const std::string& seconds);
};

void PinnResumeTest::interrupt_and_resume(const std::vector<std::string>& run_words, const std::string& seconds) {
  const auto with_out = [&](std::vector<std::string> words, const std::string& out) {
    words.insert(words.end(), {"--out", out});
    return words;
  };
  const auto whole = run(with_out(run_words, "whole"));
  ASSERT_EQ(whole.exit_status, 0) << whole.err;
  EXPECT_FALSE(std::filesystem::exists(directory() / ".whole.pinn-checkpoint"));  // removed once completed

  const auto stopped = run_in(directory(), with_out(run_words, "out"), {"timeout", "-s", "INT", seconds});
  ASSERT_EQ(stopped.exit_status, 124) << "the run finished within " << seconds << " s: make it longer";
  ASSERT_TRUE(std::filesystem::exists(directory() / ".out.pinn-checkpoint"));
  EXPECT_FALSE(std::filesystem::exists(out()));
  auto resume_words = with_out(run_words, "out");
  resume_words.push_back("--resume");
  const auto resumed = run(resume_words);
  ASSERT_EQ(resumed.exit_status, 0) << resumed.err;
  EXPECT_EQ(csv_rows(read_text(out() / "training.csv")), csv_rows(read_text(directory() / "whole" / "training.csv")));
  EXPECT_EQ(read_text(out() / "trace.csv"), read_text(directory() / "whole" / "trace.csv"));

  write_text(directory() / ".other.pinn-checkpoint", "");
  auto other = with_out(run_words, "other");
  other.push_back("--resume");
  const auto refused = run(other);
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_THAT(refused.err, HasSubstr("not a readable PINN checkpoint"));
}

TEST_F(PinnResumeTest, PureInterruptedResumesFromItsCheckpointToTheSameTraining) {
  interrupt_and_resume({"pinn", "--mode",          "pure", "--preset",       "izh2007-RS", "--t-end",
                        "150",  "--hidden-layers", "2",    "--hidden-width", "16",         "--uniform-points",
                        "100",  "--epochs",        "1500", "--first-epochs", "1000",       "--checkpoint-interval-s",
                        "0",    "--no-figures"},
                       "2");
}

TEST_F(PinnResumeTest, EventInterruptedResumesFromTheWindowsKeptToTheSameTrace) {
  interrupt_and_resume({"pinn", "--mode", "event", "--preset", "izh2003-RS", "--t-end", "1000",
                        "--checkpoint-interval-s", "0", "--no-figures"},
                       "2");
}

TEST_F(CliTest, PinnRefusesBadInputBeforeWritingAnything) {
  const auto refused = [&](const std::vector<std::string>& arguments, const std::string& message) {
    std::vector<std::string> words{"pinn"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    words.insert(words.end(), {"--out", "out"});
    const auto result = run(words);
    EXPECT_EQ(result.exit_status, 2) << result.err;
    EXPECT_THAT(result.err, HasSubstr(message));
    EXPECT_FALSE(std::filesystem::exists(out()));
  };
  refused({"--preset", "izh2007-RS"},
          "mode: missing; give --mode or [pinn] mode; allowed: event, pure, guided, inverse");
  refused({"--mode", "hybrid", "--preset", "izh2007-RS"},
          "mode 'hybrid' is not allowed; allowed: event, pure, guided, inverse");
  write_text(directory() / "times.csv", "time_ms\n0\n0.1\n0.2\n");
  refused({"--mode", "inverse", "--preset", "izh2003-RS", "--trace", "times.csv"},
          "times.csv:2: a trace row needs two columns, time_ms and v_mV; found 1");
  refused({"--mode", "event", "--preset", "izh2003-RS", "--trace", "times.csv"},
          "trace applies to mode inverse, not to mode event");
  refused({"--mode", "event", "--preset", "izh2003-RS", "--output-step-ms", "1e-6", "--max-memory", "1"},
          "the scored trace and its reference needs about");
  refused({"--mode", "event", "--preset", "izh2003-RS", "--identify", "a"},
          "identify applies to mode inverse, not to mode event");
  refused({"--mode", "inverse", "--preset", "izh2003-RS", "--start", "a:0.05"},
          "start: 'a:0.05' is not NAME=VALUE with a finite number");
  refused({"--mode", "inverse", "--preset", "izh2003-RS", "--identify", "a,I", "--stimulus", "sine:amp=5,freq_hz=10"},
          "unknowns: 'I' is the amplitude of a stimulus of one step or const component; the stimulus is 'sine:");
  refused({"--mode", "event", "--preset", "izh2007-RS", "--window-ms", "-1"},
          "window_ms = -1: must be a positive number of ms");
  refused({"--mode", "event", "--preset", "izh2007-RS", "--window-ms", "0"},
          "window_ms = 0: must be a positive number of ms");
  refused({"--mode", "pure", "--preset", "izh2007-RS", "--window-ms", "2"},
          "window_ms applies to mode event, not to mode pure");
  refused({"--mode", "event", "--preset", "izh2007-RS", "--guide", "converged"},
          "guide applies to mode guided, not to mode event");
  refused({"--mode", "guided", "--preset", "izh2007-RS", "--epochs", "2.5"},
          "epochs = 2.5: must be a non-negative integer");
  refused({"--mode", "event", "--model", "adex"}, "model: the PINN trains izh2003, izh2007, lif and fhn; got 'adex'");
  refused({"--mode", "pure", "--model", "lif"},
          "model: one network over the span trains models with two state variables (izh2003, izh2007, fhn); got 'lif'");
  write_text(directory() / "bad.toml", "preset = \"izh2007-RS\"\n[pinn]\nmode = \"event\"\nwindow = 2\n");
  refused({"--config", "bad.toml"}, "unknown key 'pinn.window'");
}

}  // namespace
}  // namespace neurodyn::cli_test
