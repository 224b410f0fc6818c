#pragma once
// FitzHugh-Nagumo in its second-order (Lienard) form (docs/reference.md section 3). Eliminating
// w = v - v^3/3 + I - v' from the first-order system (fitzhugh_nagumo.hpp) gives
//
//   v'' + (v^2 - 1 + e b) v' + e [ (1 - b) v + (b/3) v^3 + a - b I ] = I'(t)
//
// solved as a first-order system in the state (v, dv = v'). It has the same v(t) as the first-order form
// provided v' jumps with I: w is continuous, so a jump of I by delta makes v' jump by delta (on_input_jump).
// Dimensionless like the first-order form; same parameters, same spike detection.
#include <array>
#include <optional>

#include "neurodyn/model/fitzhugh_nagumo.hpp"
#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

template <class P>
struct BasicFitzHughNagumoLienard : BasicFitzHughNagumoParameters<P> {
  using Parameters = BasicFitzHughNagumoParameters<P>;
  using Parameters::a, Parameters::b, Parameters::e, Parameters::v_threshold, Parameters::error_scale_value;

  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "fhn-lienard";
  static constexpr std::string_view title = "FitzHugh-Nagumo, second-order (Lienard) form (dimensionless)";
  static constexpr std::string_view citation =
      "FitzHugh R (1961) Biophys J 1:445-466; Lienard form by elimination of w (docs/reference.md section 3)";
  static constexpr std::string_view current_unit = "dimensionless";
  static constexpr bool has_reset = false;
  static constexpr bool state_follows_input = true;  // v' holds I (model_traits.hpp)
  // The voltage reduction (v' = 0) leaves the second equation.
  static constexpr int reduced_component = 1;

  static constexpr auto parameters = Parameters::template parameter_table<BasicFitzHughNagumoLienard>();
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "", "membrane potential (dimensionless)", -10.0, 10.0},
      {"dv", "", "dv/dt", -100.0, 100.0},
  }};

  constexpr BasicFitzHughNagumoLienard() { set_table_defaults(*this); }
  explicit constexpr BasicFitzHughNagumoLienard(const Parameters& values) : Parameters(values) {}

  BasicFitzHughNagumo<P> first_order() const { return BasicFitzHughNagumo<P>(*this); }

  // Uses drive.current (I) and drive.slope (I').
  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T &v = x[0], &dv = x[1];
    const T restoring = e * ((1.0 - b) * v + b / 3.0 * v * v * v + a - b * drive.current);
    return {dv, drive.slope - (v * v - 1.0 + e * b) * dv - restoring};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - v_threshold;
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    const double v = x[0], dv = x[1];
    JacobianMatrix<2> j;
    j << 0.0, 1.0, -2.0 * v * dv - e * ((1.0 - b) + b * v * v), -(v * v - 1.0 + e * b);
    return j;
  }
  // df/dI only; f also depends on I' (with gradient (0, 1)), which this gradient leaves out: the solvers
  // use it for df/dt = df/dI * I', exact for inputs that are piecewise linear in t (I'' = 0 inside a piece).
  State input_gradient(const State&) const { return State(0.0, e * b); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  // Never applied (has_reset is false): the identity.
  ResetOutcome<2> reset(const State& x) const { return {x, 0.0}; }
  // w = v - v^3/3 + I - v' is continuous through a jump of I, so v' jumps by the same amount as I.
  State on_input_jump(const State& x, double before, double after) const {
    return State(x[0], x[1] + (after - before));
  }
  State error_scale() const { return State::Constant(error_scale_value); }

  // Voltage reduction: at a fixed point v' = 0, and the second equation is left.
  State steady_state_at(double v) const { return {v, 0.0}; }
  void require_reducible() const { this->require_w_relaxes(name); }

  // The state (v, v') equivalent to the first-order state (v0, w0) with input I(0) = current_at_start:
  // v'(0) = v0 - v0^3/3 - w0 + I(0).
  static State from_first_order(double v0, double w0, double current_at_start) {
    return State(v0, v0 - v0 * v0 * v0 / 3.0 - w0 + current_at_start);
  }

  // u0 is w0 of the first-order form (default: the first-order resting w), converted with I(0) = 0: the
  // model does not know the input. The solve layer applies on_input_jump(x, 0, I(t_start)) at the start, which
  // completes the conversion for an input already on at t_start.
  State initial_state(double v0, std::optional<double> w0) const {
    return from_first_order(v0, w0.value_or(first_order().resting_state(0.0)[1]), 0.0);
  }
  State default_initial_state() const { return initial_state(first_order().resting_state(0.0)[0], std::nullopt); }
};

using FitzHughNagumoLienard = BasicFitzHughNagumoLienard<double>;

static_assert(NeuronModel<FitzHughNagumoLienard>);

}  // namespace neurodyn
