#pragma once
// The integration loop shared by every method: a hybrid system (smooth flow + spike guard + reset map) driven
// by a piecewise-smooth input. It keeps the stimulus's jumps out of the inside of any step (a step is split
// there), handles a spike in a step the way the options say (grid or located), holds the state through a
// refractory period, records what the recorder asks for and counts the work. The steppers
// (explicit_runge_kutta.hpp, backward_euler.hpp, ...) only advance a smooth piece by one step.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <limits>
#include <optional>

#include "interpolants.hpp"
#include "located_crossing.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn::detail {

// What a fixed-step stepper returns: the state at the end of the step, or `solved == false` when an implicit
// equation could not be solved (then `end` is meaningless).
template <int N>
struct StepAttempt {
  StateVector<N> end;
  bool solved = true;
};

// What an adaptive stepper returns: the state at the end and the weighted norm of its error estimate
// (<= 1 means acceptable).
template <int N>
struct AdaptiveAttempt {
  StateVector<N> end;
  double error_norm = 0.0;
};

template <NeuronModel M>
class CvodeDriver;

template <NeuronModel M>
class HybridIntegrator {
 public:
  static constexpr int N = M::dimension;
  using State = typename M::State;

  HybridIntegrator(const M& model, const Problem& problem, const MethodOptions& options,
                   const RecordOptions& record)
      : model_(model), stimulus_(problem.stimulus), options_(options), record_(record),
        t_start_(problem.t_start), t_end_(problem.t_end),
        breaks_(problem.stimulus.discontinuities(problem.t_start, problem.t_end)) {
    // Jumps at the ends of the span need no splitting; drop them.
    std::erase_if(breaks_, [&](double t) { return t <= t_start_ || t >= t_end_; });
    solution_.dimension = N;
    for (int i = 0; i < N; ++i) x_[i] = problem.initial_state[static_cast<std::size_t>(i)];
    t_ = t_start_;
    piece_start_ = t_start_;
    piece_end_ = breaks_.empty() ? t_end_ : breaks_.front();
    piece_input_ = stimulus_.limit(piece_start_, Side::right);
    // The input may already be on at t_start (a state such as the Lienard form's v' is defined with I = 0).
    x_ = model_.on_input_jump(x_, 0.0, stimulus_.limit(t_start_, Side::right).current);
  }

  // ---- services for the steppers ----

  const M& model() const { return model_; }
  const MethodOptions& options() const { return options_; }

  // The input on the current smooth piece [piece_start, piece_end]: one-sided limits at its ends, so a stage
  // that lands on a jump (up to rounding) sees the value of its own piece.
  Drive drive(double t) const {
    if (constant_input_) return piece_input_;
    if (t <= piece_start_) return stimulus_.limit(piece_start_, Side::right);
    if (t >= piece_end_) return stimulus_.limit(piece_end_, Side::left);
    return stimulus_.limit(t, Side::right);
  }

  State rhs(double t, const State& x) {
    ++solution_.statistics.rhs_evaluations;
    return model_.rhs(x, drive(t));
  }

  JacobianMatrix<N> jacobian(double t, const State& x) {
    ++solution_.statistics.jacobian_evaluations;
    return model_.jacobian(x, drive(t));
  }

  // df/dt along the input: df/dI * dI/dt.
  State input_rate(double t, const State& x) const { return model_.input_gradient(x) * drive(t).slope; }

  void count_newton_iterations(long long iterations) { solution_.statistics.newton_iterations += iterations; }
  void count_rhs_evaluations(long long evaluations) { solution_.statistics.rhs_evaluations += evaluations; }

  // Weighted RMS norm of an error estimate: each variable against atol * its scale + rtol * |value|, so mV
  // and pA are never mixed (REFERENCE.md 5, mistake 5).
  double error_norm(const State& error, const State& start, const State& end) const {
    const State scale = model_.error_scale();
    double sum = 0.0;
    for (int i = 0; i < N; ++i) {
      const double weight =
          options_.atol * scale[i] + options_.rtol * std::max(std::abs(start[i]), std::abs(end[i]));
      sum += (error[i] / weight) * (error[i] / weight);
    }
    return std::sqrt(sum / N);
  }

  // ---- the loops ----

  // A fixed-step method on the grid t_start + k dt; a step holding a jump of the input, a located spike or
  // the end of a refractory period is split there and the grid is kept.
  template <class Stepper>
  Solution run_fixed(const Stepper& stepper) {
    const double dt = options_.dt;
    const auto grid_steps = static_cast<long long>(std::ceil((t_end_ - t_start_) / dt - 1e-9));
    if (record_.mode == RecordOptions::Mode::full) reserve_samples(grid_steps / record_.every + 2);
    record_sample(t_start_, x_);
    for (long long k = 1; k <= grid_steps && !failed_; ++k) {
      const double target = k == grid_steps ? t_end_ : t_start_ + static_cast<double>(k) * dt;
      advance_fixed_to(target, stepper);
      if (!failed_ && (k % record_.every == 0 || k == grid_steps)) record_sample(t_, x_);
    }
    return finish();
  }

  // An adaptive method: steps chosen by the error estimate of `stepper.attempt`, never across a jump of the
  // input (the step ends there and the next one restarts with the new value).
  template <class Stepper>
  Solution run_adaptive(const Stepper& stepper) {
    start_output_grid();
    double h = std::min(options_.dt, t_end_ - t_start_);
    long long accepted = 0;
    while (t_ < t_end_ && !failed_) {
      if (skip_hold(t_end_)) continue;
      const bool lands_on_piece_end = h >= piece_end_ - t_;
      const double step = lands_on_piece_end ? piece_end_ - t_ : h;
      const State start_slope = slope_at_start();
      const auto attempt = stepper.attempt(*this, t_, x_, start_slope, step);
      const bool finite = attempt.end.allFinite() && std::isfinite(attempt.error_norm);
      if (!finite || attempt.error_norm > 1.0) {
        ++solution_.statistics.rejected_steps;
        h = step * (finite ? std::max(0.2, 0.9 * std::pow(attempt.error_norm, -1.0 / Stepper::error_order))
                           : 0.25);
        if (h < options_.min_step) {
          fail(SolveStatus::step_too_small,
               fmt::format("the step fell below min_step = {:g} ms at t = {:.17g} ms ({}); the error could not "
                           "be controlled",
                           options_.min_step, t_, describe(x_)));
        }
        continue;
      }
      if (!count_step()) break;
      const double t_end_of_step = lands_on_piece_end ? piece_end_ : t_ + step;
      const double growth = attempt.error_norm > 0.0
                                ? std::min(5.0, 0.9 * std::pow(attempt.error_norm, -1.0 / Stepper::error_order))
                                : 5.0;
      h = step * std::max(0.2, growth);
      const State before = x_;
      bool spiked = false;
      if constexpr (requires { stepper.dense_output(attempt, x_, step); }) {
        spiked = finish_step(t_end_of_step, attempt.end, attempt.end_slope,
                             [&] { return stepper.dense_output(attempt, x_, step); });
      } else {
        spiked = finish_step(t_end_of_step, attempt.end, std::nullopt,
                             default_path(start_slope, t_end_of_step, attempt.end, Stepper::order));
      }
      if (!failed_ && diverged(x_)) fail_unstable(t_, before);
      if (failed_) break;
      if (t_ >= piece_end_ && piece_end_ < t_end_) cross_break();
      ++accepted;
      if (!output_grid_ && !spiked && (accepted % record_.every == 0 || t_ >= t_end_)) record_sample(t_, x_);
    }
    finish_output_grid();
    return finish();
  }

  // The scheme of Izhikevich's published code (REFERENCE.md 1.1), with its switches: Euler for v (in one or
  // two sub-steps), then the other variables from the new or the old v; spikes detected on the grid with
  // the strict v > vpeak, labelled with the time at the start of their step, reset in the same step or at
  // the start of the next. Samples t_k = k tau, k = 0 .. T/tau inclusive, each labelled t_k while holding the
  // state after its step, as the published figure does; the input is the code's I(t_k) with its own strict
  // inequalities.
  Solution run_published() {
    const double tau = options_.dt;
    const auto& scheme = options_.published;
    const auto last = static_cast<long long>(std::llround((t_end_ - t_start_) / tau));
    for (long long k = 0; k <= last && !failed_; ++k) {
      const double t = t_start_ + static_cast<double>(k) * tau;
      if (t < hold_until_) {
        if (k % record_.every == 0 || k == last) record_sample(t, x_);
        continue;
      }
      const Drive input = stimulus_.at(t);
      if (!scheme.reset_in_same_step && model_.guard(x_) > 0.0) published_spike(t, x_);
      const State old = x_;
      State next = x_;
      const double v_step = tau / scheme.v_substeps;
      for (int substep = 0; substep < scheme.v_substeps; ++substep) {
        ++solution_.statistics.rhs_evaluations;
        next[0] += v_step * model_.rhs(next, input)[0];
      }
      State for_others = old;
      if (scheme.u_from_new_v) for_others[0] = next[0];
      ++solution_.statistics.rhs_evaluations;
      const State others_rate = model_.rhs(for_others, input);
      for (int i = 1; i < N; ++i) next[i] = old[i] + tau * others_rate[i];
      if (!count_step()) break;
      if (diverged(next)) {
        fail_unstable(t + tau, old);
        break;
      }
      x_ = next;
      t_ = t + tau;
      if (scheme.reset_in_same_step && model_.guard(x_) > 0.0) {
        published_spike(t, x_);
        if (failed_) break;
        if (record_.mode == RecordOptions::Mode::full) append_sample(t, x_);
        continue;
      }
      if (k % record_.every == 0 || k == last) record_sample(t, x_);
    }
    return finish();
  }

 private:
  template <NeuronModel>
  friend class CvodeDriver;

  // Advances a fixed-step method from t_ to `target` (a grid point), splitting where needed.
  template <class Stepper>
  void advance_fixed_to(double target, const Stepper& stepper) {
    double largest_step = std::numeric_limits<double>::infinity();  // shrinks on Newton failures
    while (t_ < target && !failed_) {
      if (skip_hold(target)) continue;
      const double piece_limited_end = std::min(target, piece_end_);
      const bool whole = largest_step >= piece_limited_end - t_;
      const double step_end = whole ? piece_limited_end : t_ + largest_step;
      State start_slope;
      if constexpr (Stepper::uses_start_slope) start_slope = slope_at_start();
      const auto attempt = stepper.step(*this, t_, x_, start_slope, step_end - t_);
      if constexpr (requires { Stepper::unsolved; }) {
        if (!attempt.solved) {
          if (Stepper::solves_newton) ++solution_.statistics.newton_failures;
          if (!handle_unsolved_step(Stepper::unsolved_status, Stepper::unsolved, step_end - t_, largest_step)) {
            return;
          }
          continue;
        }
      }
      if (!count_step()) return;
      if (!attempt.end.allFinite()) {
        fail_unstable(step_end, x_);
        return;
      }
      if constexpr (!Stepper::uses_start_slope) start_slope = State::Zero();
      const State before = x_;
      if constexpr (requires { stepper.dense_output(attempt); }) {
        finish_step(step_end, attempt.end, std::nullopt, [&] { return stepper.dense_output(attempt); });
      } else {
        finish_step(step_end, attempt.end, std::nullopt,
                    default_path(start_slope, step_end, attempt.end, Stepper::order));
      }
      if (!failed_ && diverged(x_)) fail_unstable(t_, before);
      if (!failed_ && t_ >= piece_end_ && piece_end_ < t_end_) cross_break();
    }
  }

  // An implicit equation (backward Euler) or a series (Parker-Sochacki) could not be solved on this step:
  // fail, or retry with half the step, as the options say.
  bool handle_unsolved_step(SolveStatus status, std::string_view reason, double step, double& largest_step) {
    const auto where = fmt::format("at t = {:.17g} ms with step {:g} ms ({})", t_, step, describe(x_));
    if (options_.newton_failure == NewtonFailurePolicy::fail) {
      fail(status, fmt::format("{} {}: use a smaller dt or --newton-failure halve-step", reason, where));
      return false;
    }
    ++solution_.statistics.rejected_steps;
    largest_step = step / 2;
    if (largest_step < options_.min_step) {
      fail(SolveStatus::step_too_small,
           fmt::format("halving the step after failures went below min_step = {:g} ms {}: {}", options_.min_step,
                       where, reason));
      return false;
    }
    return true;
  }

  // The interpolant a method without a dense output of its own gets: linear for first-order methods, cubic
  // Hermite otherwise (one extra evaluation of f, on steps that hold a crossing only).
  auto default_path(const State& start_slope, double step_end, const State& end, int order) {
    return [this, start_slope, step_end, end, order, start = x_, h = step_end - t_]() {
      std::function<State(double)> path;
      if (order <= 1) {
        path = LinearInterpolant<N>{start, end};
      } else {
        path = CubicHermiteInterpolant<N>{start, start_slope, end, rhs(step_end, end), h};
      }
      return path;
    };
  }

  // The step [t_, step_end] produced `end` (and `end_slope` = f there, when the method has it). Looks for an
  // upward crossing of the guard and handles it, locating it on `make_path()` (an interpolant of the step in
  // its fraction theta); leaves t_ and x_ where integration continues. Returns whether a spike occurred.
  template <class MakePath>
  bool finish_step(double step_end, const State& end, const std::optional<State>& end_slope, MakePath&& make_path) {
    const double guard_start = model_.guard(x_);
    const double guard_end = model_.guard(end);
    const double step_start = t_, h = step_end - t_;
    if (!(guard_start < 0.0 && guard_end >= 0.0)) {
      if (output_grid_) emit_outputs(step_end, make_path(), step_start, h);
      t_ = step_end;
      x_ = end;
      slope_valid_ = end_slope.has_value();
      if (slope_valid_) slope_ = *end_slope;
      return false;
    }
    if (options_.spikes == SpikeHandling::grid) {
      if (output_grid_) emit_outputs(step_end, make_path(), step_start, h);
      fire(step_end, end);
      return true;
    }
    const auto path = make_path();
    const double theta =
        located_crossing([&](double s) { return model_.guard(path(s)); }, guard_start, guard_end);
    if (output_grid_) emit_outputs(M::has_reset ? t_ + theta * h : step_end, path, step_start, h);
    if constexpr (!M::has_reset) {
      // A smooth model: the crossing only marks the spike; the step stands as computed.
      add_spike(t_ + theta * h);
      t_ = step_end;
      x_ = end;
      slope_valid_ = false;
      return true;
    }
    fire(t_ + theta * h, path(theta));
    return true;
  }

  // A spike at `time` in `state` (at or above the cutoff): record it, apply the reset and its hold.
  void fire(double time, const State& state) {
    add_spike(time);
    if (failed_) return;
    t_ = time;
    slope_valid_ = false;
    if constexpr (M::has_reset) {
      const bool keep_spike_samples = record_.mode == RecordOptions::Mode::full && record_.every == 1 && !output_grid_;
      if (keep_spike_samples) append_sample(time, state);
      const ResetOutcome<N> outcome = model_.reset(state);
      x_ = outcome.state;
      hold_until_ = time + outcome.hold_ms;
      if (keep_spike_samples && time < t_end_) append_sample(time, x_);
      if (!(model_.guard(x_) < 0.0)) {
        fail(SolveStatus::unstable,
             fmt::format("the reset at t = {:.17g} ms lands at or above the spike cutoff ({}); check c and vpeak",
                         time, describe(x_)));
      }
    } else {
      x_ = state;
    }
  }

  // The published code records the cutoff itself at a spike (v(i) = vpeak, or vpeak -+ 0.1 u for the book's
  // LTS and TC cells): every guard here is v minus its cutoff, so v - guard is that value.
  void published_spike(double label, const State& state) {
    add_spike(label);
    State recorded = state;
    recorded[0] -= model_.guard(state);
    if (record_.mode == RecordOptions::Mode::full) append_sample(label, recorded);
    const ResetOutcome<N> outcome = model_.reset(state);
    x_ = outcome.state;
    hold_until_ = label + outcome.hold_ms;
  }

  void add_spike(double time) {
    if (!solution_.spike_times.empty() && time <= solution_.spike_times.back()) {
      fail(SolveStatus::runaway_burst,
           fmt::format("runaway: spikes at the same time t = {:.17g} ms; the reset does not leave the spiking "
                       "region ({})",
                       time, describe(x_)));
      return;
    }
    solution_.spike_times.push_back(time);
    const auto& spikes = solution_.spike_times;
    const auto window = static_cast<std::size_t>(options_.runaway_window);
    if (spikes.size() > window) {
      const double span = time - spikes[spikes.size() - 1 - window];
      if (span * options_.max_rate_hz < 1000.0 * static_cast<double>(window)) {
        fail(SolveStatus::runaway_burst,
             fmt::format("runaway burst: {} spikes in {:.3g} ms up to t = {:.17g} ms, faster than max_rate_hz = {:g}; "
                         "the solution bursts without bound here, or the bound (--max-rate-hz) is too low",
                         window + 1, span, time, options_.max_rate_hz));
      }
    }
  }

  // While the state is held after a reset (refractory period), time advances with the state frozen.
  bool skip_hold(double target) {
    if (!(t_ < hold_until_)) return false;
    const double until = std::min(hold_until_, target);
    if (output_grid_) emit_outputs(until, [this](double) { return x_; }, t_, until - t_);
    t_ = until;
    slope_valid_ = false;
    while (t_ >= piece_end_ && piece_end_ < t_end_) cross_break();
    return true;
  }

  // Moves to the next smooth piece of the input; models whose state depends on I itself are told of the jump.
  void cross_break() {
    const double at = piece_end_;
    x_ = model_.on_input_jump(x_, stimulus_.limit(at, Side::left).current,
                              stimulus_.limit(at, Side::right).current);
    ++next_break_;
    piece_start_ = at;
    piece_end_ = next_break_ < breaks_.size() ? breaks_[next_break_] : t_end_;
    piece_input_ = stimulus_.limit(piece_start_, Side::right);
    slope_valid_ = false;
  }

  State slope_at_start() {
    if (!slope_valid_) {
      slope_ = rhs(t_, x_);
      slope_valid_ = true;
    }
    return slope_;
  }

  bool count_step() {
    if (++solution_.statistics.steps > options_.max_steps) {
      fail(SolveStatus::max_steps,
           fmt::format("the step budget max_steps = {} was exhausted at t = {:.17g} ms", options_.max_steps, t_));
      return false;
    }
    return true;
  }

  // A blow-up: a non-finite state, or one beyond any physical scale (1e12 in the model's units), which an
  // unstable explicit step reaches a few steps before it overflows.
  static bool diverged(const State& x) { return !(x.array().abs() <= 1e12).all(); }

  void fail_unstable(double time, const State& last_good) {
    fail(SolveStatus::unstable,
         fmt::format("the state diverged (non-finite or beyond 1e12: a blow-up) in the step ending at t = {:.17g} "
                     "ms; state before that step: {}; use a smaller dt or a stabler method",
                     time, describe(last_good)));
  }

  void fail(SolveStatus status, std::string message) {
    failed_ = true;
    solution_.status = status;
    solution_.message = std::move(message);
  }

  std::string describe(const State& x) const {
    std::string text;
    for (int i = 0; i < N; ++i) {
      const auto& variable = M::state_variables[static_cast<std::size_t>(i)];
      text += fmt::format("{}{} = {:g} {}", i ? ", " : "", variable.name, x[i], variable.unit);
    }
    return text;
  }

  // The uniform output grid of adaptive methods (RecordOptions::output_step).
  void start_output_grid() {
    output_grid_ = record_.output_step > 0.0;
    record_sample(t_start_, x_);
    next_output_index_ = 1;
  }

  double output_time(long long index) const { return t_start_ + static_cast<double>(index) * record_.output_step; }

  // Records every grid time in (last recorded, until] from path(theta), theta = (time - step_start) / h.
  template <class Path>
  void emit_outputs(double until, const Path& path, double step_start, double h) {
    for (double t = output_time(next_output_index_); t <= until && t <= t_end_;
         t = output_time(++next_output_index_)) {
      record_sample(t, path(h > 0.0 ? (t - step_start) / h : 1.0));
    }
  }

  // The last sample lies at t_end even where the grid does not reach it.
  void finish_output_grid() {
    if (output_grid_ && !failed_ && output_time(next_output_index_ - 1) < t_end_) record_sample(t_end_, x_);
  }

  void record_sample(double t, const State& x) {
    if (record_.callback) record_.callback(t, std::span<const double>(x.data(), N));
    if (record_.mode == RecordOptions::Mode::full) append_sample(t, x);
  }

  void reserve_samples(long long count) {
    solution_.times.reserve(static_cast<std::size_t>(count));
    solution_.states.reserve(static_cast<std::size_t>(count) * N);
  }

  void append_sample(double t, const State& x) {
    solution_.times.push_back(t);
    solution_.states.insert(solution_.states.end(), x.data(), x.data() + N);
  }

  Solution finish() { return std::move(solution_); }

  const M& model_;
  const Stimulus& stimulus_;
  const MethodOptions& options_;
  const RecordOptions& record_;
  const double t_start_, t_end_;
  std::vector<double> breaks_;
  std::size_t next_break_ = 0;
  double piece_start_ = 0.0, piece_end_ = 0.0;
  const bool constant_input_ = stimulus_.piecewise_constant();
  Drive piece_input_;  // the input on the current piece, when it is constant there
  double t_ = 0.0;
  State x_;
  State slope_ = State::Zero();
  bool slope_valid_ = false;
  double hold_until_ = -std::numeric_limits<double>::infinity();
  bool failed_ = false;
  bool output_grid_ = false;
  long long next_output_index_ = 1;
  Solution solution_;
};

}  // namespace neurodyn::detail
