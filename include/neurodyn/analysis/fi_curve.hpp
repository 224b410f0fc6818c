#pragma once
// The firing rate as a function of a constant input current (f-I curve). Each point is one run of the model
// from a stated initial state under a constant current from t = 0 to t_end. The steady rate is 1000 / the mean
// interspike interval of the spikes in a stated window (after a discarded transient): free of where the
// window cuts the train, unlike a count of spikes per window length. The first two spikes of the run give the
// first-ISI rate. The currents run in parallel; every result is placed by its index, so the curve is the same for any
// number of threads.
//
// Times in ms, rates in Hz (for dimensionless FitzHugh-Nagumo time, 1000 per unit of time), currents in model
// units.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// What counts as a spike in an f-I run.
//   events  the model's own spike events: the solver's located crossings of its cutoff (Izhikevich, AdEx,
//           LIF: the reset; Hodgkin-Huxley: v rising through v_detect, 0 mV)
//   peaks   maxima of v with at least the protocol's peak prominence (voltage_peaks.hpp), whatever their level
enum class SpikeDetector { events, peaks };

struct FiProtocol {
  AnyModel model;
  std::vector<double> initial_state;  // the state at t = 0 of every run
  double t_end_ms = 1000.0;
  double window_start_ms = 500.0;  // spikes before it are the discarded transient
  double window_end_ms = 1000.0;   // <= t_end_ms
  MethodOptions method;            // rk4 with located spikes at dt = 0.01 ms by default
  SpikeDetector detector = SpikeDetector::events;
  double peak_prominence = 10.0;  // units of v: the peaks counted beside the events, and by the peaks detector
};

// "events", "peaks"; the parser throws InputError naming the text and the allowed ones.
std::string_view to_string(SpikeDetector detector);
SpikeDetector parse_spike_detector(std::string_view text);

struct FiPoint {
  double current = 0.0;
  std::size_t spike_count = 0;         // in the whole run
  std::size_t window_spike_count = 0;  // in [window_start, window_end]
  // Peaks of v with the protocol's prominence in the window, whatever the detector: more of them than spikes
  // means an oscillation the detector misses (missed_oscillation).
  std::size_t window_peak_count = 0;
  bool missed_oscillation = false;  // >= 2 peaks in the window and fewer than half of them counted as spikes
  // 1000 / the mean ISI of the spikes in the window (0 with fewer than two spikes there).
  double steady_rate_hz = 0.0;
  double first_isi_rate_hz = 0.0;  // 1000 / (t2 - t1) of the run's first two spikes (0 with fewer than two)
  double first_spike_ms = 0.0;     // the run's first spike (NaN without spikes)
  SolveStatus status = SolveStatus::ok;
  std::string message;  // the solver's message when status is not ok
};

// Throws InputError naming the field unless 0 <= window_start < window_end <= t_end and the initial state is
// valid for the model.
void validate(const FiProtocol& protocol);

// The run of one point: the protocol's model and initial state under `current` from t = 0 to t_end.
Problem fi_problem(const FiProtocol& protocol, double current);

// A finished run of one point: its spike events, the peaks of v (protocol.peak_prominence) and its final state.
struct FiRun {
  Solution solution;  // spike events only, nothing recorded per step
  std::vector<double> peak_times;
  std::vector<double> final_state;
};

// Solves fi_problem(protocol, current) (from protocol.initial_state).
FiRun fi_run(const FiProtocol& protocol, double current);

// One point from a finished run: rates from the spikes of protocol.detector.
FiPoint fi_point(const FiProtocol& protocol, double current, const FiRun& run);

// The f-I curve at `currents` (in the given order), using `threads` threads (0: all cores). Runs that fail
// numerically come back with their status; invalid input throws InputError.
std::vector<FiPoint> fi_curve(const FiProtocol& protocol, std::span<const double> currents, unsigned threads = 0);

// The evenly spaced currents from, from + step, ..., up to `to` (included when it is on the grid, to within
// 1e-9 steps). Throws InputError unless step > 0 and from <= to, or with more than 100,000 currents.
std::vector<double> current_range(double from, double to, double step);

}  // namespace neurodyn
