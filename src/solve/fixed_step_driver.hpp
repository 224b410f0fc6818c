#pragma once
// A fixed-step method on the grid t_start + k dt. A grid step holding a jump of the input, a located spike
// or the end of a refractory period is split there and the grid is kept; a step a FailingStepper cannot
// solve fails the run or is retried with half the step (MethodOptions::newton_failure).
#include <cmath>
#include <limits>

#include "hybrid_integrator.hpp"
#include "stepper.hpp"

namespace neurodyn::detail {

template <NeuronModel M, FixedStepper<M> Stepper>
class FixedStepDriver {
 public:
  using State = typename M::State;

  explicit FixedStepDriver(HybridIntegrator<M>& run, Stepper stepper = {})
      : run_(run), stepper_(stepper), dt_(run.options().dt),
        grid_steps_(static_cast<long long>(std::ceil((run.t_end() - run.t_start()) / dt_ - 1e-9))) {
    auto& recorder = run_.recorder();
    if (recorder.keeps_all()) recorder.reserve_for_steps(grid_steps_);
    recorder.sample(run_.t_start(), run_.state());
  }

  // Integrates until the run has passed t (ms) or ended; the grid and every step are the same whatever the
  // targets, so a run advanced in pieces gives the same bytes as one advanced at once.
  MaybeFailure advance_to(double t) {
    while (next_index_ <= grid_steps_ && run_.time() < t) {
      const long long k = next_index_++;
      const double target = k == grid_steps_ ? run_.t_end() : run_.t_start() + static_cast<double>(k) * dt_;
      if (auto failure = advance_grid_step(target)) return failure;
      if (run_.recorder().records_step(k) || k == grid_steps_) run_.recorder().sample(run_.time(), run_.state());
    }
    return std::nullopt;
  }

  void finish(bool) {}

 private:
  // From the current time to `target` (a grid point), splitting where needed.
  MaybeFailure advance_grid_step(double target) {
    double largest_step = std::numeric_limits<double>::infinity();  // shrinks on unsolved steps
    while (run_.time() < target) {
      if (const auto hold = run_.skip_hold(target); hold.happened) {
        if (hold.failure) return hold.failure;
        continue;
      }
      const double t = run_.time();
      const double piece_limited_end = std::min(target, run_.input().piece_end());
      const bool whole = largest_step >= piece_limited_end - t;
      const double step_end = whole ? piece_limited_end : t + largest_step;
      State start_slope;
      if constexpr (Stepper::uses_start_slope) start_slope = run_.slope_at_start();
      const auto attempt = stepper_.step(run_.system(), t, run_.state(), start_slope, step_end - t);
      if constexpr (FailingStepper<Stepper, M>) {
        if (!attempt.solved) {
          if (Stepper::solves_newton) ++run_.statistics().newton_failures;
          if (auto failure = retry_unsolved(step_end - t, largest_step)) return failure;
          continue;
        }
      }
      if (auto failure = run_.count_step()) return failure;
      if (!attempt.end.allFinite()) return run_.unstable(step_end, run_.state());
      if constexpr (!Stepper::uses_start_slope) start_slope = State::Zero();
      const State before = run_.state();
      bool spiked = false;
      MaybeFailure failure;
      if constexpr (DenseOutputFromAttempt<Stepper, decltype(attempt)>) {
        failure = run_.finish_step(step_end, attempt.end, std::nullopt,
                                   [&] { return stepper_.dense_output(attempt); }, spiked);
      } else {
        failure = run_.finish_step(step_end, attempt.end, std::nullopt,
                                   run_.default_path(start_slope, step_end, attempt.end, Stepper::order), spiked);
      }
      if (failure) return failure;
      if (HybridIntegrator<M>::diverged(run_.state())) return run_.unstable(run_.time(), before);
      if (auto crossing = run_.cross_break_if_due().failure) return crossing;
    }
    return std::nullopt;
  }

  // The step could not be solved: fail, or retry with half the step, as the options say.
  MaybeFailure retry_unsolved(double step, double& largest_step) {
    const auto where = fmt::format("at t = {:.17g} ms with step {:g} ms ({})", run_.time(), step,
                                   run_.describe(run_.state()));
    const auto& options = run_.options();
    if (options.newton_failure == NewtonFailurePolicy::fail) {
      return Failure{Stepper::unsolved_status, fmt::format("{} {}: use a smaller dt or --newton-failure halve-step",
                                                           Stepper::unsolved, where)};
    }
    ++run_.statistics().rejected_steps;
    largest_step = step / 2;
    if (largest_step < options.min_step) {
      return Failure{SolveStatus::step_too_small,
                     fmt::format("halving the step after failures went below min_step = {:g} ms {}: {}",
                                 options.min_step, where, Stepper::unsolved)};
    }
    return std::nullopt;
  }

  HybridIntegrator<M>& run_;
  Stepper stepper_;
  double dt_;
  long long grid_steps_;
  long long next_index_ = 1;
};

}  // namespace neurodyn::detail
