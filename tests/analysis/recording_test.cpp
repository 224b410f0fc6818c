// Spike statistics on a real whole-cell recording (tests/data/recordings/efel_step_current.txt, from eFEL,
// BSD licence; see the README there): the spike count and first-spike latency of the response to a 2 s
// current step, against an independent count of the samples where v crosses 0 mV and the step onset read
// from the current column.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/analysis/spike_detection.hpp"
#include "neurodyn/analysis/spike_statistics.hpp"

namespace neurodyn {
namespace {

struct Recording {
  std::vector<double> time_ms, current_pA, voltage_mV;
};

// Three whitespace-separated columns: time (s), current (pA), voltage (mV).
Recording read_recording() {
  std::ifstream file(std::string(NEURODYN_TEST_DATA_DIR) + "/recordings/efel_step_current.txt");
  Recording recording;
  double t = 0, i = 0, v = 0;
  while (file >> t >> i >> v) {
    recording.time_ms.push_back(1000.0 * t);
    recording.current_pA.push_back(i);
    recording.voltage_mV.push_back(v);
  }
  return recording;
}

double mean_between(const Recording& r, const std::vector<double>& values, double from_ms, double to_ms) {
  double sum = 0.0;
  int count = 0;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (from_ms <= r.time_ms[k] && r.time_ms[k] < to_ms) sum += values[k], ++count;
  }
  return sum / count;
}

class EfelRecording : public testing::Test {
 protected:
  void SetUp() override {
    recording = read_recording();
    ASSERT_EQ(recording.time_ms.size(), 12000u);
    // The step: the first sample whose current is past the midpoint between the baseline (first 500 ms) and
    // the step level (the middle second of the step, 1.2 to 2.2 s).
    const double baseline = mean_between(recording, recording.current_pA, 0.0, 500.0);
    const double level = mean_between(recording, recording.current_pA, 1200.0, 2200.0);
    const double midpoint = 0.5 * (baseline + level);
    const auto first_on = std::ranges::find_if(recording.current_pA, [&](double i) { return i > midpoint; });
    const auto last_on = std::find_if(recording.current_pA.rbegin(), recording.current_pA.rend(),
                                      [&](double i) { return i > midpoint; });
    step_on_ms = recording.time_ms[static_cast<std::size_t>(first_on - recording.current_pA.begin())];
    step_off_ms = recording.time_ms[recording.current_pA.size() - 1 -
                                    static_cast<std::size_t>(last_on - recording.current_pA.rbegin())];
  }

  Recording recording;
  double step_on_ms = 0.0, step_off_ms = 0.0;
};

TEST_F(EfelRecording, StepOnsetMatchesTheReadme) {
  EXPECT_NEAR(step_on_ms, 700.0, 1.0);    // "on at about 0.700 s"
  EXPECT_NEAR(step_off_ms, 2700.0, 1.0);  // "off at about 2.700 s"
}

TEST_F(EfelRecording, SpikeCountAndLatencyAgreeWithAPlainCrossingCount) {
  // Independent: samples where v goes from below 0 mV to at or above it, and the first such sample.
  int crossings = 0;
  double first_crossing_sample_ms = -1.0;
  for (std::size_t k = 1; k < recording.voltage_mV.size(); ++k) {
    if (recording.voltage_mV[k - 1] < 0.0 && recording.voltage_mV[k] >= 0.0) {
      ++crossings;
      if (first_crossing_sample_ms < 0.0) first_crossing_sample_ms = recording.time_ms[k];
    }
  }
  ASSERT_GT(crossings, 10);

  const std::vector<double> spikes = detect_spikes(recording.time_ms, recording.voltage_mV);
  EXPECT_EQ(static_cast<int>(spikes.size()), crossings);
  const SpikeStatistics stats = spike_statistics(spikes, {step_on_ms, step_off_ms});
  EXPECT_EQ(static_cast<int>(stats.spike_count), crossings);  // every spike falls within the step
  // The interpolated crossing lies within the sample interval before the first sample at or above 0 mV.
  const double sample_latency = first_crossing_sample_ms - step_on_ms;
  EXPECT_LE(*stats.first_spike_latency_ms, sample_latency);
  EXPECT_GT(*stats.first_spike_latency_ms, sample_latency - 0.25);
  EXPECT_NEAR(stats.rate_hz, 1000.0 * crossings / (step_off_ms - step_on_ms), 1e-12);
}

}  // namespace
}  // namespace neurodyn
