#pragma once
// Values and one-sided limits of each stimulus component. This is the solvers' hot path (several calls per
// step), so everything here is inline, branch-light and allocation-free.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::stimulus_detail {

// Whether a one-sided limit at t sees the window (start, stop): points just left of t lie in it when
// start < t <= stop, points just right of t when start <= t < stop. The edge convention plays no part.
inline bool window_seen_from(Side side, double t, double start, double stop) {
  return side == Side::left ? (start < t && t <= stop) : (start <= t && t < stop);
}

inline bool inside_open(double t, double start, double stop) { return start < t && t < stop; }

// ---- step (and constant) ----

inline Drive value_at(const StepCurrent& step, double t) {
  const bool on = step.closed_edges ? (step.start <= t && t <= step.stop) : inside_open(t, step.start, step.stop);
  return {on ? step.amplitude : 0.0, 0.0};
}

inline Drive limit(const StepCurrent& step, double t, Side side) {
  return {window_seen_from(side, t, step.start, step.stop) ? step.amplitude : 0.0, 0.0};
}

// ---- pulse train ----

// Onset of pulse k (k = 0 .. count-1); the pulse covers (onset, onset + width). Every caller computes the
// edges with this one expression, so the jump list and the values agree to the last bit.
inline double pulse_onset(const PulseTrain& train, double k) { return train.start + k * train.period; }

// Whether some pulse covers t in the sense of `covers(t, on, off)`. Rounding can make floor((t-start)/period)
// one off near an edge, so the neighbouring pulses are checked as well (they never overlap: width < period).
template <class Covers>
bool any_pulse_covers(const PulseTrain& train, double t, Covers covers) {
  const double nearest = train.period > 0.0 ? std::floor((t - train.start) / train.period) : 0.0;
  const double last = static_cast<double>(train.count - 1);
  const double k_end = std::min(nearest + 1.0, last);
  for (double k = std::max(nearest - 1.0, 0.0); k <= k_end; k += 1.0) {
    const double on = pulse_onset(train, k);
    if (covers(t, on, on + train.width)) return true;
  }
  return false;
}

inline Drive value_at(const PulseTrain& train, double t) {
  return {any_pulse_covers(train, t, inside_open) ? train.amplitude : 0.0, 0.0};
}

inline Drive limit(const PulseTrain& train, double t, Side side) {
  const bool on = any_pulse_covers(train, t, [side](double time, double on_at, double off_at) {
    return window_seen_from(side, time, on_at, off_at);
  });
  return {on ? train.amplitude : 0.0, 0.0};
}

// ---- ramp ----

inline Drive ramp_inside(const Ramp& ramp, double t) { return {ramp.slope * (t - ramp.start), ramp.slope}; }

inline Drive value_at(const Ramp& ramp, double t) {
  return inside_open(t, ramp.start, ramp.stop) ? ramp_inside(ramp, t) : Drive{};
}

inline Drive limit(const Ramp& ramp, double t, Side side) {
  return window_seen_from(side, t, ramp.start, ramp.stop) ? ramp_inside(ramp, t) : Drive{};
}

// ---- sine ----

// w = 2 pi f / 1000 in rad/ms (f in Hz, t in ms).
inline double angular_frequency(const Sine& sine) { return 2.0 * std::numbers::pi * sine.frequency_hz / 1000.0; }
inline double sine_angle(const Sine& sine, double t) { return angular_frequency(sine) * t + sine.phase; }

// offset + amp sin(w t + phase); slope amp w cos(w t + phase).
inline Drive sine_inside(const Sine& sine, double t) {
  const double angle = sine_angle(sine, t);
  return {sine.offset + sine.amplitude * std::sin(angle),
          sine.amplitude * angular_frequency(sine) * std::cos(angle)};
}

inline Drive value_at(const Sine& sine, double t) {
  return inside_open(t, sine.start, sine.stop) ? sine_inside(sine, t) : Drive{};
}

inline Drive limit(const Sine& sine, double t, Side side) {
  return window_seen_from(side, t, sine.start, sine.stop) ? sine_inside(sine, t) : Drive{};
}

// ---- piecewise-linear samples (noise on a uniform grid, tables on any increasing grid) ----

inline Drive on_segment(double t, double t0, double t1, double c0, double c1) {
  const double slope = (c1 - c0) / (t1 - t0);
  return {c0 + slope * (t - t0), slope};
}

// Samples at t_k = k * step, k = 0 .. n-1; constant (slope 0) before t_0 and after t_{n-1}. The segment is
// [t_k, t_{k+1}) for the right limit and (t_k, t_{k+1}] for the left one: found by index arithmetic.
inline Drive on_uniform_grid(const std::vector<double>& samples, double step, double t, Side side) {
  const double position = t / step;
  const double last = static_cast<double>(samples.size() - 1);
  const double k = side == Side::right ? std::floor(position) : std::ceil(position) - 1.0;
  if (!(k >= 0.0) || (side == Side::left && position <= 0.0)) return {samples.front(), 0.0};
  if (k >= last) return {samples.back(), 0.0};
  const auto i = static_cast<std::size_t>(k);
  return on_segment(t, k * step, (k + 1.0) * step, samples[i], samples[i + 1]);
}

// Rows (times[i], values[i]) with strictly increasing times; binary search for the segment.
inline Drive on_table(const std::vector<double>& times, const std::vector<double>& values, double t, Side side) {
  const auto found = side == Side::right ? std::upper_bound(times.begin(), times.end(), t)
                                         : std::lower_bound(times.begin(), times.end(), t);
  if (found == times.begin()) return {values.front(), 0.0};
  if (found == times.end()) return {values.back(), 0.0};
  const auto i = static_cast<std::size_t>(found - times.begin());
  return on_segment(t, times[i - 1], times[i], values[i - 1], values[i]);
}

inline Drive limit(const OrnsteinUhlenbeck& noise, double t, Side side) {
  return on_uniform_grid(noise.samples, noise.sample_step, t, side);
}
inline Drive value_at(const OrnsteinUhlenbeck& noise, double t) { return limit(noise, t, Side::right); }

inline Drive limit(const CurrentTable& table, double t, Side side) {
  return on_table(table.times, table.currents, t, side);
}
inline Drive value_at(const CurrentTable& table, double t) { return limit(table, t, Side::right); }

}  // namespace neurodyn::stimulus_detail
