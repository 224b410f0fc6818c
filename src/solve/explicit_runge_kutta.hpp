#pragma once
// Explicit one-step methods. Each receives the slope at the start of the step (computed once by the
// integrator) and returns the state at its end; the integrator does the rest (splitting, spikes, recording).
#include "stepper.hpp"

namespace neurodyn::detail {

// x1 = x0 + h f(t0, x0)
struct ExplicitEuler {
  static constexpr int order = 1;
  static constexpr MethodInfo info{"euler", "explicit (forward) Euler", order, false, false,
                                    "x1 = x0 + h f(x0)"};
  static constexpr bool uses_start_slope = true;
  template <class Integrator, class State>
  auto step(Integrator&, double, const State& x, const State& slope, double h) const {
    return StepAttempt<State>{x + h * slope};
  }
};

// Explicit midpoint rule: x1 = x0 + h f(t0 + h/2, x0 + h/2 f(t0, x0))
struct ExplicitMidpoint {
  static constexpr int order = 2;
  static constexpr MethodInfo info{"midpoint", "explicit midpoint (RK2)", order, false, false,
                                    "x1 = x0 + h f(x0 + h/2 f(x0))"};
  static constexpr bool uses_start_slope = true;
  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State& slope, double h) const {
    return StepAttempt<State>{x + h * in.rhs(t + 0.5 * h, x + (0.5 * h) * slope)};
  }
};

// Heun (explicit trapezoid): x1 = x0 + h/2 (k1 + k2), k2 = f(t0 + h, x0 + h k1)
struct Heun {
  static constexpr int order = 2;
  static constexpr MethodInfo info{"heun", "Heun's method (explicit trapezoid, RK2)", order, false,
                                    false, "x1 = x0 + h/2 (f(x0) + f(x0 + h f(x0)))"};
  static constexpr bool uses_start_slope = true;
  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State& slope, double h) const {
    const State k2 = in.rhs(t + h, x + h * slope);
    return StepAttempt<State>{x + (0.5 * h) * (slope + k2)};
  }
};

// The classic fourth-order Runge-Kutta method.
struct ClassicRungeKutta4 {
  static constexpr int order = 4;
  static constexpr MethodInfo info{"rk4", "classic Runge-Kutta 4", order, false, false,
                                    "the classic four-stage fourth-order method"};
  static constexpr bool uses_start_slope = true;
  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State& k1, double h) const {
    const double half = 0.5 * h;
    const State k2 = in.rhs(t + half, x + half * k1);
    const State k3 = in.rhs(t + half, x + half * k2);
    const State k4 = in.rhs(t + h, x + h * k3);
    return StepAttempt<State>{x + (h / 6.0) * (k1 + 2.0 * (k2 + k3) + k4)};
  }
};

}  // namespace neurodyn::detail
