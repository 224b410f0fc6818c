#include <fmt/format.h>

#include <limits>

#include "component_ops.hpp"

namespace neurodyn::stimulus_detail {

// fmt's "{}" prints a double in its shortest form that reads back to the same bits (inf as "inf").

std::string canonical_spec(const StepCurrent& step) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  if (step.start == -infinity && step.stop == infinity) return fmt::format("const:amp={}", step.amplitude);
  return fmt::format("step:amp={},start={},stop={},edges={}", step.amplitude, step.start, step.stop,
                     step.closed_edges ? "closed" : "open");
}

std::string canonical_spec(const PulseTrain& train) {
  return fmt::format("pulses:amp={},start={},width={},period={},count={}", train.amplitude, train.start,
                     train.width, train.period, train.count);
}

std::string canonical_spec(const Ramp& ramp) {
  return fmt::format("ramp:slope={},start={},stop={}", ramp.slope, ramp.start, ramp.stop);
}

std::string canonical_spec(const Sine& sine) {
  return fmt::format("sine:amp={},freq_hz={},phase={},offset={},start={},stop={}", sine.amplitude,
                     sine.frequency_hz, sine.phase, sine.offset, sine.start, sine.stop);
}

// The parameters, not the samples: the same spec and span draw the same samples again.
std::string canonical_spec(const OrnsteinUhlenbeck& noise) {
  return fmt::format("noise:mean={},sigma={},tau={},seed={},sample_step={}", noise.mean, noise.sigma, noise.tau,
                     noise.seed, noise.sample_step);
}

// The file is read again; validate() allows only the two time scales the grammar can name.
std::string canonical_spec(const CurrentTable& table) {
  return fmt::format("file:{},time_col={},current_col={},time_unit={}", table.path, table.time_column,
                     table.current_column, table.time_scale == 1000.0 ? "s" : "ms");
}

}  // namespace neurodyn::stimulus_detail
