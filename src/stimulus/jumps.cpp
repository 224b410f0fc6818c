#include <algorithm>
#include <cmath>
#include <limits>

#include "component_ops.hpp"
#include "evaluate.hpp"

namespace neurodyn::stimulus_detail {
namespace {

constexpr double never = std::numeric_limits<double>::infinity();

void add_if_within(double t, double from, double to, std::vector<double>& jumps) {
  if (std::isfinite(t) && from <= t && t <= to) jumps.push_back(t);
}

// The earlier of two edges that lies after t.
double first_after(double t, double one, double other) {
  double first = never;
  for (const double edge : {one, other}) {
    if (std::isfinite(edge) && edge > t) first = std::min(first, edge);
  }
  return first;
}

}  // namespace

void add_jumps(const StepCurrent& step, double from, double to, std::vector<double>& jumps) {
  if (step.amplitude == 0.0 || !(step.start < step.stop)) return;
  add_if_within(step.start, from, to, jumps);
  add_if_within(step.stop, from, to, jumps);
}

// Only the pulses that can have an edge in [from, to] are visited, so a long train costs what it shows.
void add_jumps(const PulseTrain& train, double from, double to, std::vector<double>& jumps) {
  if (train.amplitude == 0.0 || train.width == 0.0 || !(from <= to)) return;
  double first = 0.0;
  double last = static_cast<double>(train.count - 1);
  if (train.period > 0.0) {
    first = std::max(first, std::floor((from - train.start - train.width) / train.period) - 1.0);
    last = std::min(last, std::ceil((to - train.start) / train.period) + 1.0);
  }
  for (double k = first; k <= last; k += 1.0) {
    const double on = pulse_onset(train, k);
    add_if_within(on, from, to, jumps);
    add_if_within(on + train.width, from, to, jumps);
  }
}

// A ramp bends at its start (I continuous, dI/dt jumps) and jumps or bends back to 0 at its stop.
void add_jumps(const Ramp& ramp, double from, double to, std::vector<double>& jumps) {
  if (ramp.slope == 0.0 || !(ramp.start < ramp.stop)) return;
  add_if_within(ramp.start, from, to, jumps);
  add_if_within(ramp.stop, from, to, jumps);
}

// A sine's edges are jumps where its value is not 0 and bends (dI/dt jumps) where it is.
void add_jumps(const Sine& sine, double from, double to, std::vector<double>& jumps) {
  if (!(sine.start < sine.stop) || (sine.amplitude == 0.0 && sine.offset == 0.0)) return;
  for (const double edge : {sine.start, sine.stop}) add_if_within(edge, from, to, jumps);
}

// Noise and tables are interpolated linearly: continuous (their samples are piece ends, next_piece_end).
void add_jumps(const OrnsteinUhlenbeck&, double, double, std::vector<double>&) {}
void add_jumps(const CurrentTable&, double, double, std::vector<double>&) {}

double next_piece_end(const StepCurrent& step, double t) {
  if (step.amplitude == 0.0 || !(step.start < step.stop)) return never;
  return first_after(t, step.start, step.stop);
}

// The edges come in the order on_0 < off_0 < on_1 < ... (width < period): the first after t is found from
// the pulse before the one t falls in, the same onsets add_jumps lists.
double next_piece_end(const PulseTrain& train, double t) {
  if (train.amplitude == 0.0 || train.width == 0.0) return never;
  double k = 0.0;
  if (train.period > 0.0) k = std::max(0.0, std::floor((t - train.start - train.width) / train.period) - 1.0);
  for (; k <= static_cast<double>(train.count - 1); k += 1.0) {
    const double on = pulse_onset(train, k);
    if (on > t) return on;
    if (on + train.width > t) return on + train.width;
  }
  return never;
}

double next_piece_end(const Ramp& ramp, double t) {
  if (ramp.slope == 0.0 || !(ramp.start < ramp.stop)) return never;
  return first_after(t, ramp.start, ramp.stop);
}

double next_piece_end(const Sine& sine, double t) {
  if (!(sine.start < sine.stop) || (sine.amplitude == 0.0 && sine.offset == 0.0)) return never;
  return first_after(t, sine.start, sine.stop);
}

// The samples at k * sample_step, k = 0 .. n-1, computed as on_uniform_grid computes them.
double next_piece_end(const OrnsteinUhlenbeck& noise, double t) {
  const double last = static_cast<double>(noise.samples.size()) - 1.0;
  double k = std::max(0.0, std::floor(t / noise.sample_step));
  while (k <= last && !(k * noise.sample_step > t)) k += 1.0;
  return k <= last ? k * noise.sample_step : never;
}

double next_piece_end(const CurrentTable& table, double t) {
  const auto next = std::upper_bound(table.times.begin(), table.times.end(), t);
  return next == table.times.end() ? never : *next;
}

}  // namespace neurodyn::stimulus_detail
