// `mpirun -n K neurodyn network|sweep`: the same files for 1, 2 and 3 ranks and any mix of ranks and threads, an
// error that one rank alone meets reported once with every rank stopped, and the commands that run in one process
// refusing to run on several. Built where Open MPI is (NEURODYN_MPI).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_runner.hpp"

#ifdef NEURODYN_MPIEXEC

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;

// mpirun on K ranks; on a machine of two cores three ranks oversubscribe it, and a root user must say so. A run
// that hangs (a rank waiting for one that stopped) is killed after two minutes and fails the test.
std::vector<std::string> mpirun(int ranks) {
  return {"timeout", "120", NEURODYN_MPIEXEC,     "--allow-run-as-root", "--oversubscribe", "--bind-to",
          "none",    "-n",  std::to_string(ranks)};
}

std::vector<std::string> joined(std::vector<std::string> words, const std::vector<std::string>& more) {
  words.insert(words.end(), more.begin(), more.end());
  return words;
}

TEST_F(CliTest, NetworkGivesTheSameSpikesOnOneTwoAndThreeRanks) {
  for (const std::string semantics : {"published", "converged"}) {
    SCOPED_TRACE(semantics);
    const std::vector<std::string> network{"network",    "--preset", "izh2003-network", "--semantics", semantics,
                                           "--duration", "150",      "--no-figures"};
    const auto with = [&](const std::vector<std::string>& more) { return joined(network, more); };
    const auto alone = run(with({"--threads", "1", "--out", "alone"}));
    ASSERT_EQ(alone.exit_status, 0) << alone.err;
    const std::string expected = read_text(directory() / "alone" / "spikes.csv");
    ASSERT_GT(csv_rows(expected).size(), 500u);
    for (const auto& [ranks, threads] : {std::pair{1, 2}, {2, 1}, {2, 2}, {3, 1}}) {
      const std::string out = fmt::format("ranks{}-threads{}", ranks, threads);
      const auto result =
          run_in(directory(), with({"--threads", std::to_string(threads), "--out", out}), mpirun(ranks));
      ASSERT_EQ(result.exit_status, 0) << out << ": " << result.err;
      EXPECT_EQ(read_text(directory() / out / "spikes.csv"), expected) << out;
      EXPECT_EQ(read_text(directory() / out / "groups.csv"), read_text(directory() / "alone" / "groups.csv")) << out;
      EXPECT_EQ(named_values(result.out).at("synapses"), "1000000") << out;  // summed over the ranks
    }
  }
}

TEST_F(CliTest, SweepGivesTheSameTableOnOneTwoAndThreeRanks) {
  // The firing-pattern map of panel A (61 x 41 runs whose costs differ with their spike counts), shortened.
  const std::string config = (source_dir / "examples" / "sweep" / "izh2004-A-pattern-map.toml").string();
  const std::vector<std::string> sweep{"sweep", "--config", config, "--no-figures"};
  const auto with = [&](const std::vector<std::string>& more) { return joined(sweep, more); };
  const auto alone = run(with({"--threads", "1", "--out", "alone"}));
  ASSERT_EQ(alone.exit_status, 0) << alone.err;
  const std::string runs = read_text(directory() / "alone" / "runs.csv");
  ASSERT_EQ(csv_rows(runs).size(), 61u * 41u + 1u);
  for (const auto& [ranks, threads] : {std::pair{2, 1}, {2, 2}, {3, 1}}) {
    const std::string out = fmt::format("ranks{}-threads{}", ranks, threads);
    const auto result = run_in(directory(), with({"--threads", std::to_string(threads), "--out", out}), mpirun(ranks));
    ASSERT_EQ(result.exit_status, 0) << out << ": " << result.err;
    // The rows (the '#' header states the thread count of the run).
    EXPECT_TRUE(csv_rows(read_text(directory() / out / "runs.csv")) == csv_rows(runs)) << out;
    EXPECT_TRUE(csv_rows(read_text(directory() / out / "spikes.csv")) ==
                csv_rows(read_text(directory() / "alone" / "spikes.csv")))
        << out;
  }
}

TEST_F(CliTest, AnErrorOneRankMeetsStopsEveryRankWithOneMessage) {
  // 40 neurons in 5 lane blocks: rank 0 of 2 advances neurons 0-15, rank 1 neurons 16-39. Line 3's target is
  // rank 1's, so only rank 1 checks its source.
  write_text(directory() / "edges.csv", "source,target,weight\n0,1,0.5\n77,35,0.5\n");
  write_text(directory() / "net.toml",
             "duration_ms = 20\n[[group]]\nname = \"e\"\nmodel = \"izh2003\"\ncount = 40\n"
             "[[connection]]\nfrom = \"e\"\nto = \"e\"\nrule = \"edges\"\nedge_file = \"edges.csv\"\n");
  const auto result =
      run_in(directory(), {"network", "--config", "net.toml", "--no-figures", "--out", "out"}, mpirun(2));
  EXPECT_EQ(result.exit_status, 2) << result.err;
  const std::string message = "edges.csv line 3: source 77 is not a neuron of group 'e'; allowed: 0 .. 39";
  EXPECT_THAT(result.err, HasSubstr(message));
  EXPECT_EQ(result.err.find(message), result.err.rfind(message)) << "reported more than once: " << result.err;
  EXPECT_FALSE(std::filesystem::exists(directory() / "out"));
}

TEST_F(CliTest, CommandsOfOneProcessRefuseSeveralRanks) {
  const auto result = run_in(directory(), {"simulate", "--preset", "izh2004-A", "--out", "out"}, mpirun(2));
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("simulate runs in one process; launched on 2 ranks by mpirun; allowed under "
                                    "mpirun: network, sweep"));
  EXPECT_FALSE(std::filesystem::exists(directory() / "out"));
}

}  // namespace
}  // namespace neurodyn::cli_test

#endif
