#pragma once
// What every neuron model provides: a hybrid dynamical system in the sense of docs/architecture.md section 1.
//
//   x' = f(x, I(t))             right-hand side, with its analytic Jacobian df/dx and input gradient df/dI
//   g(x) crosses 0 upward       a spike (for Izhikevich g = v - vpeak)
//   x <- R(x)                   the reset map, applied at the spike (models with has_reset == true);
//                               the state may then be held for a dead time (refractory period)
//
// A model is a class template on the number type P of its parameters, `template <class P> struct
// BasicIzhikevich2003`, whose double instance is the model the program runs (`using Izhikevich2003 =
// BasicIzhikevich2003<double>`). Its equations are written once, as member templates on the number type T of
// the state:
//
//   template <class T> std::array<T, N> field(const std::array<T, N>& x, const BasicDrive<T>& drive) const;  f
//   template <class T> T spike_guard(const std::array<T, N>& x) const;                       g(x)
//   template <class T> std::array<T, N> reset_map(const std::array<T, N>& x) const;          R(x), with a reset
//
// T is double, a dual number (Eigen::AutoDiffScalar, for derivatives: derivatives.hpp) or a batch (an Eigen
// array, one value per neuron); with dual parameters, T is that same dual type. Where the equations branch on
// the state or leave + - * /, they call the overload set of scalar_ops.hpp, which every number type provides.
// izh2003, izh2007, both FitzHugh-Nagumo forms, lif and adex evaluate on all three; the Hodgkin-Huxley rates
// branch on the state with `if` (their removable singularities), so hh and hh-reduced evaluate on double and
// duals. A default-constructed model holds the defaults of its parameter table, and rebind<Q>(model)
// (parameter_table.hpp) gives the same model on parameters of the number type Q.
// The solvers call the double members below (rhs, jacobian, guard, reset, ...), which evaluate the same
// templates on double and inline into the step. The members that analysis and solvers may ask of a model
// beyond these are in model_traits.hpp.
#include <Eigen/Core>
#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>

#include "neurodyn/model/parameter_table.hpp"

namespace neurodyn {

// The input current at one time: I in the model's current unit and dI/dt in that unit per ms.
// Only the second-order FitzHugh-Nagumo form uses the slope.
template <class T>
struct BasicDrive {
  T current = 0.0;
  T slope = 0.0;
};

using Drive = BasicDrive<double>;

template <int N>
using StateVector = Eigen::Matrix<double, N, 1>;

template <int N>
using JacobianMatrix = Eigen::Matrix<double, N, N>;

// A state as the array that the equation templates take, and back.
template <int N>
std::array<double, N> state_values(const StateVector<N>& x) {
  std::array<double, N> values;
  for (int i = 0; i < N; ++i) values[static_cast<std::size_t>(i)] = x[i];
  return values;
}
template <std::size_t N>
StateVector<static_cast<int>(N)> state_vector(const std::array<double, N>& values) {
  StateVector<static_cast<int>(N)> x;
  for (std::size_t i = 0; i < N; ++i) x[static_cast<int>(i)] = values[i];
  return x;
}

// The result of the reset map: the new state and how long it is held there (ms) before the dynamics resume.
template <int N>
struct ResetOutcome {
  StateVector<N> state;
  double hold_ms = 0.0;
};

// One state variable: its name ("v", "u", ...), unit and meaning, and the interval an initial value must lie
// in (in the variable's unit): wide enough for every physiological state, narrow enough that a value in
// another unit (v0 = -70 for a dimensionless model) is refused.
struct StateVariableInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view meaning;
  double initial_min;
  double initial_max;
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

// A model whose reset map evaluates on the number type T.
template <class M, class T>
concept ResetsOn = requires(const M& model, const std::array<T, M::dimension>& x) {
  { model.reset_map(x) } -> std::same_as<std::array<T, M::dimension>>;
};

// A model whose equations evaluate on the number type T: its right-hand side, its guard and, for a model with
// a reset, its reset map.
template <class M, class T>
concept EvaluatesOn = requires(const M& model, const std::array<T, M::dimension>& x, const BasicDrive<T>& drive) {
  { model.field(x, drive) } -> std::same_as<std::array<T, M::dimension>>;
  { model.spike_guard(x) } -> std::same_as<T>;
} && (!M::has_reset || ResetsOn<M, T>);

}  // namespace neurodyn
