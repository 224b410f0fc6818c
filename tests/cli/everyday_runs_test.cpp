// Everyday runs: a run repeats from any directory (config.toml names a table stimulus by its absolute path, a
// relative table path in a hand-written config starts in the config's folder, and `stats` reads a result from
// anywhere); the output folder and an empty stimulus are checked before any work; a long run reports its
// progress and can keep its spikes only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view table = "# t_ms I\n0 0\n20 0\n21 10\n200 10\n";

TEST_F(CliTest, AResultWithATableStimulusRepeatsFromAnotherDirectory) {
  std::filesystem::create_directories(directory() / "lab" / "elsewhere");
  write_text(directory() / "lab" / "current.txt", std::string(table));
  auto first = run_in(directory() / "lab", {"simulate", "--model", "izh2003", "--t-end", "200", "--stimulus",
                                            "file:current.txt", "--no-figures", "--out", "run"});
  ASSERT_EQ(first.exit_status, 0) << first.err;
  const std::string config = read_text(directory() / "lab" / "run" / "config.toml");
  EXPECT_THAT(config, HasSubstr("file:" + (directory() / "lab" / "current.txt").string()));

  const auto again = run_in(directory() / "lab" / "elsewhere",
                            {"simulate", "--config", "../run/config.toml", "--no-figures", "--out", "again"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  EXPECT_EQ(read_text(directory() / "lab" / "elsewhere" / "again" / "spikes.csv"),
            read_text(directory() / "lab" / "run" / "spikes.csv"));
  const auto stats = run_in(directory() / "lab" / "elsewhere", {"stats", "../run"});
  EXPECT_EQ(stats.exit_status, 0) << stats.err;
}

TEST_F(CliTest, ARelativeTablePathInAConfigStartsInTheConfigsFolder) {
  std::filesystem::create_directories(directory() / "configs");
  write_text(directory() / "configs" / "current.txt", std::string(table));
  write_text(directory() / "configs" / "run.toml",
             "model = \"izh2003\"\nt_end = 200.0\nstimulus = \"file:current.txt\"\n");
  const auto result = run({"simulate", "--config", "configs/run.toml", "--no-figures", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(read_text(out() / "config.toml"), HasSubstr((directory() / "configs" / "current.txt").string()));
}

TEST_F(CliTest, AnOutputFolderThatCannotBeMadeIsRefusedBeforeTheRun) {
  const auto result = run({"simulate", "--preset", "hh-squid", "--no-figures", "--out", "/proc/neurodyn-x"});
  EXPECT_EQ(result.exit_status, 4);
  EXPECT_THAT(result.err, HasSubstr("--out /proc/neurodyn-x: cannot be created"));
  EXPECT_THAT(result.err, Not(HasSubstr("rhs evaluations")));  // nothing was solved
}

TEST_F(CliTest, AnEmptyStimulusIsRefusedNotTakenAsNone) {
  const auto result = run({"simulate", "--preset", "izh2004-A", "--stimulus", "", "--no-figures", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("stimulus = '' is empty; allowed"));
}


// A run of over a second reports its progress on stderr; --record spikes keeps no trace (3e7 steps, about 1.5 s).
TEST_F(CliTest, ALongRunReportsProgressAndCanKeepSpikesOnly) {
  const auto result = run({"simulate", "--preset", "izh2004-A", "--t-end", "30000", "--dt", "0.001", "--record",
                           "spikes", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(result.err, ::testing::HasSubstr("simulate: t = "));
  EXPECT_THAT(result.err, ::testing::HasSubstr(" of 30000 ms ("));
  EXPECT_TRUE(std::filesystem::exists(out() / "spikes.csv"));
  EXPECT_TRUE(std::filesystem::exists(out() / "config.toml"));
  EXPECT_FALSE(std::filesystem::exists(out() / "trace.csv"));
  EXPECT_FALSE(std::filesystem::exists(out() / "voltage.png"));
  const auto wrong = run({"simulate", "--preset", "izh2004-A", "--record", "all", "--out", "other"});
  EXPECT_EQ(wrong.exit_status, 2);
  EXPECT_THAT(wrong.err, ::testing::HasSubstr("--record 'all' is not allowed; allowed: trace, spikes"));
}

}  // namespace
}  // namespace neurodyn::cli_test
