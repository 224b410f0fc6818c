#pragma once
// Backward (implicit) Euler: x1 = x0 + h f(t0 + h, x1), solved by Newton's method with the analytic Jacobian.
// During the upstroke of a quadratic integrate-and-fire model and for dt >= about 0.5 ms this equation has no
// real solution (docs/reference.md 5, mistake 4); Newton then fails to converge and the step is reported as
// unsolved, never accepted.
#include <Eigen/LU>

#include "stepper.hpp"

namespace neurodyn::detail {

struct BackwardEuler {
  static constexpr int order = 1;
  static constexpr MethodInfo info{
      "backward-euler", "backward (implicit) Euler", order, false, true,
      "x1 = x0 + h f(x1) solved by Newton with the analytic Jacobian; a step without solution is reported "
      "(--newton-failure fail|halve-step)"};
  static constexpr bool uses_start_slope = false;
  static constexpr bool solves_newton = true;
  static constexpr SolveStatus unsolved_status = SolveStatus::newton_failure;
  static constexpr std::string_view unsolved =
      "Newton's method found no solution of the implicit step; the implicit equation may have no real solution "
      "for this step during the upstroke";
  static constexpr int max_iterations = 20;

  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State&, double h) const {
    constexpr int N = Integrator::N;
    const double t1 = t + h;
    const State scale = in.model().error_scale();
    State y = x;  // the start of the step: the root connected to x0 as h -> 0
    for (int iteration = 1; iteration <= max_iterations; ++iteration) {
      const State residual = y - x - h * in.rhs(t1, y);
      const JacobianMatrix<N> newton_matrix = JacobianMatrix<N>::Identity() - h * in.jacobian(t1, y);
      const State correction = newton_matrix.partialPivLu().solve(residual);
      y -= correction;
      if (!y.allFinite()) break;
      // Converged when every correction is below 1e-12 of the variable's scale-plus-magnitude.
      const bool converged = ((correction.array().abs()) <= 1e-12 * (scale.array() + y.array().abs())).all();
      if (converged) {
        in.count_newton_iterations(iteration);
        return StepAttempt<StateVector<N>>{y, true};
      }
    }
    in.count_newton_iterations(max_iterations);
    return StepAttempt<StateVector<N>>{y, false};
  }
};

}  // namespace neurodyn::detail
