#pragma once
// A neuron model's equations in the variables a PINN trains: the quadratic models (izh2003, izh2007) in the
// phase theta of their voltage (theta_form.hpp) and their recovery variable u, the others (lif, fhn) in their
// own state. The right-hand side evaluates the model's own field on tensors (tensor_models.hpp) and is
// differentiable in the trained values, for the Gauss-Newton Jacobian of a window.
#include <ATen/ATen.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "neurodyn/pinn/theta_form.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

struct TrainedDynamics {
  std::string model;
  std::vector<std::string> variables;  // "theta", "u", or the model's own ("v", "w")
  // Per trained variable, what a residual of 1 per ms is measured against (its unit: rad for theta, the model's
  // error scale for its own variables), so that one tolerance serves all variables.
  std::vector<double> scales;
  std::optional<ThetaForm> theta;  // for the quadratic models
  // The trained variables' rates (per ms) at times t (N, ms, inside one smooth piece of the input) and values
  // y (N x d): N x d, differentiable in y.
  std::function<at::Tensor(const at::Tensor& t_ms, const at::Tensor& y)> rate;

  int dimension() const { return static_cast<int>(variables.size()); }
  // The model's state (its unit per variable) as trained values, and back.
  std::vector<double> to_trained(std::span<const double> model_state) const;
  std::vector<double> to_model(std::span<const double> trained) const;
};

// Which variables a network represents: the phase theta for v where the model is quadratic in v (event windows),
// or the model's own state everywhere (one network over the whole span, as the earlier study trained).
enum class TrainedVariables { phase_where_quadratic, model_state };

// Throws InputError naming the model and the supported ones for a model the PINN cannot train (adex, the
// Hodgkin-Huxley forms, the other FitzHugh-Nagumo forms).
TrainedDynamics trained_dynamics(const Problem& problem,
                                 TrainedVariables variables = TrainedVariables::phase_where_quadratic);

}  // namespace neurodyn
