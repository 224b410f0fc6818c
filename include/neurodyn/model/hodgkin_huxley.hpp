#pragma once
// Hodgkin AL, Huxley AF (1952) J Physiol 117:500, the squid giant axon (membrane and gate rates in
// hodgkin_huxley_membrane.hpp):
//
//   C_m v' = I - g_Na m^3 h (v - E_Na) - g_K n^4 (v - E_K) - g_L (v - E_L)
//   x'     = alpha_x(v) (1 - x) - beta_x(v) x        for the gates x = m, h, n
//
// Time in ms, v in mV, I in uA/cm^2, C_m in uF/cm^2, conductances in mS/cm^2. A smooth model: no reset; an
// upward crossing of v_detect counts as a spike.
#include <array>
#include <cstddef>
#include <fmt/format.h>
#include <optional>

#include "neurodyn/error.hpp"
#include "neurodyn/model/hodgkin_huxley_membrane.hpp"
#include "neurodyn/model/hodgkin_huxley_reduced.hpp"
#include "neurodyn/model/model_traits.hpp"

namespace neurodyn {

template <class P>
struct BasicHodgkinHuxley : BasicHodgkinHuxleyMembrane<P> {
  using Membrane = BasicHodgkinHuxleyMembrane<P>;
  using Membrane::C_m, Membrane::g_Na, Membrane::g_K, Membrane::g_L, Membrane::E_Na, Membrane::E_K, Membrane::E_L,
      Membrane::v_detect, Membrane::m_rates, Membrane::h_rates, Membrane::n_rates, Membrane::ionic_current;

  static constexpr int dimension = 4;
  using State = StateVector<4>;
  static constexpr std::string_view name = "hh";
  static constexpr std::string_view title = "Hodgkin-Huxley squid giant axon";
  static constexpr std::string_view citation = "Hodgkin AL, Huxley AF (1952) J Physiol 117:500-544";
  static constexpr bool has_reset = false;
  static constexpr bool branches_on_state = true;  // the rates' removable singularities (model_traits.hpp)
  static constexpr auto parameters = Membrane::template membrane_parameters<BasicHodgkinHuxley>();
  static constexpr std::array<StateVariableInfo, 4> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
      {"m", "", "sodium activation gate", 0.0, 1.0},
      {"h", "", "sodium inactivation gate", 0.0, 1.0},
      {"n", "", "potassium activation gate", 0.0, 1.0},
  }};

  constexpr BasicHodgkinHuxley() { set_table_defaults(*this); }

  template <class T>
  std::array<T, 4> field(const std::array<T, 4>& x, const BasicDrive<T>& drive) const {
    const T &v = x[0], &m = x[1], &h = x[2], &n = x[3];
    return {(drive.current - ionic_current(v, m, h, n)) / C_m, m_rates(v).rate(m), h_rates(v).rate(h),
            n_rates(v).rate(n)};
  }
  template <class T>
  T spike_guard(const std::array<T, 4>& x) const {
    return x[0] - v_detect;
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<4> jacobian(const State& x, Drive) const {
    const double v = x[0], m = x[1], h = x[2], n = x[3];
    const GateRates<double> rm = m_rates(v), rh = h_rates(v), rn = n_rates(v);
    const double conductance = g_Na * m * m * m * h + g_K * n * n * n * n + g_L;
    JacobianMatrix<4> j = JacobianMatrix<4>::Zero();
    j(0, 0) = -conductance / C_m;
    j(0, 1) = -3.0 * g_Na * m * m * h * (v - E_Na) / C_m;
    j(0, 2) = -g_Na * m * m * m * (v - E_Na) / C_m;
    j(0, 3) = -4.0 * g_K * n * n * n * (v - E_K) / C_m;
    j(1, 0) = rm.rate_slope_v(m);
    j(1, 1) = rm.rate_slope_x();
    j(2, 0) = rh.rate_slope_v(h);
    j(2, 2) = rh.rate_slope_x();
    j(3, 0) = rn.rate_slope_v(n);
    j(3, 3) = rn.rate_slope_x();
    return j;
  }
  State input_gradient(const State&) const { return State(1.0 / C_m, 0.0, 0.0, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  // Never applied (has_reset is false): the identity.
  ResetOutcome<4> reset(const State& x) const { return {x, 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  // 1 mV for v; the gates live in [0, 1], so 0.01 is to them what 1 mV is to a 100 mV spike.
  State error_scale() const { return State(1.0, 0.01, 0.01, 0.01); }

  // Voltage reduction: every gate at its steady state.
  State steady_state_at(double v) const {
    return {v, m_rates(v).steady_state(), h_rates(v).steady_state(), n_rates(v).steady_state()};
  }

  // The phase plane (v, n) of the reduction hh-reduced with this membrane (Rinzel 1985).
  PlaneReduction<BasicHodgkinHuxleyReduced<P>> planar_reduction() const {
    BasicHodgkinHuxleyReduced<P> plane;
    static_cast<Membrane&>(plane) = *this;
    return {plane, {0, 3},
            fmt::format("{}: {}, the membrane of {}", plane.name, plane.assumptions(), name)};
  }

  State initial_state(double v0, std::optional<double> u0) const {
    if (u0) {
      throw InputError(fmt::format(
          "u0 = {:g} is not allowed: hh has no recovery variable u; its gates start at their steady state at v0",
          *u0));
    }
    return State(v0, m_rates(v0).steady_state(), h_rates(v0).steady_state(), n_rates(v0).steady_state());
  }
  State default_initial_state() const { return initial_state(-65.0, std::nullopt); }
};

using HodgkinHuxley = BasicHodgkinHuxley<double>;

static_assert(NeuronModel<HodgkinHuxley>);

}  // namespace neurodyn
