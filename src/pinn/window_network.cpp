#include "neurodyn/pinn/window_network.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>
#include <numbers>

namespace neurodyn {
namespace {

const at::TensorOptions float64 = at::TensorOptions().dtype(at::kDouble);

// The scaled physics residual (N x d) of the network with output layer beta at fractions tau.
at::Tensor scaled_residual(const TrainedDynamics& dynamics, const WindowNetwork& network, const at::Tensor& tau,
                           const at::Tensor& beta, const at::Tensor& scales) {
  const WindowValues values = network.at(tau, beta);
  const at::Tensor times = network.start_ms() + network.length_ms() * tau;
  return (values.rates - dynamics.rate(times, values.values)) / scales;
}

double max_abs(const at::Tensor& x) {
  const double value = x.abs().max().item<double>();
  return std::isfinite(value) ? value : std::numeric_limits<double>::infinity();
}

}  // namespace

RandomFeatures draw_random_features(int count, double spread, std::uint64_t seed) {
  at::Generator generator = at::detail::createCPUGenerator(seed);
  const at::Tensor weights = (2.0 * at::rand({count}, generator, float64) - 1.0) * spread;
  const at::Tensor biases = (2.0 * at::rand({count}, generator, float64) - 1.0) * spread;
  return {weights, biases};
}

WindowNetwork::WindowNetwork(const RandomFeatures& features, double t0_ms, double length_ms, at::Tensor y0)
    : features_(features), t0_(t0_ms), h_(length_ms), y0_(std::move(y0)) {}

std::pair<at::Tensor, at::Tensor> WindowNetwork::design(const at::Tensor& tau) const {
  const at::Tensor column = tau.unsqueeze(1);
  const at::Tensor phi = at::tanh(column * features_.weights + features_.biases);  // N x M
  const at::Tensor dphi = (1.0 - phi * phi) * features_.weights;                   // dPhi/dtau
  return {column * phi, (phi + column * dphi) / h_};
}

WindowValues WindowNetwork::at(const at::Tensor& tau, const at::Tensor& beta) const {
  const auto [a, d] = design(tau);
  return {y0_ + at::matmul(a, beta), at::matmul(d, beta)};
}

at::Tensor collocation_nodes(int count) {
  // cos((2i - 1) pi / (2n)) mapped from [-1, 1] to [0, 1], ascending.
  const at::Tensor index = at::arange(1, count + 1, float64);
  return (0.5 - 0.5 * at::cos((2.0 * index - 1.0) * std::numbers::pi / (2.0 * count)));
}

at::Tensor validation_points(const at::Tensor& nodes) {
  const int64_t n = nodes.size(0);
  const at::Tensor midpoints = 0.5 * (nodes.slice(0, 0, n - 1) + nodes.slice(0, 1, n));
  return at::cat({midpoints, at::ones({1}, float64)});
}

WindowFit fit_window(const TrainedDynamics& dynamics, const WindowNetwork& network, const at::Tensor& beta_start,
                     const WindowTraining& training) {
  const int d = dynamics.dimension();
  const at::Tensor scales = at::tensor(dynamics.scales, float64);
  const at::Tensor nodes = collocation_nodes(training.collocation_points);
  const at::Tensor times = network.start_ms() + network.length_ms() * nodes;
  const auto [a, dt] = network.design(nodes);
  const int64_t m = a.size(1);

  WindowFit fit;
  fit.beta = beta_start.clone();
  at::Tensor residual = scaled_residual(dynamics, network, nodes, fit.beta, scales);
  double loss = residual.square().mean().item<double>();
  const double converged = 0.01 * training.residual_tolerance;
  for (; fit.iterations < training.max_iterations; ++fit.iterations) {
    fit.loss_history.push_back(loss);
    if (!std::isfinite(loss) || max_abs(residual) <= converged) break;
    // dF_k/dy_j at each node, from autograd: F acts point by point, so the gradient of sum_i F_k(y_i) in y is
    // the diagonal of the point-wise Jacobian.
    const at::Tensor y = (network.initial() + at::matmul(a, fit.beta)).detach().requires_grad_(true);
    const at::Tensor rates = dynamics.rate(times, y);
    std::vector<at::Tensor> rows;
    for (int k = 0; k < d; ++k) {
      const auto gradient = torch::autograd::grad({rates.select(1, k).sum()}, {y}, {}, /*retain_graph=*/true,
                                                  /*create_graph=*/false, /*allow_unused=*/true)[0];
      std::vector<at::Tensor> blocks;
      for (int j = 0; j < d; ++j) {
        at::Tensor block = gradient.defined() ? -gradient.select(1, j).unsqueeze(1) * a : at::zeros_like(a);
        if (j == k) block = block + dt;
        blocks.push_back(block / dynamics.scales[static_cast<std::size_t>(k)]);
      }
      rows.push_back(at::cat(blocks, 1));
    }
    const at::Tensor jacobian = at::cat(rows, 0);             // (N d) x (M d)
    const at::Tensor right = -residual.t().reshape({-1, 1});  // variable by variable
    const at::Tensor step = std::get<0>(at::linalg_lstsq(jacobian, right, c10::nullopt, "gelsd")).reshape({d, m}).t();
    // Step halving: the first of 1, 1/2, ... 1/256 that lowers the loss.
    bool improved = false;
    for (double fraction = 1.0; fraction >= 1.0 / 256.0; fraction *= 0.5) {
      const at::Tensor trial = fit.beta + fraction * step;
      const at::Tensor trial_residual = scaled_residual(dynamics, network, nodes, trial, scales);
      const double trial_loss = trial_residual.square().mean().item<double>();
      if (trial_loss < loss) {
        fit.beta = trial;
        residual = trial_residual;
        loss = trial_loss;
        improved = true;
        break;
      }
    }
    if (!improved) break;
  }
  if (fit.loss_history.back() != loss) fit.loss_history.push_back(loss);
  fit.collocation_residual = max_abs(residual);
  fit.validation_residual = max_abs(scaled_residual(dynamics, network, validation_points(nodes), fit.beta, scales));
  fit.accepted = fit.validation_residual <= training.residual_tolerance;
  return fit;
}

}  // namespace neurodyn
