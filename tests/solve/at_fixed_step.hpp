#pragma once
// A test's view of an adaptive method: its stepper held at a fixed step, so its classical order can be
// measured through FixedStepDriver.
#include "stepper.hpp"

namespace neurodyn::testing {

// An adaptive stepper held at a fixed step: its attempt's solution taken whatever its error estimate, and its
// dense output (where it has one) for the spike crossings.
template <class Adaptive>
struct AtFixedStep {
  static constexpr int order = Adaptive::order;
  static constexpr bool uses_start_slope = true;  // always the true f(t, x): correct for every stepper
  Adaptive stepper;

  template <class Attempt, class State>
  struct Step {
    State end;
    Attempt attempt;
    State start;
    double h;
  };

  template <class M>
  auto step(detail::SystemView<M>& system, double t, const typename M::State& x, const typename M::State& slope,
            double h) const {
    auto attempt = stepper.attempt(system, t, x, slope, h);
    return Step<decltype(attempt), typename M::State>{attempt.end, attempt, x, h};
  }

  template <class Attempt, class State>
    requires detail::DenseOutputFromStep<Adaptive, Attempt, State>
  auto dense_output(const Step<Attempt, State>& step) const {
    return stepper.dense_output(step.attempt, step.start, step.h);
  }
};

}  // namespace neurodyn::testing
