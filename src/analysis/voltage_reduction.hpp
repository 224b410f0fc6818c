#pragma once
// The reduction of each model to its voltage (fixed_points.hpp): the state at v with every other variable at
// its steady state for that v, and the one component of the right-hand side that is left. A fixed point at
// current I is a v where that component vanishes; since every model's right-hand side is affine in I, that
// is where I equals the steady-state current I_inf(v).
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace neurodyn::analysis_detail {

struct VoltageRange {
  double low;
  double high;
};

// u = b (v - vu) / u_decay.
inline Izhikevich2003::State steady_state_at(const Izhikevich2003& model, double v) {
  return {v, model.b * (v - model.vu) / model.u_decay};
}
// u = U(v).
inline Izhikevich2007::State steady_state_at(const Izhikevich2007& model, double v) { return {v, model.u_target(v)}; }
// w = (v + a) / b.
inline FitzHughNagumo::State steady_state_at(const FitzHughNagumo& model, double v) {
  return {v, (v + model.a) / model.b};
}
// v' = 0: the second equation is left.
inline FitzHughNagumoLienard::State steady_state_at(const FitzHughNagumoLienard&, double v) { return {v, 0.0}; }
inline LeakyIntegrateAndFire::State steady_state_at(const LeakyIntegrateAndFire&, double v) {
  return LeakyIntegrateAndFire::State::Constant(v);
}
// w = a (v - E_L).
inline AdEx::State steady_state_at(const AdEx& model, double v) { return {v, model.a * (v - model.E_L)}; }
// n at its steady state (m is one already, h follows n).
inline HodgkinHuxleyReduced::State steady_state_at(const HodgkinHuxleyReduced&, double v) {
  return {v, HodgkinHuxleyReduced::n_rates(v).steady_state()};
}
// Every gate at its steady state.
inline HodgkinHuxley::State steady_state_at(const HodgkinHuxley&, double v) {
  return {v, HodgkinHuxley::m_rates(v).steady_state(), HodgkinHuxley::h_rates(v).steady_state(),
          HodgkinHuxley::n_rates(v).steady_state()};
}

// The component of the right-hand side left after the reduction.
template <class M>
constexpr int residual_component() {
  return std::is_same_v<M, FitzHughNagumoLienard> ? 1 : 0;
}

// The v searched by default: the voltage models' plausible range, or the dimensionless one of FitzHugh-Nagumo.
template <class M>
constexpr VoltageRange default_voltage_range() {
  if constexpr (std::is_same_v<M, FitzHughNagumo> || std::is_same_v<M, FitzHughNagumoLienard>) return {-5.0, 5.0};
  return {-150.0, 100.0};
}

// Throws InputError for the parameter sets where the reduction does not exist.
template <class M>
void require_reducible(const M& model) {
  if constexpr (std::is_same_v<M, Izhikevich2003>) {
    if (model.u_decay == 0.0) {
      throw InputError(
          fmt::format("fixed-point analysis of izh2003 needs u_decay > 0 (u_decay = 0: u' = a b (v - vu) "
                      "does not relax u at fixed v, the u-nullcline is the line v = {:g})",
                      model.vu));
    }
  } else if constexpr (std::is_same_v<M, FitzHughNagumo> || std::is_same_v<M, FitzHughNagumoLienard>) {
    if (model.b == 0.0) {
      throw InputError(
          fmt::format("fixed-point analysis of {} needs b > 0 (b = 0: w' = e (v + a) does not relax w "
                      "at fixed v, the w-nullcline is the line v = {:g})",
                      M::name, -model.a));
    }
  }
}

// The left-over component at v and current I.
template <class M>
double reduced_residual(const M& model, double v, double current) {
  return model.rhs(steady_state_at(model, v), Drive{current, 0.0})[residual_component<M>()];
}

// I_inf(v): the residual is affine in I with slope input_gradient, so I_inf = -residual(v, 0) / slope.
template <class M>
double steady_state_current_of(const M& model, double v) {
  const auto state = steady_state_at(model, v);
  constexpr int component = residual_component<M>();
  return -model.rhs(state, Drive{0.0, 0.0})[component] / model.input_gradient(state)[component];
}

// Whether a state lies below the spike cutoff (always, for a model without a reset).
template <class M>
bool below_cutoff(const M& model, const typename M::State& state) {
  if constexpr (M::has_reset) return model.guard(state) < 0.0;
  return true;
}

}  // namespace neurodyn::analysis_detail
