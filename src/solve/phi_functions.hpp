#pragma once
// The phi-functions of exponential integrators, phi_0(A) = e^A, phi_{k+1}(A) = (phi_k(A) - I/k!) A^-1, for a
// small dense A, without approximation beyond the matrix exponential itself: for the block matrix
//     B = [[A, I, 0, ...], [0, 0, I, ...], ..., [0, ..., 0]]     (K + 1 blocks of N)
// the first block row of exp(B) is [e^A, phi_1(A), ..., phi_K(A)] (Saad 1992; Al-Mohy & Higham 2011,
// Theorem 2.1). Eigen's scaling-and-squaring Pade exponential computes it to rounding.
#include <array>
#include <unsupported/Eigen/MatrixFunctions>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn::detail {

template <int K, int N>
std::array<JacobianMatrix<N>, K> phi_functions(const JacobianMatrix<N>& a) {
  constexpr int size = (K + 1) * N;
  using Block = Eigen::Matrix<double, size, size>;
  Block b = Block::Zero();
  b.template topLeftCorner<N, N>() = a;
  for (int k = 0; k < K; ++k) b.template block<N, N>(k * N, (k + 1) * N).setIdentity();
  const Block exponential = b.exp();
  std::array<JacobianMatrix<N>, K> phi;
  for (int k = 0; k < K; ++k) phi[static_cast<std::size_t>(k)] = exponential.template block<N, N>(0, (k + 1) * N);
  return phi;
}

}  // namespace neurodyn::detail
