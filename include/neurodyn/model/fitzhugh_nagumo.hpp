#pragma once
// FitzHugh-Nagumo: FitzHugh R (1961) Biophys J 1:445; Nagumo J, Arimoto S, Yoshizawa S (1962) Proc IRE 50:2061.
//
//   v' = v - v^3/3 - w + I
//   w' = e (v + a - b w)
//
// Everything is dimensionless: v, w, I and time (the program labels time "ms" like every other model, but one
// unit of FitzHugh-Nagumo time is not a millisecond). A smooth model: no reset; an upward crossing of
// v = v_threshold counts as a spike. With the classic a = 0.7, b = 0.8, e = 0.08 the resting state loses
// stability in a Hopf bifurcation at I = 0.3313 (docs/reference.md section 3).
#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <optional>
#include <string_view>

#include "neurodyn/error.hpp"
#include "neurodyn/model/model_traits.hpp"
#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/power_series.hpp"

namespace neurodyn {

// The parameters shared by the first-order and the second-order (Lienard) forms, with their table.
template <class P>
struct BasicFitzHughNagumoParameters {
  P a;            // 1  offset of the w-nullcline
  P b;            // 1  slope of w's self-decay
  P e;            // 1  time-scale ratio of w to v
  P v_threshold;  // 1  spike detection level of v

  // Per-variable scale of the error norm: the variables swing over 2 to 4 units, so 0.02 is to them what
  // 1 mV is to a 100 mV spike.
  static constexpr double error_scale_value = 0.02;
  // The dimensionless v searched for fixed points.
  static constexpr VoltageRange voltage_range{-5.0, 5.0};
  // Fitting ranges: around the classic a = 0.7, b = 0.8, e = 0.08, where the model is excitable or oscillates.
  static constexpr std::array<FittingRange, 3> fitting_ranges{{{"a", -0.5, 1.5}, {"b", 0.05, 2.0}, {"e", 0.005, 0.5}}};

  // The table of the members above, for a model M derived from these parameters.
  template <class M>
  static constexpr std::array<ParameterField<M, P>, 4> parameter_table() {
    return {{
        {{"a", "", 0.7, -2.0, 2.0, "offset of the w-nullcline"}, &BasicFitzHughNagumoParameters::a},
        {{"b", "", 0.8, 0.0, 3.0, "slope of w's self-decay"}, &BasicFitzHughNagumoParameters::b},
        {{"e", "", 0.08, 0.001, 2.0, "time-scale ratio of w to v"}, &BasicFitzHughNagumoParameters::e},
        {{"v_threshold", "", 1.0, -2.5, 2.5, "spike detection: an upward crossing of this v is a spike"},
         &BasicFitzHughNagumoParameters::v_threshold},
    }};
  }

  // The voltage reduction needs w to relax at fixed v.
  void require_w_relaxes(std::string_view model_name) const {
    if (b == 0.0) {
      throw InputError(
          fmt::format("fixed-point analysis of {} needs b > 0 (b = 0: w' = e (v + a) does not relax w "
                      "at fixed v, the w-nullcline is the line v = {:g})",
                      model_name, -a));
    }
  }
};

template <class P>
struct BasicFitzHughNagumo : BasicFitzHughNagumoParameters<P> {
  using Parameters = BasicFitzHughNagumoParameters<P>;
  using Parameters::a, Parameters::b, Parameters::e, Parameters::v_threshold, Parameters::error_scale_value;

  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "fhn";
  static constexpr std::string_view title = "FitzHugh-Nagumo (dimensionless)";
  static constexpr std::string_view citation =
      "FitzHugh R (1961) Biophys J 1:445-466; Nagumo J et al. (1962) Proc IRE 50:2061-2070";
  static constexpr std::string_view current_unit = "dimensionless";
  static constexpr bool has_reset = false;
  static constexpr auto parameters = Parameters::template parameter_table<BasicFitzHughNagumo>();
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "", "membrane potential (dimensionless)", -10.0, 10.0},
      {"w", "", "recovery variable (dimensionless)", -10.0, 10.0},
  }};

  constexpr BasicFitzHughNagumo() { set_table_defaults(*this); }
  explicit constexpr BasicFitzHughNagumo(const Parameters& values) : Parameters(values) {}

  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T &v = x[0], &w = x[1];
    return {v - v * v * v / 3.0 - w + drive.current, e * (v + a - b * w)};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - v_threshold;
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    JacobianMatrix<2> j;
    j << 1.0 - x[0] * x[0], -1.0, e, -e * b;
    return j;
  }
  State input_gradient(const State&) const { return State(1.0, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  // Never applied (has_reset is false): the identity.
  ResetOutcome<2> reset(const State& x) const { return {x, 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State::Constant(error_scale_value); }

  // Coefficient n + 1 of the series of the solution (power_series.hpp); v^3 is the Cauchy product of v^2 and v.
  State series_coefficient(const SeriesCoefficients<2>& series, int n, Drive input) const {
    const auto v = [&](int j) { return series[static_cast<std::size_t>(j)][0]; };
    const auto v_squared = [&](int j) { return cauchy(v, v, j); };
    const double first = n == 0 ? 1.0 : 0.0;
    const double w_n = series[static_cast<std::size_t>(n)][1];
    const double dv = v(n) - cauchy(v_squared, v, n) / 3.0 - w_n + input_coefficient(input, n);
    const double dw = e * (v(n) + first * a - b * w_n);
    return State(dv, dw) / (n + 1);
  }

  // Voltage reduction: w at its steady state (v + a) / b.
  State steady_state_at(double v) const { return {v, (v + a) / b}; }
  void require_reducible() const { this->require_w_relaxes(name); }

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

using FitzHughNagumo = BasicFitzHughNagumo<double>;

static_assert(NeuronModel<FitzHughNagumo>);

}  // namespace neurodyn
