#include <algorithm>
#include <cmath>
#include <limits>

#include "component_ops.hpp"
#include "evaluate.hpp"

namespace neurodyn::stimulus_detail {
namespace {

void add_if_within(double t, double from, double to, std::vector<double>& jumps) {
  if (std::isfinite(t) && from <= t && t <= to) jumps.push_back(t);
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

// Noise and tables are interpolated linearly: continuous.
void add_jumps(const OrnsteinUhlenbeck&, double, double, std::vector<double>&) {}
void add_jumps(const CurrentTable&, double, double, std::vector<double>&) {}

}  // namespace neurodyn::stimulus_detail
