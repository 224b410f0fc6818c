#pragma once
// The Hodgkin-Huxley model reduced to the plane (v, n), after FitzHugh R (1961) Biophys J 1:445 and Rinzel J
// (1985) Fed Proc 44:2944: the sodium activation is much faster than the other gates, so m is replaced by its
// steady state m_inf(v), and during spiking h + n stays nearly constant (about 0.8), so h is replaced by the
// line h = h_intercept - h_slope n. The membrane and the rates are those of the full model
// (hodgkin_huxley_membrane.hpp):
//
//   C_m v' = I - g_Na m_inf(v)^3 (h_intercept - h_slope n) (v - E_Na) - g_K n^4 (v - E_K) - g_L (v - E_L)
//   n'     = alpha_n(v) (1 - n) - beta_n(v) n
//
// Time in ms, v in mV, I in uA/cm^2. The reduction keeps the full model's excitability and repetitive firing
// but not its thresholds exactly (its rest at I = 0 is -65.19 mV). A smooth model: no reset; an upward
// crossing of v_detect counts as a spike.
#include <array>
#include <cstddef>
#include <fmt/format.h>
#include <optional>
#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/model/hodgkin_huxley_membrane.hpp"

namespace neurodyn {

template <class P>
struct BasicHodgkinHuxleyReduced : BasicHodgkinHuxleyMembrane<P> {
  using Membrane = BasicHodgkinHuxleyMembrane<P>;
  using Membrane::C_m, Membrane::g_Na, Membrane::g_K, Membrane::g_L, Membrane::E_Na, Membrane::E_K, Membrane::E_L,
      Membrane::v_detect, Membrane::m_rates, Membrane::n_rates, Membrane::ionic_current;

  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "hh-reduced";
  static constexpr std::string_view title =
      "Hodgkin-Huxley reduced to (v, n): m = m_inf(v), h = h_intercept - h_slope n";
  static constexpr std::string_view citation =
      "Rinzel J (1985) Fed Proc 44:2944-2946; FitzHugh R (1961) Biophys J 1:445-466";
  static constexpr bool has_reset = false;
  static constexpr bool branches_on_state = true;  // the rates' removable singularities (model_traits.hpp)

  P h_intercept;  // 1  h at n = 0 on the line that replaces h
  P h_slope;      // 1  -dh/dn on that line

  static constexpr auto parameters = [] {
    std::array<ParameterField<BasicHodgkinHuxleyReduced, P>, 10> table{};
    const auto membrane = Membrane::template membrane_parameters<BasicHodgkinHuxleyReduced>();
    for (std::size_t i = 0; i < membrane.size(); ++i) table[i] = membrane[i];
    table[8] = {{"h_intercept", "", 0.8, 0.0, 1.5, "h at n = 0 on the line h = h_intercept - h_slope n"},
                &BasicHodgkinHuxleyReduced::h_intercept};
    table[9] = {{"h_slope", "", 1.0, 0.0, 3.0, "-dh/dn on the line h = h_intercept - h_slope n"},
                &BasicHodgkinHuxleyReduced::h_slope};
    return table;
  }();
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
      {"n", "", "potassium activation gate (h follows it on a line, m is at its steady state)", 0.0, 1.0},
  }};

  constexpr BasicHodgkinHuxleyReduced() { set_table_defaults(*this); }

  template <class T>
  T h_of(const T& n) const {
    return h_intercept - h_slope * n;
  }

  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T &v = x[0], &n = x[1];
    const T m = m_rates(v).steady_state();
    return {(drive.current - ionic_current(v, m, h_of(n), n)) / C_m, n_rates(v).rate(n)};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - v_detect;
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    const double v = x[0], n = x[1], h = h_of(n);
    const GateRates<double> rm = m_rates(v), rn = n_rates(v);
    const double m = rm.steady_state(), m_slope = rm.steady_state_slope();
    JacobianMatrix<2> j;
    // d/dv of g_Na m_inf^3 h (v - E_Na) has the chain-rule term 3 m_inf^2 m_inf' h (v - E_Na).
    j(0, 0) = -(g_Na * (m * m * m * h + 3.0 * m * m * m_slope * h * (v - E_Na)) + g_K * n * n * n * n + g_L) / C_m;
    j(0, 1) = -(-g_Na * m * m * m * h_slope * (v - E_Na) + 4.0 * g_K * n * n * n * (v - E_K)) / C_m;
    j(1, 0) = rn.rate_slope_v(n);
    j(1, 1) = rn.rate_slope_x();
    return j;
  }
  State input_gradient(const State&) const { return State(1.0 / C_m, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  // Never applied (has_reset is false): the identity.
  ResetOutcome<2> reset(const State& x) const { return {x, 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State(1.0, 0.01); }

  // Voltage reduction: n at its steady state (m is at one already, h follows n).
  State steady_state_at(double v) const { return {v, n_rates(v).steady_state()}; }

  // The reduction's assumptions with these parameters: "m = m_inf(v), h = 0.8 - n (Rinzel 1985)".
  std::string assumptions() const {
    return fmt::format("m = m_inf(v), h = {:g} - {}n (Rinzel 1985)", h_intercept,
                       h_slope == 1.0 ? "" : fmt::format("{:g} ", h_slope));
  }

  // n starts at n0 (given as u0, in [0, 1]) or at its steady state at v0.
  State initial_state(double v0, std::optional<double> n0) const {
    if (n0 && !(*n0 >= 0.0 && *n0 <= 1.0)) {
      throw InputError(fmt::format("u0 = {:g} is not allowed for hh-reduced: u0 is the gate n; allowed: 0 to 1", *n0));
    }
    return State(v0, n0.value_or(n_rates(v0).steady_state()));
  }
  State default_initial_state() const { return initial_state(-65.0, std::nullopt); }
};

using HodgkinHuxleyReduced = BasicHodgkinHuxleyReduced<double>;

static_assert(NeuronModel<HodgkinHuxleyReduced>);

}  // namespace neurodyn
