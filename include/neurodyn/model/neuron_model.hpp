#pragma once
// What every neuron model provides: a hybrid dynamical system in the sense of DESIGN.md section 1.
//
//   x' = f(x, I(t))             right-hand side, with its analytic Jacobian df/dx and input gradient df/dI
//   g(x) crosses 0 upward       a spike (for Izhikevich g = v - vpeak)
//   x <- R(x)                   the reset map, applied at the spike (models with has_reset == true);
//                               the state may then be held for a dead time (refractory period)
//
// Models are small structs of parameters whose members carry the paper's defaults; solvers are templates
// over the model type so that the right-hand side inlines into the step.
#include <Eigen/Core>
#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>

namespace neurodyn {

// The input current at one time: I in the model's current unit and dI/dt in that unit per ms.
// Only the second-order FitzHugh-Nagumo form uses the slope.
struct Drive {
  double current = 0.0;
  double slope = 0.0;
};

template <int N>
using StateVector = Eigen::Matrix<double, N, 1>;

template <int N>
using JacobianMatrix = Eigen::Matrix<double, N, N>;

// The result of the reset map: the new state and how long it is held there (ms) before the dynamics resume.
template <int N>
struct ResetOutcome {
  StateVector<N> state;
  double hold_ms = 0.0;
};

// One row of a model's parameter table: it drives --help, config validation and the web sliders.
struct ParameterInfo {
  std::string_view name;
  std::string_view unit;  // "" for dimensionless
  double default_value;
  double min;
  double max;
  std::string_view meaning;
};

// A parameter table row bound to the struct member that holds the value.
template <class Model>
struct ParameterField {
  ParameterInfo info;
  double Model::*member;
};

// One state variable: its name ("v", "u", ...), unit and meaning.
struct StateVariableInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view meaning;
};

template <class M>
concept NeuronModel = requires(const M& model, const typename M::State& x, Drive drive, double before,
                               double after) {
  requires std::same_as<typename M::State, StateVector<M::dimension>>;
  { M::name } -> std::convertible_to<std::string_view>;
  { M::has_reset } -> std::convertible_to<bool>;
  { model.rhs(x, drive) } -> std::same_as<typename M::State>;
  { model.jacobian(x, drive) } -> std::same_as<JacobianMatrix<M::dimension>>;
  { model.input_gradient(x) } -> std::same_as<typename M::State>;  // df/dI
  { model.guard(x) } -> std::convertible_to<double>;
  { model.reset(x) } -> std::same_as<ResetOutcome<M::dimension>>;
  // The state just after a jump of the input from `before` to `after` (identity for first-order models).
  { model.on_input_jump(x, before, after) } -> std::same_as<typename M::State>;
  // Per-variable scale of the adaptive error norm (for example 1 mV for v, 10 pA for u).
  { model.error_scale() } -> std::same_as<typename M::State>;
};

}  // namespace neurodyn
