// `neurodyn fi`, `stats` and `phase` end to end: the numbers they print against independent values (hand-derived
// bifurcation currents, the exact LIF rate, a plain count of the recording's 0 mV crossings), their files, and
// their input errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// The rows of a CSV file after its '#' lines and header row, as numbers (non-numeric cells as NaN).
std::vector<std::vector<double>> csv_rows(const std::filesystem::path& path, std::string& header) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line) && line.starts_with('#')) {
  }
  header = line;
  std::vector<std::vector<double>> rows;
  while (std::getline(file, line)) {
    std::vector<double> row;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) {
      char* end = nullptr;
      const double value = std::strtod(cell.c_str(), &end);
      row.push_back(end == cell.c_str() ? NAN : value);
    }
    rows.push_back(row);
  }
  return rows;
}

TEST_F(CliTest, FiOfLeakyIntegrateAndFireMatchesTheExactRate) {
  const auto result = run(
      {"fi", "--preset", "lif-cortical", "--currents", "1000,400,600", "--rheobase", "--no-figures", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  std::string header;
  const auto rows = csv_rows(out() / "fi.csv", header);
  EXPECT_EQ(header,
            "current,steady_rate_hz,first_isi_rate_hz,spike_count,window_spike_count,window_peak_count,"
            "missed_oscillation,first_spike_ms,status");
  ASSERT_EQ(rows.size(), 3u);  // sorted
  // f = 1000 / (t_ref + tau ln(R I / (R I - 20 mV))), tau = 10 ms, R = 1/25 GOhm, t_ref = 2 ms.
  for (const auto& row : rows) {
    const double drive = row[0] / 25.0;
    const double exact = drive > 20.0 ? 1000.0 / (2.0 + 10.0 * std::log(drive / (drive - 20.0))) : 0.0;
    EXPECT_NEAR(row[1], exact, 1e-5) << "I = " << row[0];
    EXPECT_NEAR(row[2], exact, 1e-5) << "I = " << row[0];
  }
  EXPECT_EQ(rows[0][0], 400.0);
  // g_L (v_threshold - E_L) = 500 pA, to the bisection's relative tolerance 1e-6.
  EXPECT_NEAR(std::stod(named_values(result.out).at("rheobase_pA")), 500.0, 1e-3);
  EXPECT_THAT(read_text(out() / "fi.csv"), HasSubstr("# rheobase_pA: "));
}

TEST_F(CliTest, FiDefaultIsTheRegularSpikingCurveWithItsFigure) {
  const auto result = run({"fi", "--onset", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = named_values(result.out);
  EXPECT_EQ(values.at("model"), "izh2003 (preset izh2003-RS)");
  EXPECT_EQ(values.at("current_count"), "41");
  EXPECT_EQ(values.at("current_range_mV_per_ms"), "0 40");
  // The onset of sustained firing from rest lies below the Hopf current 3.7975 (bifurcations_test).
  const double onset = std::stod(values.at("sustained_firing_onset_mV_per_ms"));
  EXPECT_GT(onset, 3.7);
  EXPECT_LT(onset, 3.7975);
  std::string header;
  const auto rows = csv_rows(out() / "fi.csv", header);
  ASSERT_EQ(rows.size(), 41u);
  for (std::size_t i = 5; i < rows.size(); ++i) EXPECT_GT(rows[i][3], rows[i - 1][3]) << "I = " << rows[i][0];
  EXPECT_TRUE(read_text(out() / "fi.png").starts_with("\x89PNG"));
  EXPECT_THAT(read_text(out() / "fi.svg"), HasSubstr("<svg"));
  EXPECT_THAT(read_text(out() / "config.toml"), HasSubstr("izh2003-RS"));
}

// The currents and spike counts of the stacked traces of fi.svg, from their labels "I = 3 mV/ms  (1 spike)".
std::map<double, int> stacked_traces(const std::string& svg) {
  static const std::regex label(R"re(>I = ([-0-9.e+]+) mV/ms  \((\d+) spikes?\)<)re");
  std::map<double, int> traces;
  for (std::sregex_iterator match(svg.begin(), svg.end(), label), end; match != end; ++match) {
    traces[std::stod((*match)[1])] = std::stoi((*match)[2]);
  }
  return traces;
}

TEST_F(CliTest, FiStacksTracesEitherSideOfTheRheobaseAtTheOnsetAndHigh) {
  const auto result = run({"fi", "--preset", "izh2003-RS", "--rheobase", "--onset", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = named_values(result.out);
  const double rheobase = std::stod(values.at("rheobase_mV_per_ms")),
               onset = std::stod(values.at("sustained_firing_onset_mV_per_ms"));
  // The rest of the 2003 RS cell is lost at 3.7975 (bifurcations_test): a step from rest fires below it.
  ASSERT_LT(rheobase, 3.7975);
  const auto traces = stacked_traces(read_text(out() / "fi.svg"));
  ASSERT_GE(traces.size(), 4u);
  // The sweep's neighbours either side of the rheobase (its step is 1): silent below, firing above.
  const auto above = traces.upper_bound(rheobase);
  ASSERT_NE(above, traces.begin());
  ASSERT_NE(above, traces.end());
  const auto below = std::prev(above);
  EXPECT_DOUBLE_EQ(above->first - below->first, 1.0);
  EXPECT_EQ(below->second, 0);
  EXPECT_GE(above->second, 1);
  // The first current of the sweep at or above the onset of sustained firing, and the largest.
  EXPECT_EQ(traces.count(std::ceil(onset)), 1u) << onset;
  EXPECT_GE(traces.at(std::ceil(onset)), 2);
  EXPECT_EQ(traces.rbegin()->first, 40.0);
}

TEST_F(CliTest, FiHysteresisNamesTheBistableRange) {
  const auto result = run({"fi", "--range", "3.70:3.85:0.005", "--hysteresis", "--no-figures", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const std::string range = named_values(result.out).at("bistable_range_mV_per_ms");
  double low = 0.0, high = 0.0;
  std::istringstream(range) >> low >> high;
  EXPECT_LT(low, 3.7975);  // firing persists below the Hopf current when swept down
  EXPECT_LE(low, high);
  EXPECT_THAT(read_text(out() / "hysteresis.csv"), HasSubstr("current,up_rate_hz,down_rate_hz,differs"));
}

TEST_F(CliTest, FiRejectsBadCurrents) {
  auto result = run({"fi", "--currents", "1,x", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("--currents '1,x': 'x' is not a finite number"));
  result = run({"fi", "--currents", "1", "--range", "0:1:0.5", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("exclude each other"));
  result = run({"fi", "--window", "900:100", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("--window '900:100'"));
}

TEST_F(CliTest, StatsOfTheRecordingCountsItsSpikes) {
  const auto recording = source_dir / "tests" / "data" / "recordings" / "efel_step_current.txt";
  // Independent: samples where v (third column) goes from below 0 mV to at or above it.
  std::ifstream file(recording);
  double t = 0, i = 0, v = 0, previous = 0;
  int crossings = 0;
  for (bool first = true; file >> t >> i >> v; first = false, previous = v) {
    if (!first && previous < 0.0 && v >= 0.0) ++crossings;
  }
  const auto result = run({"stats", recording.string(), "--time-unit", "s", "--current-col", "1"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = named_values(result.out);
  EXPECT_EQ(std::stoi(values.at("spike_count")), crossings);
  EXPECT_NEAR(std::stod(values.at("window_ms").substr(0, values.at("window_ms").find(' '))), 700.0, 1.0);
  EXPECT_GT(std::stod(values.at("first_spike_latency_ms")), 0.0);
  EXPECT_EQ(values.at("firing_pattern"), "tonic spiking");
}

TEST_F(CliTest, StatsOfASimulationResultUsesItsSolverSpikes) {
  ASSERT_EQ(
      run({"simulate", "--preset", "izh2004-E", "--method", "izhikevich-published", "--no-figures", "--out", "out"})
          .exit_status,
      0);
  const auto result = run({"stats", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = named_values(result.out);
  EXPECT_EQ(values.at("spike_count"), "6");  // docs/reference.md 1.2, panel E under the published scheme
  EXPECT_EQ(values.at("window_ms"), "16 160");
  EXPECT_EQ(values.at("firing_pattern"), "mixed mode");
  EXPECT_EQ(values.at("burst_count"), "1");
  // The same train from the trace file (the published scheme records the reset as two samples at one time).
  const auto from_trace = run({"stats", "out/trace.csv", "--threshold", "29.9", "--window", "16:160"});
  ASSERT_EQ(from_trace.exit_status, 0) << from_trace.err;
  EXPECT_EQ(named_values(from_trace.out).at("spike_count"), "6");
}

TEST_F(CliTest, StatsReportsAMissingFile) {
  const auto result = run({"stats", "no-such-file.txt"});
  EXPECT_EQ(result.exit_status, 4);
  EXPECT_THAT(result.err, HasSubstr("no-such-file.txt"));
}

TEST_F(CliTest, PhaseNamesWhereTheRestIsLost) {
  // Hand-derived (bifurcations_test): the 2003 RS cell loses its rest in a Hopf bifurcation at 3.7975, and the
  // rest vanishes in the saddle-node at 4; FitzHugh-Nagumo: Hopf at 0.3313; the 2007 RS cell: saddle-node at
  // 144 / 2.8 = 51.43 pA.
  auto values = named_values(run({"phase", "--current", "3.9", "--t-end", "200", "--out", "out"}).out);
  EXPECT_NEAR(std::stod(values.at("rest_lost_at_mV_per_ms")), 3.7975, 1e-6);
  EXPECT_EQ(values.at("bifurcation"), "hopf");
  EXPECT_NEAR(std::stod(values.at("saddle_node_at_mV_per_ms")), 4.0, 1e-6);
  EXPECT_EQ(values.at("fixed_points"), "2");
  EXPECT_TRUE(read_text(out() / "phase.png").starts_with("\x89PNG"));
  const auto json = nlohmann::json::parse(read_text(out() / "fixed_points.json"));
  ASSERT_EQ(json.at("fixed_points").size(), 2u);
  EXPECT_EQ(json.at("fixed_points")[1].at("type"), "saddle");
  EXPECT_NEAR(json.at("fixed_points")[1].at("state").at("v").get<double>(), -60.0 + std::sqrt(0.1 / 0.04), 1e-6);

  values = named_values(run({"phase", "--preset", "fhn-classic", "--no-figures", "--out", "fhn"}).out);
  EXPECT_NEAR(std::stod(values.at("rest_lost_at")), 0.3313, 5e-5);  // fhn: dimensionless
  EXPECT_EQ(values.at("bifurcation"), "hopf");
  values = named_values(run({"phase", "--preset", "izh2007-RS", "--no-figures", "--out", "rs2007"}).out);
  EXPECT_NEAR(std::stod(values.at("rest_lost_at_pA")), 144.0 / 2.8, 1e-6);
  EXPECT_EQ(values.at("bifurcation"), "saddle-node");
}

TEST_F(CliTest, PhaseOfHodgkinHuxleyIsDrawnInThePlaneOfItsReduction) {
  const auto result = run({"phase", "--preset", "hh-squid", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto values = named_values(result.out);
  // The full model's own analysis: its Hopf (Rinzel and Miller 1980), then the reduced plane's.
  EXPECT_EQ(values.at("bifurcation"), "hopf");
  EXPECT_NEAR(std::stod(values.at("rest_lost_at_uA_per_cm2")), 9.78, 0.01);
  EXPECT_THAT(values.at("plane"), AllOf(HasSubstr("hh-reduced"), HasSubstr("m = m_inf(v)"), HasSubstr("h = 0.8 - n")));
  EXPECT_EQ(values.at("plane_bifurcation"), "hopf");
  EXPECT_NEAR(std::stod(values.at("plane_rest_lost_at_uA_per_cm2")), 8.81277, 1e-4);
  EXPECT_TRUE(read_text(out() / "phase.png").starts_with("\x89PNG"));
  // The legend names both runs: the reduced model's, and the full model's projected onto its plane.
  EXPECT_THAT(read_text(out() / "phase.svg"), AllOf(HasSubstr(">hh-reduced run<"), HasSubstr(">hh run, projected<")));
  const auto json = nlohmann::json::parse(read_text(out() / "fixed_points.json"));
  EXPECT_EQ(json.at("model"), "hh");
  EXPECT_EQ(json.at("fixed_points")[0].at("eigenvalues").size(), 4u);
  EXPECT_EQ(json.at("plane").at("model"), "hh-reduced");
  EXPECT_EQ(json.at("plane").at("fixed_points")[0].at("eigenvalues").size(), 2u);
}

TEST_F(CliTest, PhaseWhoseTrajectoryFailsWritesNothing) {
  // Backward Euler at 0.5 ms has no Newton solution on the 2007 RS cell (docs/reference.md 5.4).
  const auto result = run({"phase", "--preset", "izh2007-RS", "--method", "backward-euler", "--dt", "0.5", "--out",
                           "out"});
  EXPECT_EQ(result.exit_status, 1) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out() / "fixed_points.json"));
  EXPECT_FALSE(std::filesystem::exists(out() / "config.toml"));
}

TEST_F(CliTest, PhaseOfAOneVariableModelHasFixedPointsButNoPlane) {
  const auto result = run({"phase", "--preset", "lif-cortical", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("no phase plane for lif (1 state variable, no two-variable reduction)"));
  EXPECT_EQ(named_values(result.out).at("bifurcation"), "threshold");
  EXPECT_FALSE(std::filesystem::exists(out() / "phase.png"));
  EXPECT_TRUE(nlohmann::json::parse(read_text(out() / "fixed_points.json")).at("plane").is_null());
}

}  // namespace
}  // namespace neurodyn::cli_test
