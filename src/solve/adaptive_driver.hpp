#pragma once
// An adaptive method: steps chosen by the error estimate of the stepper's attempt (step_size_controller.hpp),
// never across a jump of the input (the step ends there and the next one restarts with the new value).
// Samples are taken at every k-th accepted step, or on the uniform output grid from the dense output.
#include <algorithm>

#include "hybrid_integrator.hpp"
#include "step_size_controller.hpp"
#include "stepper.hpp"

namespace neurodyn::detail {

template <NeuronModel M, AdaptiveStepper<M> Stepper>
class AdaptiveDriver {
 public:
  using State = typename M::State;

  explicit AdaptiveDriver(HybridIntegrator<M>& run, Stepper stepper = {})
      : run_(run), stepper_(stepper), controller_(Stepper::error_order),
        h_(std::min(run.options().dt, run.t_end() - run.t_start())) {
    run_.recorder().start_output_grid(run_.state());
  }

  // Integrates until the run has passed t (ms) or ended; the step-size history carries over between calls,
  // so a run advanced in pieces gives the same bytes as one advanced at once.
  MaybeFailure advance_to(double t) {
    const double until = std::min(t, run_.t_end());
    while (run_.time() < until) {
      if (const auto hold = run_.skip_hold(run_.t_end()); hold.happened) {
        if (hold.failure) return hold.failure;
        continue;
      }
      if (auto failure = attempt_step()) return failure;
    }
    return std::nullopt;
  }

  // After a run that did not fail, the last sample at t_end on the output grid.
  void finish(bool failed) {
    if (!failed) run_.recorder().finish_output_grid(run_.state());
  }

 private:
  // One attempt: accepted (the run moves on) or rejected (the step shrinks).
  MaybeFailure attempt_step() {
    const double t = run_.time(), piece_end = run_.input().piece_end();
    const bool lands_on_piece_end = h_ >= piece_end - t;
    const double step = lands_on_piece_end ? piece_end - t : h_;
    const State start_slope = run_.slope_at_start();
    const auto attempt = stepper_.attempt(run_.system(), t, run_.state(), start_slope, step);
    const bool finite = attempt.end.allFinite() && std::isfinite(attempt.error_norm);
    if (!finite || attempt.error_norm > 1.0) {
      ++run_.statistics().rejected_steps;
      h_ = controller_.after_rejection(step, attempt.error_norm, finite);
      if (h_ < run_.options().min_step) {
        return Failure{SolveStatus::step_too_small,
                       fmt::format("the step fell below min_step = {:g} ms at t = {:.17g} ms ({}); the error "
                                   "could not be controlled",
                                   run_.options().min_step, t, run_.describe(run_.state()))};
      }
      return std::nullopt;
    }
    if (auto failure = run_.count_step()) return failure;
    const double t_end_of_step = lands_on_piece_end ? piece_end : t + step;
    h_ = controller_.after_acceptance(step, attempt.error_norm);
    const State before = run_.state();
    bool spiked = false;
    MaybeFailure failure;
    if constexpr (DenseOutputFromStep<Stepper, decltype(attempt), State>) {
      failure = run_.finish_step(t_end_of_step, attempt.end, attempt.end_slope,
                                 [&] { return stepper_.dense_output(attempt, before, step); }, spiked);
    } else {
      failure = run_.finish_step(t_end_of_step, attempt.end, std::nullopt,
                                 run_.default_path(start_slope, t_end_of_step, attempt.end, Stepper::order),
                                 spiked);
    }
    if (failure) return failure;
    if (HybridIntegrator<M>::diverged(run_.state())) return run_.unstable(run_.time(), before);
    if (auto jump_failure = run_.cross_break_if_due().failure) return jump_failure;
    ++accepted_;
    if (!run_.recorder().on_output_grid() && !spiked &&
        (run_.recorder().records_step(accepted_) || run_.time() >= run_.t_end())) {
      run_.recorder().sample(run_.time(), run_.state());
    }
    return std::nullopt;
  }

  HybridIntegrator<M>& run_;
  Stepper stepper_;
  StepSizeController controller_;
  double h_;  // ms: the next step to try
  long long accepted_ = 0;
};

}  // namespace neurodyn::detail
