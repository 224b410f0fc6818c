#pragma once
// Exponential Rosenbrock methods (Hochbruck, Ostermann & Schweitzer 2009, SIAM J Numer Anal 47:786), with
// J = df/dx and g = df/dt at the start of the step and phi_k = phi_k(hJ) (phi_functions.hpp):
//
//   exponential Rosenbrock-Euler (order 2, exact for linear autonomous problems):
//       U2 = x0 + h phi_1 f(x0) + h^2 phi_2 g
//   exprb32 (order 3, with U2 as the embedded order-2 solution, their section 5.1):
//       D  = f(t0 + h, U2) - f(t0, x0) - J (U2 - x0) - h g      (the nonlinear remainder's change)
//       x1 = U2 + 2 h phi_3 D
// The time dependence of the input enters through the autonomous extension (t as a state with t' = 1).
#include "stepper.hpp"
#include "phi_functions.hpp"

namespace neurodyn::detail {

template <int K, class Integrator, class State>
auto exponential_euler_part(Integrator& in, double t, const State& x, const State& slope, double h) {
  const auto j = in.jacobian(t, x);
  const auto phi = phi_functions<K>((h * j).eval());
  const State rate = in.input_rate(t, x);
  const State euler = x + phi[0] * (h * slope) + phi[1] * ((h * h) * rate);
  return std::tuple{euler, j, phi, rate};
}

struct ExponentialRosenbrockEuler {
  static constexpr int order = 2;
  static constexpr MethodInfo info{
      "exp-rosenbrock-euler", "exponential Rosenbrock-Euler", order, false, true,
      "x1 = x0 + h phi1(hJ) f(x0) + h^2 phi2(hJ) df/dt, phi-functions of the exact Jacobian through the "
      "exponential of an augmented matrix (Hochbruck, Ostermann & Schweitzer 2009)"};
  static constexpr bool uses_start_slope = true;

  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State& slope, double h) const {
    const auto [euler, j, phi, rate] = exponential_euler_part<2>(in, t, x, slope, h);
    return StepAttempt<State>{euler};
  }
};

struct ExponentialRosenbrock32 {
  static constexpr int order = 3;
  static constexpr MethodInfo info{
      "exprb32", "adaptive exponential Rosenbrock 3(2)", order, true, true,
      "exprb32 of Hochbruck, Ostermann & Schweitzer 2009: third order with exponential Rosenbrock-Euler as "
      "the embedded second-order estimate; a true adaptive exponential Rosenbrock method"};
  static constexpr double error_order = 3.0;  // the estimate 2 h phi_3 D is O(h^3)

  template <class Integrator, class State>
  auto attempt(Integrator& in, double t, const State& x, const State& slope, double h) const {
    const auto [euler, j, phi, rate] = exponential_euler_part<3>(in, t, x, slope, h);
    const State remainder = in.rhs(t + h, euler) - slope - j * (euler - x) - h * rate;
    const State correction = phi[2] * ((2.0 * h) * remainder);
    const State end = euler + correction;
    return AdaptiveAttempt<State>{end, in.error_norm(correction, x, end)};
  }
};

}  // namespace neurodyn::detail
