// Peaks of v found on the fly: one per period of an oscillation at the maxima, wiggles smaller than the
// prominence ignored, the cutoff-and-reset of an integrate-and-fire trace counted, and an f-I run of the
// Hodgkin-Huxley cell driven past the end of its spikes: v still oscillates at over 100 Hz with peaks below
// the 0 mV detector, which the events detector misses (and says so) and the peaks detector counts.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/analysis/voltage_peaks.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

TEST(PeakFinder, OnePeakPerPeriodAtTheMaxima) {
  PeakFinder finder(5.0);
  constexpr double period = 8.0, step = 0.01;
  for (double t = 0.0; t <= 100.0; t += step) {
    // A 20 mV oscillation with a 2 mV wiggle at 1 kHz on top: the wiggle makes no peaks of its own.
    finder.add(t, -50.0 + 10.0 * std::sin(2.0 * std::numbers::pi * t / period) +
                      1.0 * std::sin(2.0 * std::numbers::pi * t));
  }
  const auto& peaks = finder.peak_times();
  ASSERT_EQ(peaks.size(), 13u);  // maxima near 2, 10, ..., 98 ms (v has fallen 10 mV from the last by 100 ms)
  for (std::size_t k = 0; k < peaks.size(); ++k) {
    EXPECT_NEAR(peaks[k], period * (static_cast<double>(k) + 0.25), 0.3) << k;
  }
}

TEST(PeakFinder, AResetAfterTheCutoffIsAPeakAndSmallProminenceIsRefused) {
  PeakFinder finder(10.0);
  for (int spike = 0; spike < 3; ++spike) {
    for (double v = -65.0; v < 30.0; v += 1.0) finder.add(spike * 100.0 + (v + 65.0), v);
  }
  finder.add(400.0, -65.0);
  EXPECT_EQ(finder.peak_times().size(), 3u);
  EXPECT_THROW(PeakFinder(0.0), InputError);
  EXPECT_THROW(PeakFinder(std::nan("")), InputError);
}

FiProtocol hodgkin_huxley_protocol() {
  FiProtocol protocol;
  protocol.model = make_model("hh", {});
  protocol.initial_state = initial_state(protocol.model, std::nullopt, std::nullopt);
  protocol.t_end_ms = 200.0;
  protocol.window_start_ms = 100.0;
  protocol.window_end_ms = 200.0;
  return protocol;
}

TEST(FiDetector, AnOscillationBelowTheSpikeDetectorIsReportedAndCountedByPeaks) {
  FiProtocol protocol = hodgkin_huxley_protocol();
  const double current = 75.0;  // uA/cm^2: past the last 0 mV crossing near 63
  const FiPoint events = fi_point(protocol, current, fi_run(protocol, current));
  EXPECT_EQ(events.window_spike_count, 0u);
  EXPECT_GE(events.window_peak_count, 10u);  // over 100 Hz in 100 ms
  EXPECT_TRUE(events.missed_oscillation);

  protocol.detector = SpikeDetector::peaks;
  const FiPoint peaks = fi_point(protocol, current, fi_run(protocol, current));
  EXPECT_EQ(peaks.window_spike_count, peaks.window_peak_count);
  EXPECT_GT(peaks.steady_rate_hz, 100.0);
  EXPECT_FALSE(peaks.missed_oscillation);

  // Where the cell spikes, both detectors agree on the rate.
  protocol.detector = SpikeDetector::events;
  const FiPoint spiking = fi_point(protocol, 20.0, fi_run(protocol, 20.0));
  protocol.detector = SpikeDetector::peaks;
  const FiPoint spiking_peaks = fi_point(protocol, 20.0, fi_run(protocol, 20.0));
  EXPECT_FALSE(spiking.missed_oscillation);
  EXPECT_EQ(spiking.window_spike_count, spiking_peaks.window_spike_count);
  EXPECT_NEAR(spiking.steady_rate_hz, spiking_peaks.steady_rate_hz, 1e-3 * spiking.steady_rate_hz);
}

}  // namespace
}  // namespace neurodyn
