// tensor_models.hpp comes first: it declares the tensor overloads that the model headers' equations call.
#include "neurodyn/pinn/tensor_models.hpp"
// The rest after it.
#include <fmt/format.h>

#include <type_traits>

#include "neurodyn/error.hpp"
#include "neurodyn/pinn/trained_dynamics.hpp"

namespace neurodyn {
namespace {

// I(t) at each time of a 1-D tensor (model current unit), as an N-element double tensor.
at::Tensor input_at(const Stimulus& stimulus, const at::Tensor& t_ms) {
  const at::Tensor times = t_ms.detach().contiguous();
  at::Tensor current = at::empty_like(times);
  const double* t = times.data_ptr<double>();
  double* out = current.data_ptr<double>();
  for (int64_t i = 0; i < times.numel(); ++i) out[i] = stimulus.at(t[i]).current;
  return current;
}

template <class M>
constexpr bool is_quadratic_model = std::is_same_v<M, Izhikevich2003> || std::is_same_v<M, Izhikevich2007>;
template <class M>
constexpr bool is_direct_model = std::is_same_v<M, LeakyIntegrateAndFire> || std::is_same_v<M, FitzHughNagumo>;

template <class M>
TrainedDynamics quadratic_dynamics(const M& model, const Stimulus& input) {
  TrainedDynamics dynamics;
  dynamics.model = std::string(M::name);
  dynamics.variables = {"theta", std::string(M::state_variables[1].name)};
  dynamics.scales = {1.0, model.error_scale()[1]};
  const auto dv_dt = [&](double v) { return model.field(std::array<double, 2>{v, 0.0}, Drive{})[0]; };
  const ThetaForm theta = theta_form_of(dv_dt, M::name.data());
  dynamics.theta = theta;
  dynamics.rate = [model, theta, stimulus = input](const at::Tensor& t_ms, const at::Tensor& y) {
    const at::Tensor angle = y.select(1, 0), u = y.select(1, 1);
    const BasicDrive<at::Tensor> drive{input_at(stimulus, t_ms), at::zeros_like(u)};
    // q = v' at the vertex v*, for this u and I.
    const at::Tensor q = model.field(std::array<at::Tensor, 2>{at::full_like(u, theta.v_star), u}, drive)[0];
    const at::Tensor u_rate = model.field(std::array<at::Tensor, 2>{theta.voltage_of(angle), u}, drive)[1];
    return at::stack({theta.theta_rate(angle, q), u_rate}, 1);
  };
  return dynamics;
}

template <class M>
TrainedDynamics direct_dynamics(const M& model, const Stimulus& input) {
  constexpr int n = M::dimension;
  TrainedDynamics dynamics;
  dynamics.model = std::string(M::name);
  for (const StateVariableInfo& variable : M::state_variables) {
    dynamics.variables.emplace_back(variable.name);
  }
  const auto scale = model.error_scale();
  dynamics.scales.assign(scale.data(), scale.data() + n);
  dynamics.rate = [model, stimulus = input](const at::Tensor& t_ms, const at::Tensor& y) {
    std::array<at::Tensor, n> state;
    for (int j = 0; j < n; ++j) state[static_cast<std::size_t>(j)] = y.select(1, j);
    const BasicDrive<at::Tensor> drive{input_at(stimulus, t_ms), at::zeros_like(state[0])};
    const std::array<at::Tensor, n> rates = model.field(state, drive);
    return at::stack(std::vector<at::Tensor>(rates.begin(), rates.end()), 1);
  };
  return dynamics;
}

}  // namespace

std::vector<double> TrainedDynamics::to_trained(std::span<const double> model_state) const {
  std::vector<double> trained(model_state.begin(), model_state.end());
  if (theta) trained[0] = theta->theta_of(model_state[0]);
  return trained;
}

std::vector<double> TrainedDynamics::to_model(std::span<const double> trained) const {
  std::vector<double> state(trained.begin(), trained.end());
  if (theta) state[0] = theta->voltage_of(trained[0]);
  return state;
}

TrainedDynamics trained_dynamics(const Problem& problem, TrainedVariables variables) {
  return std::visit(
      [&](const auto& model) -> TrainedDynamics {
        using M = std::decay_t<decltype(model)>;
        if constexpr (is_quadratic_model<M>) {
          if (variables == TrainedVariables::model_state) return direct_dynamics(model, problem.stimulus);
          return quadratic_dynamics(model, problem.stimulus);
        } else if constexpr (is_direct_model<M>) {
          return direct_dynamics(model, problem.stimulus);
        } else {
          throw InputError(fmt::format("model: the PINN trains izh2003, izh2007, lif and fhn; got '{}'", M::name));
        }
      },
      problem.model);
}

}  // namespace neurodyn
