#pragma once
// The reduction of each model to its voltage (fixed_points.hpp): the state at v with every other variable at
// its steady state for that v, and the one component of the right-hand side that is left. A fixed point at
// current I is a v where that component vanishes; since every model's right-hand side is affine in I, that
// is where I equals the steady-state current I_inf(v). Each model states its part through the optional
// members of model_traits.hpp; the defaults where a member is absent are here.
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/model/model_traits.hpp"

namespace neurodyn::analysis_detail {

// The state at v with every other variable at its steady state; a one-variable model's state is v itself.
template <class M>
  requires HasSteadyStateAt<M> || (M::dimension == 1)
typename M::State steady_state_at(const M& model, double v) {
  if constexpr (HasSteadyStateAt<M>) {
    return model.steady_state_at(v);
  } else {
    return M::State::Constant(v);
  }
}

// The component of the right-hand side left after the reduction: v' unless the model says otherwise.
template <class M>
constexpr int residual_component() {
  if constexpr (HasReducedComponent<M>) return M::reduced_component;
  return 0;
}

// The v searched by default: the model's own range, or the plausible range of a membrane potential in mV.
template <class M>
constexpr VoltageRange default_voltage_range() {
  if constexpr (HasVoltageRange<M>) return M::voltage_range;
  return {-150.0, 100.0};
}

// Throws InputError for the parameter sets where the reduction does not exist (only the model knows them).
template <class M>
void require_reducible(const M& model) {
  if constexpr (ChecksReducible<M>) model.require_reducible();
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
