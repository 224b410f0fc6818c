// Every config under examples/ runs as documented: all succeed except backward-euler-failure.toml, which
// shows the Newton failure of docs/reference.md 5.4 and must end with exit status 1. The examples that state a
// number are checked against it: exact LIF spike times, docs/reference.md counts and converged spike times, and
// the agreement of the two FitzHugh-Nagumo forms.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> example_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir / "examples")) {
    if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

class Examples : public CliTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(Examples, RunsAsDocumented) {
  const auto result = run_example(GetParam());
  if (GetParam() == "backward-euler-failure") {
    EXPECT_EQ(result.exit_status, 1) << result.err;
    EXPECT_THAT(lowercase(result.err), HasSubstr("newton"));
    EXPECT_THAT(files_in(out()), IsEmpty());
    return;
  }
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(out() / "trace.csv"));
  EXPECT_TRUE(std::filesystem::exists(out() / "config.toml"));
  EXPECT_FALSE(read_spike_times(out() / "spikes.csv").empty()) << "every example shows spiking";
}

INSTANTIATE_TEST_SUITE_P(Cli, Examples, ::testing::ValuesIn(example_names()), [](const auto& param_info) {
  std::string name = param_info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

TEST(ExamplesDirectory, HoldsOneConfigPerModel) {
  const auto names = example_names();
  for (const std::string expected : {"izh2003-tonic", "izh2007-rs", "fhn", "fhn-lienard", "lif", "adex-adaptation",
                                     "hh", "hh-reduced", "izh2004-published", "backward-euler-failure"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
}

using ExampleValues = CliTest;

TEST_F(ExampleValues, LifFiresAtTheExactTimes) {
  ASSERT_EQ(run_example("lif").exit_status, 0);
  // tau_m v' = -(v - E_L) + R I from rest, reset to rest: threshold distance 20 mV is reached after
  // tau_m ln(R I / (R I - 20 mV)) = 10 ln 6 ms, then once per t_ref + 10 ln 6 ms (step on at 20 ms).
  const double charge_time = 10.0 * std::log(6.0);
  std::vector<double> exact;
  for (double t = 20.0 + charge_time; t < 200.0; t += 2.0 + charge_time) exact.push_back(t);
  const auto spikes = read_spike_times(out() / "spikes.csv");
  ASSERT_EQ(spikes.size(), exact.size());
  for (std::size_t i = 0; i < spikes.size(); ++i) EXPECT_NEAR(spikes[i], exact[i], 1e-6) << "spike " << i;
}

TEST_F(ExampleValues, Izhikevich2007RsGivesTheConvergedSpikeTimes) {
  ASSERT_EQ(run_example("izh2007-rs").exit_status, 0);
  // docs/reference.md 2.1, given to three decimals.
  const std::vector<double> converged{200.022, 347.810, 495.664, 643.519, 791.373, 939.228};
  const auto spikes = read_spike_times(out() / "spikes.csv");
  ASSERT_EQ(spikes.size(), converged.size());
  for (std::size_t i = 0; i < spikes.size(); ++i) EXPECT_NEAR(spikes[i], converged[i], 1e-3) << "spike " << i;
}

TEST_F(ExampleValues, TonicSpikingExtendedTo300MsHas13Spikes) {
  ASSERT_EQ(run_example("izh2003-tonic").exit_status, 0);
  EXPECT_EQ(read_spike_times(out() / "spikes.csv").size(), 13u);  // docs/reference.md 4
}

TEST_F(ExampleValues, PublishedSchemeGivesThePublishedCountOnTheGrid) {
  ASSERT_EQ(run_example("izh2004-published").exit_status, 0);
  const auto spikes = read_spike_times(out() / "spikes.csv");
  EXPECT_EQ(spikes.size(), 6u);  // docs/reference.md 1.2, panel F
  for (double time : spikes) EXPECT_DOUBLE_EQ(time / 0.25, std::round(time / 0.25)) << time;
}

TEST_F(ExampleValues, BothFitzHughNagumoFormsGiveTheSameSpikes) {
  ASSERT_EQ(run_example("fhn", "first-order").exit_status, 0);
  ASSERT_EQ(run_example("fhn-lienard", "lienard").exit_status, 0);
  const auto first_order = read_spike_times(directory() / "first-order" / "spikes.csv");
  const auto lienard = read_spike_times(directory() / "lienard" / "spikes.csv");
  ASSERT_EQ(first_order.size(), lienard.size());
  ASSERT_FALSE(first_order.empty());
  for (std::size_t i = 0; i < first_order.size(); ++i) EXPECT_NEAR(first_order[i], lienard[i], 1e-6) << i;
}

}  // namespace
}  // namespace neurodyn::cli_test
