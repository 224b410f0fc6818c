#pragma once
// FitzHugh-Nagumo in physical units, for fitting to recordings: the dimensionless system of fitzhugh_nagumo.hpp,
//
//   x' = x - x^3/3 - w + J,   w' = e (x + a - b w)        (' = d/ds, s dimensionless time)
//
// read through the linear maps  v = v_offset + v_scale x  (mV),  t = tau s  (ms),  J = gain I  (I in pA):
//
//   dv/dt = (v_scale / tau) (x - x^3/3 - w + gain I),   dw/dt = (e / tau) (x + a - b w),   x = (v - v_offset) / v_scale
//
// so that a recording is fitted in its own units (mV, ms, pA) instead of being min-max normalised to the model's.
// With v_offset = 0, v_scale = 1, tau = 1 and gain = 1 it is the dimensionless model exactly. The state is (v in mV,
// w dimensionless). A smooth model: an upward crossing of v_threshold (mV) is a spike.
#include <array>
#include <optional>

#include "neurodyn/model/fitzhugh_nagumo.hpp"
#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

template <class P>
struct BasicScaledFitzHughNagumo {
  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "fhn-scaled";
  static constexpr std::string_view title = "FitzHugh-Nagumo in physical units (mV, ms, pA)";
  static constexpr std::string_view citation =
      "FitzHugh R (1961) Biophys J 1:445-466, with linear maps of v, t and I onto mV, ms and pA";
  static constexpr std::string_view current_unit = "pA";
  static constexpr bool has_reset = false;

  P a;            // 1     offset of the w-nullcline
  P b;            // 1     slope of w's self-decay
  P e;            // 1     time-scale ratio of w to x
  P tau;          // ms    one unit of the dimensionless time
  P v_offset;     // mV    v at x = 0
  P v_scale;      // mV    v per unit of x
  P gain;         // 1/pA  dimensionless input per pA
  P v_threshold;  // mV    spike detection level of v

  static constexpr std::array<ParameterField<BasicScaledFitzHughNagumo, P>, 8> parameters{{
      {{"a", "", 0.7, -2.0, 2.0, "offset of the w-nullcline"}, &BasicScaledFitzHughNagumo::a},
      {{"b", "", 0.8, 0.0, 3.0, "slope of w's self-decay"}, &BasicScaledFitzHughNagumo::b},
      {{"e", "", 0.08, 0.001, 2.0, "time-scale ratio of w to v"}, &BasicScaledFitzHughNagumo::e},
      {{"tau", "ms", 1.0, 0.01, 1000.0, "one unit of FitzHugh-Nagumo time"}, &BasicScaledFitzHughNagumo::tau},
      {{"v_offset", "mV", -40.0, -150.0, 100.0, "v at the dimensionless x = 0"}, &BasicScaledFitzHughNagumo::v_offset},
      {{"v_scale", "mV", 20.0, 0.1, 200.0, "v per unit of the dimensionless x"}, &BasicScaledFitzHughNagumo::v_scale},
      {{"gain", "1/pA", 0.005, -10.0, 10.0, "dimensionless input per pA"}, &BasicScaledFitzHughNagumo::gain},
      {{"v_threshold", "mV", -20.0, -150.0, 100.0, "spike detection: an upward crossing of this v is a spike"},
       &BasicScaledFitzHughNagumo::v_threshold},
  }};
  // Fitting ranges: the dimensionless parameters around the classic ones, the maps around a cortical cell (rest
  // near -65 mV, spikes of 60 to 100 mV, spikes a few ms wide, 100 pA of input near the Hopf point).
  static constexpr std::array<FittingRange, 7> fitting_ranges{{
      {"a", -0.5, 1.5},
      {"b", 0.05, 2.0},
      {"e", 0.005, 0.5},
      {"tau", 0.1, 10.0},
      {"v_offset", -70.0, -10.0},
      {"v_scale", 5.0, 60.0},
      {"gain", 0.0005, 0.05},
  }};
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
      {"w", "", "recovery variable (dimensionless)", -10.0, 10.0},
  }};

  constexpr BasicScaledFitzHughNagumo() { set_table_defaults(*this); }

  // The dimensionless model with the same a, b, e.
  FitzHughNagumo dimensionless() const {
    return FitzHughNagumo({.a = double(a), .b = double(b), .e = double(e), .v_threshold = 1.0});
  }

  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T u = (x[0] - v_offset) / v_scale;
    const T& w = x[1];
    return {v_scale / tau * (u - u * u * u / 3.0 - w + gain * drive.current), e / tau * (u + a - b * w)};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - v_threshold;
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    const double u = (x[0] - v_offset) / v_scale;
    JacobianMatrix<2> j;
    j << (1.0 - u * u) / tau, -v_scale / tau, e / (tau * v_scale), -e * b / tau;
    return j;
  }
  State input_gradient(const State&) const { return State(v_scale / tau * gain, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  // Never applied (has_reset is false): the identity.
  ResetOutcome<2> reset(const State& x) const { return {x, 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  // 1 mV for v, and 0.02 for w (what 1 mV is to a 100 mV spike, as for the dimensionless model).
  State error_scale() const { return State(1.0, BasicFitzHughNagumoParameters<double>::error_scale_value); }

  // Voltage reduction: w at its steady state (x + a) / b.
  State steady_state_at(double v) const { return {v, ((v - v_offset) / v_scale + a) / b}; }
  void require_reducible() const { dimensionless().require_w_relaxes(name); }

  // The dimensionless model's resting state at J = gain I, mapped to mV.
  State resting_state(double current) const {
    const auto rest = dimensionless().resting_state(gain * current);
    return State(v_offset + v_scale * rest[0], rest[1]);
  }
  // v0 given; w0 given or the resting state's w.
  State initial_state(double v0, std::optional<double> w0) const {
    return State(v0, w0.value_or(resting_state(0.0)[1]));
  }
  State default_initial_state() const { return resting_state(0.0); }
};

using ScaledFitzHughNagumo = BasicScaledFitzHughNagumo<double>;

static_assert(NeuronModel<ScaledFitzHughNagumo>);

}  // namespace neurodyn
