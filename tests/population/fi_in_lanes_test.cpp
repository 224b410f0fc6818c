// The f-I curve in lanes against fi_curve's single-neuron runs: every field of every point the same.
#include "neurodyn/population/fi_in_lanes.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "neurodyn/analysis/fi_curve.hpp"

namespace {

using namespace neurodyn;

void expect_same_points(const FiProtocol& protocol, const std::vector<double>& currents) {
  ASSERT_TRUE(fi_runs_in_lanes(protocol));
  const auto lanes = fi_curve_in_lanes(protocol, currents, 2);
  const auto alone = fi_curve(protocol, currents, 2);
  ASSERT_EQ(lanes.size(), alone.size());
  int spiking = 0;
  for (std::size_t i = 0; i < lanes.size(); ++i) {
    SCOPED_TRACE(currents[i]);
    EXPECT_EQ(lanes[i].spike_count, alone[i].spike_count);
    EXPECT_EQ(lanes[i].window_spike_count, alone[i].window_spike_count);
    EXPECT_EQ(lanes[i].window_peak_count, alone[i].window_peak_count);
    EXPECT_EQ(lanes[i].missed_oscillation, alone[i].missed_oscillation);
    EXPECT_EQ(lanes[i].steady_rate_hz, alone[i].steady_rate_hz);
    EXPECT_EQ(lanes[i].first_isi_rate_hz, alone[i].first_isi_rate_hz);
    EXPECT_TRUE(lanes[i].first_spike_ms == alone[i].first_spike_ms ||
                (std::isnan(lanes[i].first_spike_ms) && std::isnan(alone[i].first_spike_ms)));
    EXPECT_EQ(lanes[i].status, alone[i].status);
    EXPECT_EQ(lanes[i].message, alone[i].message);
    spiking += lanes[i].spike_count > 0;
  }
  EXPECT_GT(spiking, 3);
}

FiProtocol protocol_of(const std::string& preset_name, const std::string& method, double dt, double t_end) {
  const Preset& preset = find_preset(preset_name);
  FiProtocol protocol;
  protocol.model = make_model(preset.model, preset.parameters);
  protocol.initial_state = initial_state(protocol.model, preset.v0, preset.u0);
  protocol.t_end_ms = t_end;
  protocol.window_start_ms = t_end / 2;
  protocol.window_end_ms = t_end;
  protocol.method.name = method;
  protocol.method.dt = dt;
  return protocol;
}

TEST(FiInLanes, SamePointsAsTheRunsAlone) {
  std::vector<double> currents;
  for (int i = 0; i <= 40; ++i) currents.push_back(i);
  expect_same_points(protocol_of("izh2003-RS", "rk4", 0.01, 300), currents);
  expect_same_points(protocol_of("izh2003-RS", "euler", 0.1, 300), currents);
  std::vector<double> picoamperes;
  for (int i = 0; i <= 20; ++i) picoamperes.push_back(30.0 * i);
  expect_same_points(protocol_of("izh2007-RS", "heun", 0.02, 300), picoamperes);
  expect_same_points(protocol_of("lif-refractory", "rk4", 0.05, 300), picoamperes);
}

TEST(FiInLanes, ARunThatDivergesCarriesTheStatusOfTheRunAlone) {
  // Euler at 0.9 ms blows up on a strong current: the failing runs are rerun alone and keep their messages.
  const std::vector<double> currents{0, 10, 100, 1000, 10000};
  const FiProtocol protocol = protocol_of("izh2003-RS", "euler", 0.9, 90);
  const auto lanes = fi_curve_in_lanes(protocol, currents, 1);
  const auto alone = fi_curve(protocol, currents, 1);
  bool failed = false;
  for (std::size_t i = 0; i < currents.size(); ++i) {
    EXPECT_EQ(lanes[i].status, alone[i].status) << currents[i];
    EXPECT_EQ(lanes[i].message, alone[i].message) << currents[i];
    EXPECT_EQ(lanes[i].spike_count, alone[i].spike_count) << currents[i];
    failed = failed || alone[i].status != SolveStatus::ok;
  }
  EXPECT_TRUE(failed) << "the test needs a failing run";
}

}  // namespace
