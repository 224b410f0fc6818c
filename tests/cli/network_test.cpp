// `neurodyn network` and `neurodyn sweep` as a user runs them: the files, the effective config that reproduces
// the run, the same output for any number of threads, and bad input refused before anything is written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;

// The rows of a CSV file after its '#' lines.
std::vector<std::vector<std::string>> data_rows(const std::filesystem::path& path) { return csv_rows(read_text(path)); }

TEST_F(CliTest, NetworkWritesItsFilesAndItsConfigReproducesTheRun) {
  const auto result = run({"network", "--semantics", "published", "--duration", "300", "--seed", "3", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const char* file : {"spikes.csv", "spikes.h5", "groups.csv", "config.toml", "raster.png", "raster.svg",
                           "rates.png", "rates.svg", "spectrum.png", "spectrum.svg"}) {
    EXPECT_TRUE(std::filesystem::exists(out() / file)) << file;
  }
  const auto values = named_values(result.out);
  EXPECT_EQ(values.at("neurons"), "1000");
  EXPECT_EQ(values.at("synapses"), "1000000");
  EXPECT_THAT(result.err, HasSubstr("network: 300 of 300 ms"));
  const auto spikes = data_rows(out() / "spikes.csv");
  ASSERT_GT(spikes.size(), 1000u);
  EXPECT_EQ(spikes.front(), (std::vector<std::string>{"time_ms", "neuron", "group"}));
  EXPECT_EQ(std::to_string(spikes.size() - 1), values.at("spikes"));

  const auto again = run({"network", "--config", (out() / "config.toml").string(), "--no-figures", "--out", "again"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  EXPECT_EQ(data_rows(directory() / "again" / "spikes.csv"), spikes);
}

TEST_F(CliTest, NetworkAndSweepGiveTheSameSpikesForOneAndTwoThreads) {
  for (const char* semantics : {"published", "converged"}) {
    for (const char* threads : {"1", "2"}) {
      const auto result = run({"network", "--semantics", semantics, "--duration", "200", "--threads", threads,
                               "--no-figures", "--out", std::string(semantics) + threads});
      ASSERT_EQ(result.exit_status, 0) << result.err;
    }
    EXPECT_EQ(read_text(directory() / (std::string(semantics) + "1") / "spikes.csv"),
              read_text(directory() / (std::string(semantics) + "2") / "spikes.csv"))
        << semantics;
  }
  write_text(directory() / "sweep.toml",
             "preset = \"izh2004-A\"\nduration_ms = 300\nstimulus_start_ms = 20\n[method]\nname = \"rk4\"\n"
             "dt = 0.03125\n[[axis]]\nname = \"I\"\nrange = [0, 20, 11]\n[[axis]]\nname = \"d\"\nvalues = [2, 8]\n");
  for (const char* threads : {"1", "2"}) {
    const auto result =
        run({"sweep", "--config", "sweep.toml", "--threads", threads, "--out", std::string("sweep") + threads});
    ASSERT_EQ(result.exit_status, 0) << result.err;
    EXPECT_EQ(named_values(result.out).at("runs"), "22");
  }
  EXPECT_EQ(read_text(directory() / "sweep1" / "spikes.csv"), read_text(directory() / "sweep2" / "spikes.csv"));
  const auto runs = data_rows(directory() / "sweep1" / "runs.csv");
  EXPECT_EQ(runs, data_rows(directory() / "sweep2" / "runs.csv"));
  ASSERT_EQ(runs.size(), 23u);
  EXPECT_EQ(runs[0][0], "run");
  EXPECT_EQ(runs[0][1], "I");
  EXPECT_EQ(runs[0][2], "d");
  EXPECT_TRUE(std::filesystem::exists(directory() / "sweep1" / "sweep.png"));
}

TEST_F(CliTest, NetworkAndSweepExamplesRun) {
  for (const auto& entry : std::filesystem::directory_iterator(source_dir / "examples" / "network")) {
    const auto result = run({"network", "--config", entry.path().string(), "--duration", "50", "--no-figures", "--out",
                             entry.path().stem().string()});
    EXPECT_EQ(result.exit_status, 0) << entry.path() << ": " << result.err;
    EXPECT_GT(std::stoi(named_values(result.out).at("spikes")), 0) << entry.path();
  }
  for (const auto& entry : std::filesystem::directory_iterator(source_dir / "examples" / "sweep")) {
    const auto result =
        run({"sweep", "--config", entry.path().string(), "--no-figures", "--out", entry.path().stem().string()});
    EXPECT_EQ(result.exit_status, 0) << entry.path() << ": " << result.err;
    EXPECT_GT(std::stoi(named_values(result.out).at("spiking_runs")), 10) << entry.path();
  }
}

TEST_F(CliTest, ConductanceBalancedNetworkSustainsItsActivityAfterTheKick) {
  // examples/network/coba-4000.toml: the Vogels-Abbott network is driven for its first 50 ms only; its own
  // conductances keep it firing, asynchronously, at a moderate rate (neither silent nor saturated).
  const auto result = run({"network", "--config", (source_dir / "examples/network/coba-4000.toml").string(),
                           "--duration", "300", "--no-figures", "--out", "coba"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto rows = data_rows(directory() / "coba" / "spikes.csv");
  ASSERT_EQ(rows.at(0).at(0), "time_ms");
  std::size_t late = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) late += std::stod(rows[i][0]) >= 200.0;
  const double late_rate_hz = static_cast<double>(late) / 4000.0 / 0.1;  // spikes a neuron a second, 200-300 ms
  EXPECT_GT(late_rate_hz, 5.0);
  EXPECT_LT(late_rate_hz, 40.0);
}

TEST_F(CliTest, NetworkBadInputIsRefusedBeforeAnythingIsWritten) {
  write_text(directory() / "unknown.toml",
             "[[group]]\nname = \"e\"\nmodel = \"izh2003\"\ncount = 10\n[[connection]]\nfrom = \"e\"\nto = \"f\"\n");
  auto result = run({"network", "--config", "unknown.toml", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("connection 1 (e -> f): to = 'f' names no group; groups: e"));

  write_text(directory() / "edges.csv", "0,1\n0,12\n");
  write_text(directory() / "edges.toml",
             "[[group]]\nname = \"e\"\nmodel = \"izh2003\"\ncount = 10\n[[connection]]\nfrom = \"e\"\nto = \"e\"\n"
             "rule = \"edges\"\nedge_file = \"edges.csv\"\nweight = 0.5\n");
  result = run({"network", "--config", "edges.toml", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("edges.csv line 2: target 12 is not a neuron of group 'e'; allowed: 0 .. 9"));

  write_text(
      directory() / "huge.toml",
      "[[group]]\nname = \"e\"\nmodel = \"izh2003\"\ncount = 1000000\n[[connection]]\nfrom = \"e\"\nto = \"e\"\n");
  result = run({"network", "--config", "huge.toml", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("the network (neurons, synapses and delay buffers) needs about"));

  result = run({"network", "--semantics", "exact", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("semantics 'exact' is not allowed; allowed: converged, published"));

  write_text(directory() / "sweep.toml", "preset = \"izh2004-A\"\n[[axis]]\nname = \"q\"\nvalues = [1]\n");
  result = run({"sweep", "--config", "sweep.toml", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("axis 'q' is neither I nor a parameter of izh2003"));
  EXPECT_FALSE(std::filesystem::exists(out()));
}

}  // namespace
}  // namespace neurodyn::cli_test
