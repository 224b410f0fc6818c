#pragma once
// One window's network of an event-driven PINN: a random-feature network with the initial condition built in,
//
//   y(t) = y0 + tau * tanh(tau w + b) beta,   tau = (t - t0) / h in [0, 1],
//
// M hidden units with fixed random input weights w and biases b and a trained output layer beta (M x d), so
// y(t0) = y0 exactly. Its physics residual r = y'(t) - F(t, y(t)) is linear in beta up to F, so Gauss-Newton
// needs only F's derivatives at each point (F acts point by point): the Jacobian of r is D - diag(dF/dy) A
// block by block, with A = tau Phi and D = dA/dt (physics-informed extreme learning machines: Dwivedi V,
// Srinivasan B (2020) Neurocomputing 391:96; Dong S, Li Z (2021) Comput Methods Appl Mech Eng 387:114129).
// Everything in float64; times in ms.
#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

#include "neurodyn/pinn/trained_dynamics.hpp"

namespace neurodyn {

struct RandomFeatures {
  at::Tensor weights;  // M, per unit tau
  at::Tensor biases;   // M
  int count() const { return static_cast<int>(weights.size(0)); }
};

// M units with weights and biases uniform in [-spread, spread], from the seed alone.
RandomFeatures draw_random_features(int count, double spread, std::uint64_t seed);

// The values (N x d) and time derivatives (N x d, per ms) of the network at fractions tau (N) of the window.
struct WindowValues {
  at::Tensor values;
  at::Tensor rates;
};

class WindowNetwork {
 public:
  WindowNetwork(const RandomFeatures& features, double t0_ms, double length_ms, at::Tensor y0);
  WindowValues at(const at::Tensor& tau, const at::Tensor& beta) const;
  double start_ms() const { return t0_; }
  double length_ms() const { return h_; }
  const at::Tensor& initial() const { return y0_; }
  // A = tau Phi(tau) and D = dA/dt (N x M): y = y0 + A beta, y' = D beta.
  std::pair<at::Tensor, at::Tensor> design(const at::Tensor& tau) const;

 private:
  RandomFeatures features_;
  double t0_, h_;
  at::Tensor y0_;  // d
};

struct WindowTraining {
  int collocation_points = 64;       // Chebyshev-Gauss nodes in (0, 1): interior, never a grid time
  int max_iterations = 40;           // Gauss-Newton iterations per try
  double residual_tolerance = 1e-7;  // per ms, scaled by TrainedDynamics::scales: the acceptance bound
};

struct WindowFit {
  at::Tensor beta;                    // M x d
  double validation_residual = 0.0;   // max scaled |r| at points between the nodes and at the window's end
  double collocation_residual = 0.0;  // max scaled |r| at the nodes
  int iterations = 0;
  std::vector<double> loss_history;  // mean squared scaled residual at the nodes, before each iteration and at
                                     // the end
  bool accepted = false;             // validation_residual <= residual_tolerance and everything finite
};

// Trains the output layer from `beta_start` by Gauss-Newton with step halving on the scaled residuals at the
// collocation nodes, then measures the residual at the validation points.
WindowFit fit_window(const TrainedDynamics& dynamics, const WindowNetwork& network, const at::Tensor& beta_start,
                     const WindowTraining& training);

// The collocation nodes (Chebyshev-Gauss, ascending) and the validation points (midpoints of the nodes, and 1).
at::Tensor collocation_nodes(int count);
at::Tensor validation_points(const at::Tensor& nodes);

}  // namespace neurodyn
