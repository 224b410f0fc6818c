#pragma once
// The state of one run of a hybrid system (smooth flow + spike guard + reset map, neuron_model.hpp) and the
// operations every driver shares: where the run stands (t, x, the refractory hold), the end of a step with
// its spike handled (detected, located on the step's interpolant, reset, held), the crossing of an input
// break, the step budget and the failure messages. It owns the parts with one job each: the input pieces
// (input_pieces.hpp), the spike log (spike_log.hpp), the recorder (recorder.hpp) and the view the steppers
// see (system_view.hpp). The drivers decide which steps to take: fixed_step_driver.hpp,
// adaptive_driver.hpp, published_scheme_driver.hpp, cvode_driver.hpp.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <limits>
#include <optional>

#include "failure.hpp"
#include "input_pieces.hpp"
#include "interpolants.hpp"
#include "located_crossing.hpp"
#include "neurodyn/solve/solve.hpp"
#include "recorder.hpp"
#include "spike_log.hpp"
#include "system_view.hpp"

namespace neurodyn::detail {

template <NeuronModel M>
class HybridIntegrator {
 public:
  static constexpr int N = M::dimension;
  using State = typename M::State;

  HybridIntegrator(const M& model, const Problem& problem, const MethodOptions& options,
                   const RecordOptions& record)
      : model_(model), options_(options), t_start_(problem.t_start), t_end_(problem.t_end),
        input_(problem.stimulus, problem.t_start, problem.t_end, problem.events), system_(model, input_, options, statistics_),
        recorder_(record, problem.t_start, problem.t_end), spikes_(options) {
    for (int i = 0; i < N; ++i) x_[i] = problem.initial_state[static_cast<std::size_t>(i)];
    t_ = t_start_;
    // The input may already be on at t_start (a state such as the Lienard form's v' is defined with I = 0).
    x_ = model_.on_input_jump(x_, 0.0, input_.drive(t_start_).current);
  }

  HybridIntegrator(const HybridIntegrator&) = delete;
  HybridIntegrator& operator=(const HybridIntegrator&) = delete;

  const M& model() const { return model_; }
  const MethodOptions& options() const { return options_; }
  SystemView<M>& system() { return system_; }
  InputPieces& input() { return input_; }
  Recorder<N>& recorder() { return recorder_; }
  SolverStatistics& statistics() { return statistics_; }
  double t_start() const { return t_start_; }
  double t_end() const { return t_end_; }
  double time() const { return t_; }
  const State& state() const { return x_; }

  // Moves the run to (t, x) after a smooth step; `end_slope` is f there when the method has it.
  void move_to(double t, const State& x, const std::optional<State>& end_slope = std::nullopt) {
    t_ = t;
    x_ = x;
    slope_valid_ = end_slope.has_value();
    if (slope_valid_) slope_ = *end_slope;
  }

  // f(t, x) at the current position, computed once per position.
  State slope_at_start() {
    if (!slope_valid_) {
      slope_ = system_.rhs(t_, x_);
      slope_valid_ = true;
    }
    return slope_;
  }

  // What skipping a hold or crossing a break did: whether it happened, and the failure of a spike fired by a
  // state jump there.
  struct Advance {
    bool happened = false;
    MaybeFailure failure;
  };

  // While the state is held after a reset (refractory period), time advances with the state frozen, up to
  // `target`. State jumps delivered while the state is held are lost with it; one at the hold's end acts.
  Advance skip_hold(double target) {
    if (!(t_ < hold_until_)) return {};
    const double until = std::min(hold_until_, target);
    if (recorder_.on_output_grid()) recorder_.emit_outputs(until, [this](double) { return x_; }, t_, until - t_);
    t_ = until;
    slope_valid_ = false;
    while (t_ >= input_.piece_end() && input_.ends_at_break()) {
      if (auto failure = cross_break()) return {true, failure};
    }
    return {true, std::nullopt};
  }

  // Moves to the next smooth piece of the input when the run stands at the end of the current one: models
  // whose state depends on I itself are told of the jump, and the events there jump the state (a jump that
  // lifts the guard to the cutoff fires a spike at the event's time).
  Advance cross_break_if_due() {
    if (!(t_ >= input_.piece_end() && input_.ends_at_break())) return {};
    return {true, cross_break()};
  }

  MaybeFailure count_step() {
    if (++statistics_.steps > options_.max_steps) {
      return Failure{SolveStatus::max_steps, fmt::format("the step budget max_steps = {} was exhausted at t = "
                                                         "{:.17g} ms",
                                                         options_.max_steps, t_)};
    }
    return std::nullopt;
  }

  // The step [t, step_end] produced `end` (and `end_slope` = f there, when the method has it). Looks for an
  // upward crossing of the guard and handles it, locating it on `make_path()` (an interpolant of the step in
  // its fraction theta); leaves the run where integration continues. Sets `spiked` when a spike occurred.
  template <class MakePath>
  MaybeFailure finish_step(double step_end, const State& end, const std::optional<State>& end_slope,
                           MakePath&& make_path, bool& spiked) {
    const double guard_start = model_.guard(x_);
    const double guard_end = model_.guard(end);
    const double step_start = t_, h = step_end - t_;
    spiked = guard_start < 0.0 && guard_end >= 0.0;
    if (!spiked) {
      if (recorder_.on_output_grid()) recorder_.emit_outputs(step_end, make_path(), step_start, h);
      move_to(step_end, end, end_slope);
      return std::nullopt;
    }
    if (options_.spikes == SpikeHandling::grid) {
      if (recorder_.on_output_grid()) recorder_.emit_outputs(step_end, make_path(), step_start, h);
      return fire(step_end, end);
    }
    const auto path = make_path();
    const double theta =
        located_crossing([&](double s) { return model_.guard(path(s)); }, guard_start, guard_end);
    if (recorder_.on_output_grid()) {
      recorder_.emit_outputs(M::has_reset ? t_ + theta * h : step_end, path, step_start, h);
    }
    if constexpr (!M::has_reset) {
      // A smooth model: the crossing only marks the spike; the step stands as computed.
      auto failure = add_spike(t_ + theta * h);
      move_to(step_end, end);
      return failure;
    }
    return fire(t_ + theta * h, path(theta));
  }

  // The interpolant a method without a dense output of its own gets: linear for first-order methods, cubic
  // Hermite otherwise (one extra evaluation of f, on steps that hold a crossing only).
  auto default_path(const State& start_slope, double step_end, const State& end, int order) {
    return [this, start_slope, step_end, end, order, start = x_, h = step_end - t_]() {
      std::function<State(double)> path;
      if (order <= 1) {
        path = LinearInterpolant<N>{start, end};
      } else {
        path = CubicHermiteInterpolant<N>{start, start_slope, end, system_.rhs(step_end, end), h};
      }
      return path;
    };
  }

  // A spike at `time` in `state` (at or above the cutoff): record it, apply the reset and its hold.
  MaybeFailure fire(double time, const State& state) {
    if (auto failure = add_spike(time)) return failure;
    t_ = time;
    slope_valid_ = false;
    if constexpr (M::has_reset) {
      const bool keep_spike_samples = recorder_.keeps_spike_samples();
      if (keep_spike_samples) recorder_.append(time, state);
      const ResetOutcome<N> outcome = model_.reset(state);
      x_ = outcome.state;
      hold_until_ = time + outcome.hold_ms;
      if (keep_spike_samples && time < t_end_) recorder_.append(time, x_);
      if (!(model_.guard(x_) < 0.0)) {
        return Failure{SolveStatus::unstable,
                       fmt::format("the reset at t = {:.17g} ms lands at or above the spike cutoff ({}); check c "
                                   "and vpeak",
                                   time, describe(x_))};
      }
    } else {
      x_ = state;
    }
    return std::nullopt;
  }

  // Applies the reset of a spike detected by a scheme that labels it `label` and keeps its own clock (the
  // published scheme): no hold check, no samples.
  void reset_after(double label, const State& state) {
    const ResetOutcome<N> outcome = model_.reset(state);
    x_ = outcome.state;
    hold_until_ = label + outcome.hold_ms;
  }
  double hold_until() const { return hold_until_; }

  MaybeFailure add_spike(double time) {
    return spikes_.add(time, [&] { return describe(x_); });
  }

  // A blow-up: a non-finite state, or one beyond any physical scale (1e12 in the model's units), which an
  // unstable explicit step reaches a few steps before it overflows.
  static bool diverged(const State& x) { return !(x.array().abs() <= 1e12).all(); }

  Failure unstable(double time, const State& last_good) const {
    return {SolveStatus::unstable,
            fmt::format("the state diverged (non-finite or beyond 1e12: a blow-up) in the step ending at t = "
                        "{:.17g} ms; state before that step: {}; use a smaller dt or a stabler method",
                        time, describe(last_good))};
  }

  std::string describe(const State& x) const {
    std::string text;
    for (int i = 0; i < N; ++i) {
      const auto& variable = M::state_variables[static_cast<std::size_t>(i)];
      text += fmt::format("{}{} = {:g} {}", i ? ", " : "", variable.name, x[i], variable.unit);
    }
    return text;
  }

  // The result: samples, spikes, statistics and the failure, if any. Leaves the run empty.
  Solution finish(const MaybeFailure& failure) {
    Solution solution;
    solution.dimension = N;
    solution.times = recorder_.take_times();
    solution.states = recorder_.take_states();
    solution.spike_times = spikes_.take();
    solution.statistics = statistics_;
    if (failure) {
      solution.status = failure->status;
      solution.message = failure->message;
    }
    return solution;
  }

 private:
  MaybeFailure cross_break() {
    const double at = input_.piece_end();  // at or before t_ (a hold may have carried the run past it)
    const InputJump jump = input_.cross_break();
    x_ = model_.on_input_jump(x_, jump.before, jump.after);
    slope_valid_ = false;
    if (jump.state_jumps.empty() || at < hold_until_) return std::nullopt;
    const double guard_before = model_.guard(x_);
    for (const InputEvent& event : jump.state_jumps) x_[event.target] += event.weight;
    if (!(guard_before < 0.0 && model_.guard(x_) >= 0.0)) return std::nullopt;
    return fire(t_, x_);
  }

  const M& model_;
  const MethodOptions& options_;
  const double t_start_, t_end_;
  SolverStatistics statistics_;
  InputPieces input_;
  SystemView<M> system_;
  Recorder<N> recorder_;
  SpikeLog spikes_;
  double t_ = 0.0;
  State x_;
  State slope_ = State::Zero();
  bool slope_valid_ = false;
  double hold_until_ = -std::numeric_limits<double>::infinity();
};

}  // namespace neurodyn::detail
