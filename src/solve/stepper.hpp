#pragma once
// The stepper contract. A stepper advances one smooth piece of a hybrid system by one step and knows nothing
// else: spikes, resets, input jumps, recording and step-size control belong to the drivers
// (fixed_step_driver.hpp, adaptive_driver.hpp). A stepper sees the system only through a SystemView (the
// right-hand side, its Jacobian, the input's rate of change, the error norm and the work counters), so the
// same steppers serve a single neuron and any other driver that provides such a view.
//
//   FixedStepper      step(system, t, x, slope, h) -> an attempt with .end (and .solved when it may fail)
//                     static order (classical order), uses_start_slope (whether `slope` = f(t, x) is used)
//   FailingStepper    a FixedStepper whose step may have no solution (Newton, a series that diverges):
//                     .solved, static unsolved_status and unsolved (the reason), solves_newton
//   AdaptiveStepper   attempt(system, t, x, slope, h) -> an attempt with .end and .error_norm (<= 1: accept)
//                     static order, error_order (the step factor is error_norm^(-1/error_order))
//   dense output      dense_output(attempt[, start, h]) -> a callable theta in [0, 1] -> state on the step,
//                     used to locate spikes and to fill the output grid; without it the driver interpolates
//                     (linear for first-order methods, cubic Hermite otherwise)
#include <Eigen/Core>
#include <concepts>
#include <string_view>

#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/solve/solution.hpp"
#include "system_view.hpp"

namespace neurodyn::detail {

// What a fixed-step stepper returns: the state at the end of the step, or `solved == false` when an implicit
// equation or a series could not be solved (then `end` is meaningless).
template <class State>
struct StepAttempt {
  State end;
  bool solved = true;
};

// What an adaptive stepper returns: the state at the end and the weighted norm of its error estimate.
template <class State>
struct AdaptiveAttempt {
  State end;
  double error_norm = 0.0;
};

template <class S, class M>
concept FixedStepper = NeuronModel<M> && requires(const S& stepper, SystemView<M>& system, double t,
                                                   const typename M::State& x, double h) {
  { S::order } -> std::convertible_to<int>;
  { S::uses_start_slope } -> std::convertible_to<bool>;
  { stepper.step(system, t, x, x, h).end } -> std::convertible_to<typename M::State>;
};

template <class S, class M>
concept FailingStepper = FixedStepper<S, M> && requires(const S& stepper, SystemView<M>& system, double t,
                                                         const typename M::State& x, double h) {
  { stepper.step(system, t, x, x, h).solved } -> std::convertible_to<bool>;
  { S::unsolved_status } -> std::convertible_to<SolveStatus>;
  { S::unsolved } -> std::convertible_to<std::string_view>;
  { S::solves_newton } -> std::convertible_to<bool>;
};

template <class S, class M>
concept AdaptiveStepper = NeuronModel<M> && requires(const S& stepper, SystemView<M>& system, double t,
                                                      const typename M::State& x, double h) {
  { S::order } -> std::convertible_to<int>;
  { S::error_order } -> std::convertible_to<double>;
  { stepper.attempt(system, t, x, x, h).end } -> std::convertible_to<typename M::State>;
  { stepper.attempt(system, t, x, x, h).error_norm } -> std::convertible_to<double>;
};

// Dense output of a fixed step from the attempt alone (the series of Parker-Sochacki).
template <class S, class Attempt>
concept DenseOutputFromAttempt = requires(const S& stepper, const Attempt& attempt) {
  { stepper.dense_output(attempt)(0.5) };
};

// Dense output of an adaptive step from the attempt, its start and its length (Dormand-Prince); the attempt
// then also carries the slope at its end, which the next step reuses.
template <class S, class Attempt, class State>
concept DenseOutputFromStep = requires(const S& stepper, const Attempt& attempt, const State& start, double h) {
  { stepper.dense_output(attempt, start, h)(0.5) } -> std::convertible_to<State>;
  { attempt.end_slope };
};

}  // namespace neurodyn::detail
