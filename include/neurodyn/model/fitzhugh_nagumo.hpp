#pragma once
// FitzHugh-Nagumo: FitzHugh R (1961) Biophys J 1:445; Nagumo J, Arimoto S, Yoshizawa S (1962) Proc IRE 50:2061.
//
//   v' = v - v^3/3 - w + I
//   w' = e (v + a - b w)
//
// Everything is dimensionless: v, w, I and time (the program labels time "ms" like every other model, but one
// unit of FitzHugh-Nagumo time is not a millisecond). A smooth model: no reset; an upward crossing of
// v = v_threshold counts as a spike. With the classic a = 0.7, b = 0.8, e = 0.08 the resting state loses
// stability in a Hopf bifurcation at I = 0.3313 (REFERENCE.md section 3).
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

// The parameters shared by the first-order and the second-order (Lienard) forms, with their table.
struct FitzHughNagumoParameters {
  double a = 0.7;            // 1  offset of the w-nullcline
  double b = 0.8;            // 1  slope of w's self-decay
  double e = 0.08;           // 1  time-scale ratio of w to v
  double v_threshold = 1.0;  // 1  spike detection level of v

  // Per-variable scale of the error norm: the variables swing over 2 to 4 units, so 0.02 is to them what
  // 1 mV is to a 100 mV spike.
  static constexpr double error_scale_value = 0.02;

  // The table of the members above, for a model M derived from these parameters.
  template <class M>
  static constexpr std::array<ParameterField<M>, 4> parameter_table() {
    return {{
        {{"a", "", 0.7, -2.0, 2.0, "offset of the w-nullcline"}, &FitzHughNagumoParameters::a},
        {{"b", "", 0.8, 0.0, 3.0, "slope of w's self-decay"}, &FitzHughNagumoParameters::b},
        {{"e", "", 0.08, 0.001, 2.0, "time-scale ratio of w to v"}, &FitzHughNagumoParameters::e},
        {{"v_threshold", "", 1.0, -2.5, 2.5, "spike detection: an upward crossing of this v is a spike"},
         &FitzHughNagumoParameters::v_threshold},
    }};
  }
};

struct FitzHughNagumo : FitzHughNagumoParameters {
  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "fhn";
  static constexpr std::string_view title = "FitzHugh-Nagumo (dimensionless)";
  static constexpr std::string_view citation =
      "FitzHugh R (1961) Biophys J 1:445-466; Nagumo J et al. (1962) Proc IRE 50:2061-2070";
  static constexpr std::string_view current_unit = "dimensionless";
  static constexpr bool has_reset = false;
  static constexpr auto parameters = parameter_table<FitzHughNagumo>();
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "", "membrane potential (dimensionless)"},
      {"w", "", "recovery variable (dimensionless)"},
  }};

  State rhs(const State& x, Drive drive) const {
    const double v = x[0], w = x[1];
    return State(v - v * v * v / 3.0 - w + drive.current, e * (v + a - b * w));
  }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    JacobianMatrix<2> j;
    j << 1.0 - x[0] * x[0], -1.0, e, -e * b;
    return j;
  }
  State input_gradient(const State&) const { return State(1.0, 0.0); }
  double guard(const State& x) const { return x[0] - v_threshold; }
  // Never applied (has_reset is false): the identity.
  ResetOutcome<2> reset(const State& x) const { return {x, 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State::Constant(error_scale_value); }

  // The leftmost fixed point for a constant input I: the resting state of the classic parameters
  // (v = -1.19941, w = -0.62426 at I = 0). With b > 0 it is the smallest real root of
  // v^3 + p v + q = 0, p = 3 (1/b - 1), q = 3 (a/b - I) (eliminate w = (v + a)/b from v' = 0), found in
  // closed form (Cardano, or the trigonometric form for three real roots) and polished by Newton steps;
  // with b = 0, w' = 0 forces v = -a.
  State resting_state(double current) const {
    if (b == 0.0) return State(-a, -a + a * a * a / 3.0 + current);
    const double p = 3.0 * (1.0 / b - 1.0), q = 3.0 * (a / b - current);
    const double discriminant = q * q / 4.0 + p * p * p / 27.0;
    double v;
    if (discriminant > 0.0 || p >= 0.0) {
      // One real root; the sign choice avoids cancellation between the two cube roots.
      const double big = -std::copysign(std::cbrt(std::abs(q) / 2.0 + std::sqrt(discriminant)), q);
      v = big == 0.0 ? 0.0 : big - p / (3.0 * big);
    } else {
      const double radius = 2.0 * std::sqrt(-p / 3.0);
      const double angle = std::acos(std::clamp(3.0 * q / (p * radius), -1.0, 1.0));
      v = radius * std::cos((angle + 2.0 * std::numbers::pi) / 3.0);  // the smallest of the three
    }
    for (int i = 0; i < 2; ++i) {
      const double slope = 3.0 * v * v + p;
      if (slope != 0.0) v -= (v * v * v + p * v + q) / slope;
    }
    return State(v, (v + a) / b);
  }

  // v0 given; w0 given or the resting state's w (a displaced v with w at rest).
  State initial_state(double v0, std::optional<double> w0) const {
    return State(v0, w0.value_or(resting_state(0.0)[1]));
  }
  State default_initial_state() const { return resting_state(0.0); }
};

static_assert(NeuronModel<FitzHughNagumo>);

}  // namespace neurodyn
