#pragma once
// The quadratic integrate-and-fire model (Ermentrout & Kopell 1986; Latham et al. 2000), in its normal form
//
//   v' = v^2 + I          if v >= v_peak:  v <- v_reset
//
// defined here, outside the library, as a new model is: one header satisfying NeuronModel. For I > 0 the
// time from v_reset to v_peak is exact: T = (atan(v_peak / sqrt(I)) - atan(v_reset / sqrt(I))) / sqrt(I).
#include <array>
#include <cmath>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn::testing {

struct QuadraticIntegrateAndFire {
  static constexpr int dimension = 1;
  using State = StateVector<1>;
  static constexpr std::string_view name = "qif";
  static constexpr bool has_reset = true;
  static constexpr std::array<StateVariableInfo, 1> state_variables{{{"v", "", "normal-form membrane variable", -1e6, 1e6}}};

  double v_peak = 10.0;
  double v_reset = -1.0;

  State rhs(const State& x, Drive drive) const { return State::Constant(x[0] * x[0] + drive.current); }
  JacobianMatrix<1> jacobian(const State& x, Drive) const { return JacobianMatrix<1>::Constant(2.0 * x[0]); }
  State input_gradient(const State&) const { return State::Constant(1.0); }
  double guard(const State& x) const { return x[0] - v_peak; }
  ResetOutcome<1> reset(const State&) const { return {State::Constant(v_reset), 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State::Constant(1.0); }

  // The exact time from v_reset to v_peak at a constant input I > 0.
  double period(double input) const {
    const double root = std::sqrt(input);
    return (std::atan(v_peak / root) - std::atan(v_reset / root)) / root;
  }
};

static_assert(NeuronModel<QuadraticIntegrateAndFire>);

}  // namespace neurodyn::testing
