#pragma once
// Izhikevich 2003, "Simple model of spiking neurons", IEEE Trans. Neural Networks 14:1569.
//
//   v' = k2 v^2 + k1 v + k0 - u + I          (k2, k1, k0 = 0.04, 5, 140; panels G and L of the
//   u' = a (b (v - vu) - u_decay u)           2004 figure use 0.04, 4.1, 108)
//   if v >= vpeak:  v <- c,  u <- u + d
//
// The defaults vu = 0, u_decay = 1 give the paper's u' = a (b v - u); panel R ("accommodation") of the 2004
// figure uses u' = a b (v + 65), i.e. vu = -65, u_decay = 0. Time in ms, v in mV, I and u in the model's own
// units (mV/ms).
#include <array>
#include <fmt/format.h>
#include <optional>

#include "neurodyn/error.hpp"
#include "neurodyn/model/model_traits.hpp"
#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/power_series.hpp"
#include "neurodyn/model/scalar_ops.hpp"

namespace neurodyn {

template <class P>
struct BasicIzhikevich2003 {
  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "izh2003";
  static constexpr std::string_view title = "Izhikevich 2003 simple model";
  static constexpr std::string_view citation = "Izhikevich EM (2003) IEEE Trans Neural Netw 14:1569-1572";
  static constexpr std::string_view current_unit = "mV/ms (model units)";
  static constexpr bool has_reset = true;
  static constexpr bool has_published_scheme = true;

  P a;        // 1/ms       time scale of the recovery variable u
  P b;        // 1          sensitivity of u to v
  P c;        // mV         reset value of v after a spike
  P d;        // mV/ms      jump of u after a spike
  P vpeak;    // mV         spike cutoff
  P k2;       // 1/(mV ms)  quadratic coefficient of v'
  P k1;       // 1/ms       linear coefficient of v'
  P k0;       // mV/ms      constant term of v'
  P vu;       // mV         voltage offset in the u equation (-65 for panel R)
  P u_decay;  // 1          weight of -u in the u equation (0 for panel R)

  static constexpr std::array<ParameterField<BasicIzhikevich2003, P>, 10> parameters{{
      {{"a", "1/ms", 0.02, -1.0, 2.0, "time scale of the recovery variable u"}, &BasicIzhikevich2003::a},
      {{"b", "", 0.2, -2.0, 2.0, "sensitivity of u to subthreshold v"}, &BasicIzhikevich2003::b},
      {{"c", "mV", -65.0, -100.0, 0.0, "reset value of v after a spike"}, &BasicIzhikevich2003::c},
      {{"d", "mV/ms", 8.0, -50.0, 50.0, "jump of u after a spike"}, &BasicIzhikevich2003::d},
      {{"vpeak", "mV", 30.0, 0.0, 100.0, "spike cutoff: v >= vpeak is a spike"}, &BasicIzhikevich2003::vpeak},
      {{"k2", "1/(mV ms)", 0.04, 0.001, 1.0, "quadratic coefficient of v'"}, &BasicIzhikevich2003::k2},
      {{"k1", "1/ms", 5.0, 0.0, 20.0, "linear coefficient of v'"}, &BasicIzhikevich2003::k1},
      {{"k0", "mV/ms", 140.0, 0.0, 500.0, "constant term of v'"}, &BasicIzhikevich2003::k0},
      {{"vu", "mV", 0.0, -100.0, 100.0, "voltage offset in the u equation (-65 for panel R)"},
       &BasicIzhikevich2003::vu},
      {{"u_decay", "", 1.0, 0.0, 1.0, "weight of -u in the u equation (0 for panel R)"},
       &BasicIzhikevich2003::u_decay},
  }};
  // Fitting ranges: around the values of the 2003 and 2004 cell classes (docs/reference.md section 1).
  static constexpr std::array<FittingRange, 4> fitting_ranges{{
      {"a", 0.001, 0.2}, {"b", -0.2, 0.4}, {"c", -80.0, -40.0}, {"d", -2.0, 10.0},
  }};
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
      {"u", "mV/ms", "recovery variable", -1000.0, 1000.0},
  }};

  constexpr BasicIzhikevich2003() { set_table_defaults(*this); }

  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T &v = x[0], &u = x[1];
    // k2 (v v), as Izhikevich's codes write 0.04*v^2, so that a transcription of them has the same bits.
    return {k2 * (v * v) + k1 * v + k0 - u + drive.current, a * (b * (v - vu) - u_decay * u)};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - vpeak;
  }
  template <class T>
  std::array<T, 2> reset_map(const std::array<T, 2>& x) const {
    return {ops::filled_like(x[0], c), x[1] + d};
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    JacobianMatrix<2> j;
    j << 2.0 * k2 * x[0] + k1, -1.0, a * b, -a * u_decay;
    return j;
  }
  State input_gradient(const State&) const { return State(1.0, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  ResetOutcome<2> reset(const State& x) const { return {state_vector(reset_map(state_values(x))), 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State(1.0, 1.0); }

  // Coefficient n + 1 of the series of the solution (power_series.hpp); v^2 is the Cauchy product of v with
  // itself.
  State series_coefficient(const SeriesCoefficients<2>& series, int n, Drive input) const {
    const auto v = [&](int j) { return series[static_cast<std::size_t>(j)][0]; };
    const double first = n == 0 ? 1.0 : 0.0;
    const double u_n = series[static_cast<std::size_t>(n)][1];
    const double dv = k2 * cauchy(v, v, n) + k1 * v(n) + first * k0 - u_n + input_coefficient(input, n);
    const double du = a * (b * (v(n) - first * vu) - u_decay * u_n);
    return State(dv, du) / (n + 1);
  }

  // Voltage reduction: u at its steady state b (v - vu) / u_decay.
  State steady_state_at(double v) const { return {v, b * (v - vu) / u_decay}; }
  void require_reducible() const {
    if (u_decay == 0.0) {
      throw InputError(
          fmt::format("fixed-point analysis of izh2003 needs u_decay > 0 (u_decay = 0: u' = a b (v - vu) "
                      "does not relax u at fixed v, the u-nullcline is the line v = {:g})",
                      vu));
    }
  }

  // The paper's initial state: v0 given, u0 = b v0 unless stated.
  State initial_state(double v0, std::optional<double> u0) const {
    return State(v0, u0.value_or(b * (v0 - vu)));
  }
  State default_initial_state() const { return initial_state(-65.0, std::nullopt); }
};

using Izhikevich2003 = BasicIzhikevich2003<double>;

static_assert(NeuronModel<Izhikevich2003>);

}  // namespace neurodyn
