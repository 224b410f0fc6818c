#pragma once
// Dormand-Prince 5(4) (Dormand & Prince 1980, J Comput Appl Math 6:19), the DOPRI5 of Hairer, Norsett &
// Wanner I, section II.5: fifth-order solution, embedded fourth-order error estimate, first-same-as-last, and
// the fourth-order continuous extension of Shampine (1986) on which spike crossings are located.
#include <array>
#include <optional>

#include "stepper.hpp"

namespace neurodyn::detail {

struct DormandPrince54 {
  static constexpr int order = 5;
  static constexpr MethodInfo info{
      "dopri5", "Dormand-Prince 5(4), adaptive", order, true, false,
      "fifth-order explicit Runge-Kutta with an embedded fourth-order error estimate (per-variable norm), "
      "spike crossings located on its fourth-order dense output"};
  static constexpr double error_order = 5.0;  // the estimate is O(h^5): step factor err^(-1/5)

  template <class State>
  struct Attempt {
    State end;
    double error_norm = 0.0;
    std::optional<State> end_slope;  // k7 = f(t + h, end): the next step's k1
    std::array<State, 7> k;
  };

  template <class Integrator, class State>
  auto attempt(Integrator& in, double t, const State& x, const State& k1, double h) const {
    Attempt<State> out;
    auto& k = out.k;
    k[0] = k1;
    k[1] = in.rhs(t + h / 5, x + h * (k[0] / 5));
    k[2] = in.rhs(t + 3 * h / 10, x + h * (3.0 / 40 * k[0] + 9.0 / 40 * k[1]));
    k[3] = in.rhs(t + 4 * h / 5, x + h * (44.0 / 45 * k[0] - 56.0 / 15 * k[1] + 32.0 / 9 * k[2]));
    k[4] = in.rhs(t + 8 * h / 9, x + h * (19372.0 / 6561 * k[0] - 25360.0 / 2187 * k[1] + 64448.0 / 6561 * k[2] -
                                          212.0 / 729 * k[3]));
    k[5] = in.rhs(t + h, x + h * (9017.0 / 3168 * k[0] - 355.0 / 33 * k[1] + 46732.0 / 5247 * k[2] +
                                  49.0 / 176 * k[3] - 5103.0 / 18656 * k[4]));
    out.end = x + h * (35.0 / 384 * k[0] + 500.0 / 1113 * k[2] + 125.0 / 192 * k[3] - 2187.0 / 6784 * k[4] +
                       11.0 / 84 * k[5]);
    k[6] = in.rhs(t + h, out.end);
    out.end_slope = k[6];
    const State error = h * (71.0 / 57600 * k[0] - 71.0 / 16695 * k[2] + 71.0 / 1920 * k[3] -
                             17253.0 / 339200 * k[4] + 22.0 / 525 * k[5] - 1.0 / 40 * k[6]);
    out.error_norm = in.error_norm(error, x, out.end);
    return out;
  }

  // The continuous extension in the step fraction theta (Hairer's CONTD5).
  template <class State>
  auto dense_output(const Attempt<State>& step, const State& start, double h) const {
    const auto& k = step.k;
    const State r2 = step.end - start;
    const State r3 = h * k[0] - r2;
    const State r4 = r2 - h * k[6] - r3;
    const State r5 =
        h * (-12715105075.0 / 11282082432 * k[0] + 87487479700.0 / 32700410799 * k[2] -
             10690763975.0 / 1880347072 * k[3] + 701980252875.0 / 199316789632 * k[4] -
             1453857185.0 / 822651844 * k[5] + 69997945.0 / 29380423 * k[6]);
    return [start, r2, r3, r4, r5](double theta) -> State {
      const double rest = 1.0 - theta;
      return start + theta * (r2 + rest * (r3 + theta * (r4 + rest * r5)));
    };
  }
};

}  // namespace neurodyn::detail
