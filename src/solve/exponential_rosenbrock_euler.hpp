#pragma once
// Exponential Rosenbrock-Euler (Hochbruck, Ostermann & Schweitzer 2009, SIAM J Numer Anal 47:786, eq. 2.7
// with the non-autonomous term): with J = df/dx and g = df/dt at the start of the step,
//     x1 = x0 + h phi1(hJ) f(x0) + h^2 phi2(hJ) g.
// Second order, exact for linear autonomous problems. The phi-functions are not approximated: for the
// augmented matrix  A = [[hJ, h^2 g, h f], [0, 0, 1], [0, 0, 0]]  the top of the last column of exp(A) is
// phi1(hJ) h f + phi2(hJ) h^2 g (Al-Mohy & Higham 2011, Theorem 2.1), computed by Eigen's scaling and
// squaring Pade exponential.
#include <unsupported/Eigen/MatrixFunctions>

#include "hybrid_integrator.hpp"

namespace neurodyn::detail {

struct ExponentialRosenbrockEuler {
  static constexpr int order = 2;
  static constexpr bool uses_start_slope = true;

  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State& slope, double h) const {
    constexpr int N = Integrator::N;
    using Augmented = Eigen::Matrix<double, N + 2, N + 2>;
    Augmented a = Augmented::Zero();
    a.template topLeftCorner<N, N>() = h * in.jacobian(t, x);
    a.template block<N, 1>(0, N) = (h * h) * in.input_rate(t, x);
    a.template block<N, 1>(0, N + 1) = h * slope;
    a(N, N + 1) = 1.0;
    const Augmented exponential = a.exp();
    return StepAttempt<N>{x + exponential.template block<N, 1>(0, N + 1)};
  }
};

}  // namespace neurodyn::detail
