#pragma once
// What a run keeps of its trajectory (RecordOptions): every k-th step, or the uniform output grid
// t_start + k output_step of the adaptive methods filled from their dense output; every sample also goes to
// the callback when one is set. Spikes are kept by SpikeLog, not here.
#include <Eigen/Core>
#include <algorithm>
#include <span>
#include <vector>

#include "neurodyn/solve/solve.hpp"

namespace neurodyn::detail {

template <int N>
class Recorder {
 public:
  using State = StateVector<N>;

  Recorder(const RecordOptions& options, double t_start, double t_end)
      : options_(options), t_start_(t_start), t_end_(t_end) {}

  bool keeps_all() const { return options_.mode == RecordOptions::Mode::full; }
  // Whether the k-th step (counted from 1) is one to record (no division in the common case of every step).
  bool records_step(long long k) const { return options_.every == 1 || k % options_.every == 0; }
  // Whether samples come from the output grid instead of the steps.
  bool on_output_grid() const { return output_grid_; }
  // The samples at the cutoff and after the reset of a spike are kept at every step, not on a grid.
  bool keeps_spike_samples() const { return keeps_all() && options_.every == 1 && !output_grid_; }

  // Room for the samples of `steps` steps, every k-th of them kept (up to a million: beyond that the trace
  // grows as it is recorded, so a run that fails early never holds memory it did not use).
  void reserve_for_steps(long long steps) {
    const auto count = static_cast<std::size_t>(std::min(steps / options_.every + 2, 1'000'000LL));
    times_.reserve(count);
    states_.reserve(count * N);
  }

  // A sample for the callback and, when everything is kept, for the trace.
  void sample(double t, const State& x) {
    if (options_.callback) options_.callback(t, std::span<const double>(x.data(), N));
    if (keeps_all()) append(t, x);
  }

  // A sample for the trace only (the extra samples at a spike).
  void append(double t, const State& x) {
    times_.push_back(t);
    states_.insert(states_.end(), x.data(), x.data() + N);
  }

  // The output grid of adaptive methods, when RecordOptions::output_step > 0; records the first sample.
  void start_output_grid(const State& x) {
    output_grid_ = options_.output_step > 0.0;
    sample(t_start_, x);
    next_output_index_ = 1;
  }

  // Records every grid time in (last recorded, until] from path(theta), theta = (time - step_start) / h.
  template <class Path>
  void emit_outputs(double until, const Path& path, double step_start, double h) {
    for (double t = output_time(next_output_index_); t <= until && t <= t_end_;
         t = output_time(++next_output_index_)) {
      sample(t, path(h > 0.0 ? (t - step_start) / h : 1.0));
    }
  }

  // The last sample lies at t_end even where the grid does not reach it.
  void finish_output_grid(const State& x) {
    if (output_grid_ && output_time(next_output_index_ - 1) < t_end_) sample(t_end_, x);
  }

  std::vector<double> take_times() { return std::move(times_); }
  std::vector<double> take_states() { return std::move(states_); }

 private:
  double output_time(long long index) const { return t_start_ + static_cast<double>(index) * options_.output_step; }

  const RecordOptions& options_;
  double t_start_, t_end_;
  bool output_grid_ = false;
  long long next_output_index_ = 1;
  std::vector<double> times_;
  std::vector<double> states_;
};

}  // namespace neurodyn::detail
