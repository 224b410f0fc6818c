#pragma once
// The linearly implicit (Rosenbrock) Euler method with step doubling: one step of
//     x1 = x0 + h (I - hJ)^-1 (f(x0) + h df/dt)
// against two half steps; their difference estimates the local error (O(h^2)) and local extrapolation
// 2 x_half - x_full gives a second-order result (Hairer & Wanner II, section IV.7 and IV.9). It is sometimes
// misnamed "adaptive exponential Rosenbrock" (docs/reference.md 5, mistake 5); it has no exponential in it.
#include <Eigen/LU>

#include "stepper.hpp"

namespace neurodyn::detail {

struct RosenbrockEulerStepDoubling {
  static constexpr int order = 2;        // with local extrapolation
  static constexpr MethodInfo info{
      "rosenbrock-euler", "linearly implicit (Rosenbrock) Euler, adaptive", order, true, true,
      "x1 = x0 + h (I - hJ)^-1 f(x0) with step doubling for the error estimate and local extrapolation; "
      "per-variable error norm (mV, pA scaled). Sometimes misnamed 'adaptive exponential Rosenbrock' "
      "(docs/reference.md 5, mistake 5)"};
  static constexpr double error_order = 2.0;  // the estimate is O(h^2): step factor err^(-1/2)

  template <class Integrator, class State>
  auto attempt(Integrator& in, double t, const State& x, const State& slope, double h) const {
    constexpr int N = Integrator::N;
    const JacobianMatrix<N> start_jacobian = in.jacobian(t, x);
    const State start_rate = in.input_rate(t, x);
    const State full = linearly_implicit_step(x, slope, start_jacobian, start_rate, h);
    const State half = linearly_implicit_step(x, slope, start_jacobian, start_rate, 0.5 * h);
    const double t_half = t + 0.5 * h;
    const State two_halves = linearly_implicit_step(half, in.rhs(t_half, half), in.jacobian(t_half, half),
                                                    in.input_rate(t_half, half), 0.5 * h);
    const State error = two_halves - full;
    return AdaptiveAttempt<StateVector<N>>{two_halves + error, in.error_norm(error, x, two_halves)};
  }

 private:
  template <class State, class Jacobian>
  static State linearly_implicit_step(const State& x, const State& slope, const Jacobian& jacobian,
                                      const State& input_rate, double h) {
    const Jacobian matrix = Jacobian::Identity() - h * jacobian;
    return x + h * matrix.partialPivLu().solve(slope + h * input_rate);
  }
};

}  // namespace neurodyn::detail
