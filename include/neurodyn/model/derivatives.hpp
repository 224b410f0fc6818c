#pragma once
// Derivatives of a model's right-hand side by forward-mode dual numbers (Eigen::AutoDiffScalar): the
// equation templates (neuron_model.hpp) evaluated on numbers that carry their derivatives along. One
// evaluation gives every column, exact to rounding, with no step size to choose. At a branch of the equations
// (scalar_ops.hpp) the derivative is that of the side taken, as in the analytic Jacobians.
#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <unsupported/Eigen/AutoDiff>

#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/parameter_table.hpp"

namespace neurodyn {

// A dual number with K derivatives.
template <int K>
using Dual = Eigen::AutoDiffScalar<Eigen::Matrix<double, K, 1>>;

// The number of parameters of a model.
template <class M>
constexpr int parameter_count = static_cast<int>(M::parameters.size());

template <class M>
using ParameterJacobian = Eigen::Matrix<double, M::dimension, parameter_count<M>>;

namespace derivatives_detail {

// The right-hand side on duals whose derivatives are those of x (x_duals) and of the drive (zero).
template <int K, class M>
Eigen::Matrix<double, M::dimension, K> field_derivatives(const M& model,
                                                          const std::array<Dual<K>, M::dimension>& x_duals,
                                                          Drive drive) {
  const auto f = model.field(x_duals, BasicDrive<Dual<K>>{drive.current, drive.slope});
  Eigen::Matrix<double, M::dimension, K> derivatives;
  for (int i = 0; i < M::dimension; ++i) derivatives.row(i) = f[static_cast<std::size_t>(i)].derivatives().transpose();
  return derivatives;
}

}  // namespace derivatives_detail

// df/dx at (x, drive): the state Jacobian, one dual derivative per state variable.
template <class M>
  requires EvaluatesOn<M, Dual<M::dimension>>
JacobianMatrix<M::dimension> state_jacobian(const M& model, const typename M::State& x, Drive drive) {
  constexpr int n = M::dimension;
  std::array<Dual<n>, n> x_duals;
  for (int i = 0; i < n; ++i) x_duals[static_cast<std::size_t>(i)] = Dual<n>(x[i], n, i);
  return derivatives_detail::field_derivatives<n>(model, x_duals, drive);
}

// df/dp at (x, drive): column j is the derivative by the parameter in row j of the model's table
// (M::parameters), in the units of f per unit of that parameter. The model is rebound to dual parameters
// (parameter_table.hpp), each seeded with its own derivative.
template <template <class> class Model>
  requires EvaluatesOn<Model<Dual<parameter_count<Model<double>>>>, Dual<parameter_count<Model<double>>>>
ParameterJacobian<Model<double>> parameter_jacobian(const Model<double>& model,
                                                    const typename Model<double>::State& x, Drive drive) {
  using M = Model<double>;
  constexpr int p = parameter_count<M>;
  using DualModel = Model<Dual<p>>;
  DualModel dual_model = rebind<Dual<p>>(model);
  for (int j = 0; j < p; ++j) {
    (dual_model.*(DualModel::parameters[static_cast<std::size_t>(j)].member)).derivatives() =
        Eigen::Matrix<double, p, 1>::Unit(j);
  }
  std::array<Dual<p>, M::dimension> x_duals;
  for (int i = 0; i < M::dimension; ++i) x_duals[static_cast<std::size_t>(i)] = Dual<p>(x[i]);
  return derivatives_detail::field_derivatives<p>(dual_model, x_duals, drive);
}

}  // namespace neurodyn
