#pragma once
// The input current I(t): a sum of components (step, pulse train, ramp, sine, Ornstein-Uhlenbeck noise, a
// table from a file). Each component knows where it jumps, so fixed-step solvers can split a step there and
// adaptive ones restart there. Time in ms, current in the model's current unit.
#include <string>
#include <variant>
#include <vector>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

// Which one-sided value to take at a jump: solvers integrate each smooth piece [t_a, t_b] with the right
// limit at t_a and the left limit at t_b.
enum class Side { left, right };

// amp for start < t < stop (open edges, as in the published code's strict inequalities) or
// start <= t <= stop (closed edges); stop may be +infinity. A constant is a step with start = -infinity.
struct StepCurrent {
  double amplitude = 0.0;
  double start = 0.0;
  double stop = 0.0;
  bool closed_edges = false;
};

// `count` rectangular pulses of width `width`, one every `period`, the first at `start` (open edges).
// With count > 1 the pulses must not touch: 0 <= width < period.
struct PulseTrain {
  double amplitude = 0.0;
  double start = 0.0;
  double width = 0.0;
  double period = 0.0;
  int count = 1;
};

// slope * (t - start) for start < t < stop; 0 elsewhere.
struct Ramp {
  double slope = 0.0;
  double start = 0.0;
  double stop = 0.0;
};

// offset + amp * sin(2 pi freq_hz t / 1000 + phase) for start < t < stop (t is absolute time, not t - start).
struct Sine {
  double amplitude = 0.0;
  double frequency_hz = 0.0;
  double phase = 0.0;
  double offset = 0.0;
  double start = 0.0;
  double stop = 0.0;
};

// Ornstein-Uhlenbeck noise: dI = (mean - I)/tau dt + sigma sqrt(2/tau) dW, started at the mean and sampled
// exactly on a grid of `sample_step` ms from the seed; linear between samples, so any solver sees one
// continuous function of time. The grid covers [0, span] and holds the last value after it (and the first,
// the mean, before 0). The same seed gives the same samples with every standard library: the normal
// deviates come from std::mt19937_64 through a polar-method transform of our own, not from the
// implementation-defined std::normal_distribution. Build it with parse_stimulus ("noise:...").
struct OrnsteinUhlenbeck {
  double mean = 0.0;
  double sigma = 0.0;
  double tau = 1.0;
  unsigned long long seed = 0;
  double sample_step = 0.1;
  std::vector<double> samples;
};

// A current read from a text file: linear interpolation between rows, constant outside the table.
struct CurrentTable {
  std::string path;
  int time_column = 0;
  int current_column = 1;
  double time_scale = 1.0;  // multiplies the file's times to give ms
  std::vector<double> times;
  std::vector<double> currents;
};

using StimulusComponent = std::variant<StepCurrent, PulseTrain, Ramp, Sine, OrnsteinUhlenbeck, CurrentTable>;

class Stimulus {
 public:
  Stimulus() = default;
  // Throws InputError naming the component (by position and kind), the field (by its spec key: amp, start,
  // ...) and the allowed range when a component is out of its domain.
  explicit Stimulus(std::vector<StimulusComponent> components);

  // I(t) with the published code's convention at jumps: each component's own edges (open or closed).
  // The slope of a table or noise at one of its rows is that of the segment to the right.
  Drive at(double t) const;
  // The one-sided limit at t (equal to at(t) where I is continuous). Slope is the one-sided derivative.
  Drive limit(double t, Side side) const;

  // Times within [from, to] where I or dI/dt jumps, sorted, without duplicates: the finite edges of every
  // step and pulse, a ramp's start and stop, a sine's start and stop. Solvers split their steps there, so a
  // method keeps its order across a bend of the input too. Table rows and noise samples are not listed (they
  // are many and the input is continuous there). Costs O(edges in [from, to]) for a pulse train.
  std::vector<double> discontinuities(double from, double to) const;

  // The first time after t (ms) where the input stops being one smooth function: a time of
  // discontinuities(), or a row of a table or a sample of the noise (where the linear interpolation bends).
  // +infinity if there is none. Solvers end their steps there, asking for one piece at a time, so an input of
  // 10^8 samples or pulses costs nothing before the run and a method keeps its order on sampled inputs.
  double next_piece_end(double t) const;

  // The canonical spec ("none" when empty); parse_stimulus(spec(), span) gives the same function (doubles
  // in shortest round-trip form; noise and tables by their parameters, so give the same span and file).
  std::string spec() const;

  // Whether I is constant between the times of discontinuities() (only steps and pulses): solvers then
  // evaluate it once per piece.
  bool piecewise_constant() const;
  // Whether I is linear in t between those times (steps, pulses and ramps): I(t0 + s) = I(t0) + slope s.
  bool piecewise_linear() const;

  const std::vector<StimulusComponent>& components() const { return components_; }
  bool empty() const { return components_.empty(); }

 private:
  std::vector<StimulusComponent> components_;
};

}  // namespace neurodyn
