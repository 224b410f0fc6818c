// eFEL's features: against the values eFEL itself computes on a real recording
// (tests/data/recordings/efel_step_current_expected.json, from eFEL 1b6c129 on efel_step_current.txt; see the
// README there), and on small piecewise-linear traces whose values are worked out by hand from eFEL's definitions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "neurodyn/analysis/efel_features.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

using Features = std::vector<std::pair<std::string, EfelValue>>;

struct Trace {
  std::vector<double> t_ms, v_mV;
};

const EfelValue& value_of(const Features& features, const std::string& name) {
  const auto found = std::ranges::find(features, name, &std::pair<std::string, EfelValue>::first);
  if (found == features.end()) throw std::runtime_error("no feature " + name);
  return found->second;
}

// The recording: time in s (to ms by * 1000.0, which reproduces eFEL's values to the bit; / 1e-3 rounds some
// sample times differently and moves several values in their last bits), current in pA (unused), voltage in mV.
Trace read_recording() {
  std::ifstream file(std::string(NEURODYN_TEST_DATA_DIR) + "/recordings/efel_step_current.txt");
  Trace trace;
  double t = 0, i = 0, v = 0;
  while (file >> t >> i >> v) {
    trace.t_ms.push_back(t * 1000.0);
    trace.v_mV.push_back(v);
  }
  return trace;
}

nlohmann::json read_expected() {
  std::ifstream file(std::string(NEURODYN_TEST_DATA_DIR) + "/recordings/efel_step_current_expected.json");
  return nlohmann::json::parse(file);
}

double relative_difference(double value, double expected) {
  return expected == 0.0 ? std::abs(value) : std::abs(value - expected) / std::abs(expected);
}

TEST(EfelFeatures, MatchEfelOnARealRecording) {
  const Trace trace = read_recording();
  ASSERT_EQ(trace.t_ms.size(), 12000u);
  const nlohmann::json expected = read_expected();
  // The _setup: stim_start 700 ms, stim_end 2700 ms, stimulus_current 0.117821 nA, every setting at its default.
  const EfelStimulus stimulus{700.0, 2700.0, 0.117821};
  std::vector<std::string> names;
  for (const auto& [name, values] : expected.items()) {
    if (name != "_setup") names.push_back(name);
  }
  ASSERT_EQ(names.size(), 30u);
  const Features features = efel_features(trace.t_ms, trace.v_mV, stimulus, names);
  ASSERT_EQ(features.size(), names.size());

  double largest = 0.0;
  std::string largest_at;
  std::size_t identical = 0;
  for (const auto& [name, value] : features) {
    const auto want = expected.at(name).get<std::vector<double>>();
    ASSERT_TRUE(value.has_value()) << name << " is undefined";
    ASSERT_EQ(value->size(), want.size()) << name;
    bool all_identical = true;
    for (std::size_t k = 0; k < want.size(); ++k) {
      const double got = (*value)[k];
      all_identical = all_identical && got == want[k];
      if (name == "ohmic_input_resistance") continue;  // below
      const double difference = relative_difference(got, want[k]);
      if (difference > largest) largest = difference, largest_at = name;
      if (want[k] == 0.0) {
        EXPECT_NEAR(got, 0.0, 1e-12) << name << "[" << k << "]";
      } else {
        EXPECT_LE(difference, 1e-9) << name << "[" << k << "] = " << got << ", eFEL " << want[k];
      }
    }
    if (all_identical) ++identical;
  }
  // eFEL computed ohmic_input_resistance with the current unrounded (voltage_deflection / ohmic_input_resistance
  // in the file gives 0.11782068897257...); _setup gives it to 6 digits, which bounds the relative difference by
  // 0.5e-6 / 0.117821 < 5e-6. The value is voltage_deflection over the current given, to the bit.
  const double resistance = value_of(features, "ohmic_input_resistance")->front();
  EXPECT_EQ(resistance, value_of(features, "voltage_deflection")->front() / 0.117821);
  EXPECT_LE(relative_difference(resistance, expected.at("ohmic_input_resistance")[0].get<double>()), 5e-6);

  std::cout << "eFEL features: " << features.size() << " compared, " << identical
            << " identical to the bit; largest relative difference " << largest << " (" << largest_at
            << "), ohmic_input_resistance apart\n";
}

TEST(EfelFeatures, IntermediatesOnTheRealRecordingAreConsistent) {
  const Trace trace = read_recording();
  const Features features = efel_features(trace.t_ms, trace.v_mV, {700.0, 2700.0, 0.117821});
  ASSERT_EQ(features.size(), efel_feature_names().size());
  // Every name in the documented order when none is asked.
  for (std::size_t k = 0; k < features.size(); ++k) EXPECT_EQ(features[k].first, efel_feature_names()[k]);
  const std::vector<double>& peaks = *value_of(features, "peak_indices");
  const std::vector<double>& minima = *value_of(features, "min_AHP_indices");
  ASSERT_EQ(peaks.size(), 26u);
  ASSERT_EQ(minima.size(), 26u);
  for (std::size_t k = 0; k < peaks.size(); ++k) {
    EXPECT_LT(peaks[k], minima[k]);
    if (k + 1 < peaks.size()) {
      EXPECT_LT(minima[k], peaks[k + 1]);
    }
  }
  EXPECT_EQ(*value_of(features, "AP_height"), *value_of(features, "peak_voltage"));
  EXPECT_EQ(*value_of(features, "AHP_depth_abs"), *value_of(features, "min_AHP_values"));
  EXPECT_EQ(value_of(features, "spike_count_stimint")->front(), 26.0);
  EXPECT_EQ(value_of(features, "ISI_values")->size(), 24u);  // the first of the 25 ISIs ignored
  EXPECT_FALSE(value_of(features, "sag_amplitude"));         // a depolarising step
  EXPECT_FALSE(value_of(features, "sag_ratio1"));
  EXPECT_FALSE(value_of(features, "burst_ISI_indices"));  // regular firing
  EXPECT_FALSE(value_of(features, "burst_mean_freq"));
}

// Samples every dt_ms from 0 to end_ms of the piecewise-linear function through `corners` (time, voltage),
// increasing in time; constant before the first and after the last.
Trace piecewise_linear(const std::vector<std::pair<double, double>>& corners, double dt_ms, double end_ms) {
  Trace trace;
  for (int k = 0; k * dt_ms <= end_ms; ++k) {
    const double t = k * dt_ms;
    double v = corners.front().second;
    for (std::size_t c = 0; c + 1 < corners.size(); ++c) {
      const auto [t0, v0] = corners[c];
      const auto [t1, v1] = corners[c + 1];
      if (t >= t0 && t <= t1) v = v0 + (v1 - v0) * (t - t0) / (t1 - t0);
    }
    if (t > corners.back().first) v = corners.back().second;
    trace.t_ms.push_back(t);
    trace.v_mV.push_back(v);
  }
  return trace;
}

// A -70 mV baseline with a triangular spike (2 ms wide, apex +20 mV on a sample) at each time.
Trace spike_train(const std::vector<double>& spike_times_ms, double end_ms) {
  std::vector<std::pair<double, double>> corners{{0.0, -70.0}};
  for (const double s : spike_times_ms) {
    corners.emplace_back(s - 1.0, -70.0);
    corners.emplace_back(s, 20.0);
    corners.emplace_back(s + 1.0, -70.0);
  }
  corners.emplace_back(end_ms, -70.0);
  return piecewise_linear(corners, 0.5, end_ms);
}

constexpr double tolerance = 1e-9;

TEST(EfelFeatures, SagOfAHyperpolarisingStep) {
  // Rest at -70 mV; the step (200 to 800 ms) pulls v down to -90 mV at 220 ms, from where it recovers to a steady
  // -80 mV by 300 ms; back to -70 mV after the step.
  const Trace trace = piecewise_linear(
      {{0, -70}, {200, -70}, {220, -90}, {300, -80}, {800, -80}, {820, -70}, {1000, -70}}, 0.5, 1000);
  const std::vector<std::string> names{"voltage_base",  "steady_state_voltage_stimend", "minimum_voltage",
                                       "sag_amplitude", "sag_ratio1",                   "voltage_deflection_vb_ssse"};
  const Features f = efel_features(trace.t_ms, trace.v_mV, {200.0, 800.0, -0.1}, names);
  EXPECT_NEAR(value_of(f, "voltage_base")->front(), -70.0, tolerance);                   // mean over [180, 200]
  EXPECT_NEAR(value_of(f, "steady_state_voltage_stimend")->front(), -80.0, tolerance);  // over [740, 800)
  EXPECT_NEAR(value_of(f, "minimum_voltage")->front(), -90.0, tolerance);
  EXPECT_NEAR(value_of(f, "voltage_deflection_vb_ssse")->front(), -10.0, tolerance);
  EXPECT_NEAR(value_of(f, "sag_amplitude")->front(), 10.0, tolerance);  // -80 - (-90)
  EXPECT_NEAR(value_of(f, "sag_ratio1")->front(), 0.5, tolerance);      // 10 / (-70 - (-90))

  // The mirror image, a depolarising step: no sag.
  Trace mirrored = trace;
  for (double& v : mirrored.v_mV) v = -140.0 - v;
  const Features g = efel_features(mirrored.t_ms, mirrored.v_mV, {200.0, 800.0, 0.1}, names);
  EXPECT_NEAR(value_of(g, "voltage_deflection_vb_ssse")->front(), 10.0, tolerance);
  EXPECT_FALSE(value_of(g, "sag_amplitude"));
  EXPECT_FALSE(value_of(g, "sag_ratio1"));
}

TEST(EfelFeatures, TwoBursts) {
  // A burst of 3 spikes (100, 104, 108 ms) and one of 5 (200 to 212 ms, every 3 ms). ISIs 4, 4, 92, 3, 3, 3, 3;
  // ISI_values without the first: 4, 92, 3, 3, 3, 3. At i = 1, 92 > 1.5 * median{4} and 3 < 92 / 1.5: a burst
  // ends at peak 2 (108 ms); then the median since is 92, 47.5, 3, and no ISI after exceeds 1.5 times it.
  const Trace trace = spike_train({100, 104, 108, 200, 203, 206, 209, 212}, 400);
  const Features f = efel_features(trace.t_ms, trace.v_mV, {50.0, 300.0}, std::vector<std::string>{
                                       "spike_count", "burst_ISI_indices", "burst_mean_freq", "burst_number",
                                       "mean_frequency", "ISI_values"});
  EXPECT_EQ(*value_of(f, "spike_count"), std::vector<double>{8.0});
  ASSERT_EQ(value_of(f, "ISI_values")->size(), 6u);
  EXPECT_EQ(*value_of(f, "burst_ISI_indices"), std::vector<double>{2.0});
  const std::vector<double>& frequencies = *value_of(f, "burst_mean_freq");
  ASSERT_EQ(frequencies.size(), 2u);
  EXPECT_NEAR(frequencies[0], 3 * 1000.0 / (108.0 - 100.0), 375.0 * tolerance);  // 3 spikes over 8 ms
  EXPECT_NEAR(frequencies[1], 5 * 1000.0 / (212.0 - 200.0), 417.0 * tolerance);  // 5 spikes over 12 ms
  EXPECT_EQ(*value_of(f, "burst_number"), std::vector<double>{2.0});
  EXPECT_NEAR(value_of(f, "mean_frequency")->front(), 8 * 1000.0 / (212.0 - 50.0), 50.0 * tolerance);
}

TEST(EfelFeatures, VoltageBaseMedianAndMean) {
  // -70 mV up to 94 ms, then a ramp of 10/6 mV/ms to -60 mV at 100 ms. The window [0.9005, 0.9995] * 100 ms =
  // [90.05, 99.95] ms holds the grid points 90.1 .. 99.9: 40 at -70 mV (90.1 .. 94.0) and 59 on the ramp
  // (94.1 .. 99.9, -70 + k / 6 mV for k = 1..59). The median, the 50th of the 99, is the 10th ramp point.
  const Trace trace = piecewise_linear({{0, -70}, {94, -70}, {100, -60}, {300, -60}}, 0.5, 300);
  EfelSettings settings;
  settings.voltage_base_start_perc = 0.9005;
  settings.voltage_base_end_perc = 0.9995;
  settings.voltage_base_median = true;
  const std::vector<std::string> names{"voltage_base"};
  const Features median = efel_features(trace.t_ms, trace.v_mV, {100.0, 200.0}, names, settings);
  EXPECT_NEAR(value_of(median, "voltage_base")->front(), -70.0 + 10.0 / 6.0, tolerance);
  settings.voltage_base_median = false;
  const Features mean = efel_features(trace.t_ms, trace.v_mV, {100.0, 200.0}, names, settings);
  // (40 * -70 + sum over k = 1..59 of (-70 + k / 6)) / 99 = -70 + (59 * 60 / 2) / 6 / 99.
  EXPECT_NEAR(value_of(mean, "voltage_base")->front(), -70.0 + 1770.0 / 6.0 / 99.0, tolerance);
}

TEST(EfelFeatures, NoSpikes) {
  const Trace trace = piecewise_linear({{0, -70}, {100, -70}, {110, -75}, {200, -75}, {210, -70}}, 0.5, 300);
  const Features f = efel_features(trace.t_ms, trace.v_mV, {100.0, 200.0});
  EXPECT_FALSE(value_of(f, "peak_indices"));
  EXPECT_FALSE(value_of(f, "peak_time"));
  EXPECT_FALSE(value_of(f, "mean_frequency"));
  EXPECT_FALSE(value_of(f, "time_to_first_spike"));
  EXPECT_FALSE(value_of(f, "ISI_values"));
  EXPECT_FALSE(value_of(f, "AP_amplitude"));
  EXPECT_FALSE(value_of(f, "min_AHP_indices"));
  EXPECT_EQ(*value_of(f, "spike_count"), std::vector<double>{0.0});
  EXPECT_EQ(*value_of(f, "spike_count_stimint"), std::vector<double>{0.0});
  EXPECT_EQ(*value_of(f, "burst_number"), std::vector<double>{0.0});
  EXPECT_FALSE(value_of(f, "ohmic_input_resistance"));  // no stimulus current given
  EXPECT_TRUE(value_of(f, "voltage_base"));
}

TEST(EfelFeatures, TwoSpikesGiveAnEmptyISIValues) {
  const Trace trace = spike_train({100, 150}, 300);
  const Features f = efel_features(trace.t_ms, trace.v_mV, {50.0, 250.0});
  EXPECT_EQ(*value_of(f, "spike_count"), std::vector<double>{2.0});
  ASSERT_TRUE(value_of(f, "ISI_values"));
  EXPECT_TRUE(value_of(f, "ISI_values")->empty());
  ASSERT_EQ(value_of(f, "all_ISI_values")->size(), 1u);
  EXPECT_NEAR(value_of(f, "all_ISI_values")->front(), 50.0, 50.0 * tolerance);
  EXPECT_NEAR(value_of(f, "doublet_ISI")->front(), 50.0, 50.0 * tolerance);
  EXPECT_NEAR(value_of(f, "inv_first_ISI")->front(), 20.0, 20.0 * tolerance);
  EXPECT_NEAR(value_of(f, "time_to_second_spike")->front(), 100.0, 100.0 * tolerance);
  EXPECT_NEAR(value_of(f, "mean_frequency")->front(), 2 * 1000.0 / (150.0 - 50.0), 20.0 * tolerance);
  EXPECT_FALSE(value_of(f, "ISI_CV"));
  EXPECT_FALSE(value_of(f, "ISI_log_slope"));
  EXPECT_FALSE(value_of(f, "adaptation_index"));
  EXPECT_FALSE(value_of(f, "burst_ISI_indices"));
  EXPECT_EQ(*value_of(f, "burst_number"), std::vector<double>{0.0});
}

TEST(EfelFeatures, NamesAreEfelsAndUnique) {
  const auto names = efel_feature_names();
  EXPECT_EQ(names.size(), 45u);
  EXPECT_EQ(std::set<std::string_view>(names.begin(), names.end()).size(), names.size());
  EXPECT_EQ(names.front(), "peak_indices");
  EXPECT_EQ(names.back(), "burst_number");
}

TEST(EfelFeatures, UnknownNameIsAnInputErrorNamingItAndTheAllowedOnes) {
  const Trace trace = spike_train({100, 150}, 300);
  try {
    efel_features(trace.t_ms, trace.v_mV, {50.0, 250.0}, std::vector<std::string>{"spike_count", "ISI_cv"});
    FAIL() << "no InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'ISI_cv'"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean ISI_CV?"), std::string::npos) << message;
    EXPECT_NE(message.find("decay_time_constant_after_stim"), std::string::npos) << message;  // the allowed ones
  }
  EXPECT_THROW(efel_features(trace.t_ms, trace.v_mV, {50.0, 250.0}, std::vector<std::string>{"Spikecount2"}),
               InputError);
}

TEST(EfelFeatures, InvalidTracesAndStimuliAreInputErrors) {
  const std::vector<double> t{0.0, 1.0, 2.0, 3.0}, v{-70.0, -70.0, -70.0, -70.0};
  const EfelStimulus stimulus{1.0, 2.0};
  EXPECT_NO_THROW(efel_features(t, v, stimulus));
  EXPECT_THROW(efel_features(std::vector<double>{0.0, 1.0}, std::vector<double>{-70.0, -70.0}, stimulus),
               InputError);  // too short
  EXPECT_THROW(efel_features(t, std::vector<double>{-70.0, -70.0, -70.0}, stimulus), InputError);
  EXPECT_THROW(efel_features(std::vector<double>{0.0, 1.0, 1.0, 3.0}, v, stimulus), InputError);  // not increasing
  EXPECT_THROW(efel_features(t, std::vector<double>{-70.0, NAN, -70.0, -70.0}, stimulus), InputError);
  EXPECT_THROW(efel_features(t, v, {2.0, 2.0}), InputError);  // stim_end <= stim_start
  EXPECT_THROW(efel_features(t, v, {2.0, 1.0}), InputError);
  EfelSettings settings;
  settings.decay_start_after_stim_ms = 10.0;
  EXPECT_THROW(efel_features(t, v, stimulus, {}, settings), InputError);
}

}  // namespace
}  // namespace neurodyn
