#include "neurodyn/pinn/global_pinn.hpp"

#include <fmt/format.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <numbers>

#include "checkpoint_archive.hpp"
#include "located_crossing.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/pinn/pinn_score.hpp"
#include "neurodyn/pinn/trained_dynamics.hpp"
#include "pinn_detail.hpp"
#include "single_thread_scope.hpp"

namespace neurodyn {
namespace {

const at::TensorOptions float64 = at::TensorOptions().dtype(at::kDouble);

// The perceptron: Xavier-normal weights, zero biases, tanh between the layers, two outputs.
torch::nn::Sequential perceptron(int inputs, const GlobalPinnOptions& options) {
  torch::nn::Sequential network;
  int width = inputs;
  for (int layer = 0; layer < options.hidden_layers; ++layer) {
    network->push_back(torch::nn::Linear(width, options.hidden_width));
    network->push_back(torch::nn::Tanh());
    width = options.hidden_width;
  }
  network->push_back(torch::nn::Linear(width, 2));
  network->to(torch::kDouble);
  for (auto& parameter : network->named_parameters()) {
    if (parameter.key().ends_with("weight")) {
      torch::nn::init::xavier_normal_(parameter.value());
    } else {
      torch::nn::init::zeros_(parameter.value());
    }
  }
  return network;
}

struct Frame {
  const GlobalPinnOptions& options;
  double t_start, t_end;
  at::Tensor offsets, scales;  // 2: y = offsets + scales n

  int input_count() const { return options.fourier_input ? 5 : 1; }
  at::Tensor inputs(const at::Tensor& t) const {
    if (!options.fourier_input) return (2.0 * (t - t_start) / (t_end - t_start) - 1.0).unsqueeze(1);
    const at::Tensor phase = (2.0 * std::numbers::pi / options.period_ms) * t;
    return at::stack(
        {t / options.period_ms, at::sin(phase), at::cos(phase), at::sin(2.0 * phase), at::cos(2.0 * phase)}, 1);
  }
};

struct Data {
  at::Tensor t, y, v_weight;  // N, N x 2, N
};

// The classical solution the guided network regresses onto, every data_step_ms, the sample before each reset set
// to the spike cutoff v_peak (the earlier study's preprocessing).
Data guide_data(const Problem& problem, const GlobalPinnOptions& options, double v_peak) {
  MethodOptions method;
  RecordOptions record;
  if (options.guide == "euler") {
    method.name = "euler";
    method.dt = options.data_step_ms;
  } else {
    method.name = "cvode-adams";
    method.rtol = method.atol = 1e-12;
    record.output_step = options.data_step_ms;
  }
  const Solution solution = solve(problem, method, record);
  if (!solution.ok()) throw InputError("guide: the classical solution failed: " + solution.message);
  std::vector<double> t, v, u;
  for (std::size_t i = 0; i < solution.sample_count(); ++i) {
    const double time = solution.times[i];
    const double grid = std::round((time - problem.t_start) / options.data_step_ms);
    if (std::abs(time - problem.t_start - grid * options.data_step_ms) > 1e-9) continue;  // the spike samples
    if (!t.empty() && t.back() == time) continue;
    t.push_back(time);
    v.push_back(solution.state(i, 0));
    u.push_back(solution.dimension > 1 ? solution.state(i, 1) : 0.0);
  }
  for (const double spike : solution.spike_times) {
    const auto before = std::ranges::upper_bound(t, spike) - t.begin() - 1;
    if (before >= 0) v[static_cast<std::size_t>(before)] = v_peak;
  }
  Data data{at::tensor(t, float64), at::stack({at::tensor(v, float64), at::tensor(u, float64)}, 1), {}};
  data.v_weight = 1.0 + options.data_v_peak_weight * (data.y.select(1, 0) > 0.0).to(at::kDouble);
  return data;
}

at::Tensor collocation(const GlobalPinnOptions& options, double t_start, double t_end, at::Generator& generator) {
  std::vector<at::Tensor> parts{t_start + (t_end - t_start) * at::rand({options.uniform_points}, generator, float64)};
  for (const CollocationBand& band : options.bands) {
    const double from = std::max(band.from_ms, t_start), to = std::min(band.to_ms, t_end);
    if (to <= from || band.count == 0) continue;
    parts.push_back(from + (to - from) * at::rand({band.count}, generator, float64));
  }
  return at::cat(parts);
}

// What a checkpoint holds besides the network and Adam's moments.
struct TrainingState {
  int epoch = 0;                                          // the next Adam epoch
  int lbfgs_calls = 0;                                    // L-BFGS calls done
  double best = std::numeric_limits<double>::infinity();  // the plateau rule's best loss and its age
  int since_best = 0;
  double learning_rate = 0.0;
  std::vector<double> loss, physics_loss;
};

void save(const TrainingCheckpoint& checkpoint, const TrainingState& state, const torch::nn::Module& network,
          const torch::optim::Adam& adam) {
  torch::serialize::OutputArchive archive, network_archive, adam_archive;
  detail::write_count(archive, "epoch", state.epoch);
  detail::write_count(archive, "lbfgs_calls", state.lbfgs_calls);
  detail::write_number(archive, "best", state.best);
  detail::write_count(archive, "since_best", state.since_best);
  detail::write_number(archive, "learning_rate", state.learning_rate);
  detail::write_values(archive, "loss", state.loss);
  detail::write_values(archive, "physics_loss", state.physics_loss);
  network.save(network_archive);
  adam.save(adam_archive);
  archive.write("network", network_archive);
  archive.write("adam", adam_archive);
  detail::write_checkpoint(checkpoint, archive);
}

TrainingState restore(const TrainingCheckpoint& checkpoint, torch::nn::Module& network, torch::optim::Adam& adam) {
  TrainingState state;
  detail::read_checkpoint(checkpoint, [&](torch::serialize::InputArchive& archive) {
    state.epoch = static_cast<int>(detail::read_count(archive, "epoch"));
    state.lbfgs_calls = static_cast<int>(detail::read_count(archive, "lbfgs_calls"));
    state.best = detail::read_number(archive, "best");
    state.since_best = static_cast<int>(detail::read_count(archive, "since_best"));
    state.learning_rate = detail::read_number(archive, "learning_rate");
    state.loss = detail::read_values(archive, "loss");
    state.physics_loss = detail::read_values(archive, "physics_loss");
    torch::serialize::InputArchive network_archive, adam_archive;
    archive.read("network", network_archive);
    network.load(network_archive);
    archive.read("adam", adam_archive);
    adam.load(adam_archive);
  });
  return state;
}

double elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

GlobalPinnOptions guided_defaults() {
  GlobalPinnOptions options;
  options.guided = true;
  options.hidden_layers = 4;
  options.fourier_input = false;
  options.uniform_points = 1500;
  options.bands = {{90, 150, 500}};
  options.physics_weights = {{95, 105, 11.0}};
  options.u_residual_weight = 100.0;
  options.initial_weight = 200.0;
  options.initial_weight_growth = 0.0;
  options.bound_weight = 0.0;
  options.first_epochs = 8000;
  options.epochs = 8000;
  options.learning_rate = 1e-3;
  options.lbfgs_calls = 100;
  options.clip_norm = 0.0;
  return options;
}

void validate(const GlobalPinnOptions& options) {
  const auto require = detail::require_option;
  require(options.hidden_layers >= 1 && options.hidden_layers <= 20, "hidden_layers", options.hidden_layers,
          "between 1 and 20");
  require(options.hidden_width >= 1 && options.hidden_width <= 4096, "hidden_width", options.hidden_width,
          "between 1 and 4096");
  require(options.period_ms > 0.0, "period_ms", options.period_ms, "a positive number of ms");
  require(options.uniform_points >= 1 && options.uniform_points <= 1'000'000, "uniform_points", options.uniform_points,
          "between 1 and 1000000");
  require(options.epochs >= 1 && options.epochs <= 10'000'000, "epochs", options.epochs, "between 1 and 10000000");
  require(options.first_epochs >= 0 && options.first_epochs <= options.epochs, "first_epochs", options.first_epochs,
          "between 0 and epochs");
  require(options.lbfgs_calls >= 0 && options.lbfgs_calls <= 100'000, "lbfgs_calls", options.lbfgs_calls,
          "between 0 and 100000");
  require(options.learning_rate > 0.0 && options.second_learning_rate > 0.0, "learning_rate",
          std::min(options.learning_rate, options.second_learning_rate), "positive");
  require(options.data_step_ms > 0.0, "data_step_ms", options.data_step_ms, "a positive number of ms");
  require(options.output_step_ms > 0.0, "output_step_ms", options.output_step_ms, "a positive number of ms");
  if (options.guide != "euler" && options.guide != "converged") {
    throw InputError(fmt::format("guide '{}' is not allowed; allowed: euler, converged", options.guide));
  }
}

GlobalPinnRun run_global_pinn(const Problem& problem, const GlobalPinnOptions& options, const GlobalProgress& progress,
                              const TrainingCheckpoint& checkpoint) {
  validate(options);
  validate_initial_state(problem);
  const detail::SingleThreadScope one_thread;
  if (!problem.events.events.empty()) {
    throw InputError("events: the PINN takes its input from the stimulus only; remove the events");
  }
  const TrainedDynamics dynamics = trained_dynamics(problem, TrainedVariables::model_state);
  if (dynamics.dimension() != 2) {
    throw InputError(
        fmt::format("model: one network over the span trains models with two state variables "
                    "(izh2003, izh2007, fhn); got '{}'",
                    dynamics.model));
  }
  torch::manual_seed(options.seed);
  at::Generator generator = at::detail::createCPUGenerator(options.seed);
  const auto clock_start = std::chrono::steady_clock::now();
  const double t0 = problem.t_start, t1 = problem.t_end;
  const std::vector<double>& initial = problem.initial_state;
  const auto guard_of = [&](double v, double u) { return detail::guard_of(problem.model, std::vector<double>{v, u}); };
  Data data;
  double u_offset = 0.0, u_scale = options.u_scale;
  if (options.guided) {
    data = guide_data(problem, options, -guard_of(0.0, 0.0));  // the cutoff of v (at u = 0)
    u_offset = data.y.select(1, 1).mean().item<double>();
    u_scale = std::max(1e-12, data.y.select(1, 1).std().item<double>());
  }
  const double v_offset = std::isnan(options.v_offset) ? initial[0] : options.v_offset;
  const Frame frame{options, t0, t1, at::tensor({v_offset, u_offset}, float64),
                    at::tensor({options.v_scale, u_scale}, float64)};
  torch::nn::Sequential network = perceptron(frame.input_count(), options);

  GlobalPinnRun run;
  for (const auto& parameter : network->parameters()) run.trained_parameters += parameter.numel();
  const at::Tensor points = collocation(options, t0, t1, generator);
  run.collocation_points = static_cast<int>(points.size(0));
  run.data_points = options.guided ? static_cast<int>(data.t.size(0)) : 0;
  at::Tensor physics_weight = at::ones_like(points);
  for (const WeightBand& band : options.physics_weights) {
    physics_weight = at::where((points >= band.from_ms) & (points <= band.to_ms), at::full_like(points, band.weight),
                               physics_weight);
  }
  const at::Tensor initial_state = at::tensor(initial, float64);

  const auto values_at = [&](const at::Tensor& t) {
    return frame.offsets + frame.scales * network->forward(frame.inputs(t));
  };
  double physics_part = 0.0;
  const auto loss_at = [&](int epoch) {
    const at::Tensor t = points.clone().requires_grad_(true);
    const at::Tensor n = network->forward(frame.inputs(t));
    const at::Tensor y = frame.offsets + frame.scales * n;
    std::vector<at::Tensor> rates;
    for (int k = 0; k < 2; ++k) {
      rates.push_back(torch::autograd::grad({n.select(1, k).sum()}, {t}, {}, true, true)[0] * frame.scales[k]);
    }
    const at::Tensor residual = (at::stack(rates, 1) - dynamics.rate(points, y)) / frame.scales;
    const at::Tensor physics =
        (physics_weight * (residual.select(1, 0).square() + options.u_residual_weight * residual.select(1, 1).square()))
            .mean();
    const at::Tensor start = (values_at(at::full({1}, t0, float64))[0] - initial_state) / frame.scales;
    const double initial_weight = options.initial_weight * (1.0 + options.initial_weight_growth * epoch);
    at::Tensor loss = physics + initial_weight * start.square().sum();
    if (options.bound_weight > 0.0) {
      const at::Tensor v = y.select(1, 0);
      loss = loss +
             options.bound_weight * ((at::relu(v - options.v_high).square() + at::relu(options.v_low - v).square()) /
                                     (options.v_scale * options.v_scale))
                                        .mean();
    }
    if (options.guided) {
      const at::Tensor misfit = (values_at(data.t) - data.y) / frame.scales;
      loss = loss + options.data_weight * (data.v_weight * misfit.select(1, 0).square() +
                                           options.data_u_weight * misfit.select(1, 1).square())
                                              .mean();
    }
    physics_part = physics.item<double>();
    return loss;
  };

  const int total = options.epochs + options.lbfgs_calls;
  const auto record = [&](int epoch, double loss) {
    run.loss.push_back(loss);
    run.physics_loss.push_back(physics_part);
    if (progress) progress(epoch, total, loss);
  };
  torch::optim::Adam adam(network->parameters(), torch::optim::AdamOptions(options.learning_rate));
  TrainingState state;
  if (checkpoint.resumes()) {
    state = restore(checkpoint, *network, adam);
    run.loss = state.loss;
    run.physics_loss = state.physics_loss;
  }
  CheckpointSchedule schedule(checkpoint);
  const auto keep = [&](bool now) {
    if (!schedule.due(now)) return;
    state.loss = run.loss;
    state.physics_loss = run.physics_loss;
    state.learning_rate = adam.param_groups().front().options().get_lr();
    save(checkpoint, state, *network, adam);
    schedule.stop_if_requested();
  };
  if (state.epoch > 0) {
    for (auto& group : adam.param_groups()) group.options().set_lr(state.learning_rate);
  }
  while (state.epoch < options.epochs) {
    const int epoch = state.epoch;
    if (epoch == options.first_epochs) {
      for (auto& group : adam.param_groups()) group.options().set_lr(options.second_learning_rate);
    }
    adam.zero_grad();
    const at::Tensor loss = loss_at(epoch);
    loss.backward();
    if (options.clip_norm > 0.0) torch::nn::utils::clip_grad_norm_(network->parameters(), options.clip_norm);
    adam.step();
    const double value = loss.item<double>();
    record(epoch, value);
    // Plateau decay after the first phase: the learning rate halves after 500 epochs without a 0.01 % gain.
    if (epoch >= options.first_epochs) {
      if (value < state.best * (1.0 - 1e-4)) {
        state.best = value;
        state.since_best = 0;
      } else if (++state.since_best == 500) {
        for (auto& group : adam.param_groups()) group.options().set_lr(group.options().get_lr() * 0.5);
        state.since_best = 0;
      }
    }
    ++state.epoch;
    keep(state.epoch == options.epochs);
  }
  if (options.lbfgs_calls > state.lbfgs_calls) {
    torch::optim::LBFGS lbfgs(
        network->parameters(),
        torch::optim::LBFGSOptions(options.lbfgs_learning_rate).max_iter(options.lbfgs_iterations));
    while (state.lbfgs_calls < options.lbfgs_calls) {
      const at::Tensor loss = lbfgs.step([&] {
        lbfgs.zero_grad();
        at::Tensor value = loss_at(options.epochs);
        value.backward();
        return value;
      });
      record(options.epochs + state.lbfgs_calls, loss.item<double>());
      ++state.lbfgs_calls;
      keep(state.lbfgs_calls == options.lbfgs_calls);
    }
  }
  run.training_seconds = elapsed_since(clock_start);

  // The trajectory at the scored times, and its upward guard crossings located on the network.
  torch::NoGradGuard no_gradient;
  const std::vector<double> times = scoring_times(t0, t1, options.output_step_ms);
  const at::Tensor scored = values_at(at::tensor(times, float64)).contiguous();
  run.trace.dimension = 2;
  run.trace.times = times;
  run.trace.states.assign(scored.data_ptr<double>(), scored.data_ptr<double>() + scored.numel());
  const auto guard_at = [&](double t) {
    const at::Tensor y = values_at(at::full({1}, t, float64))[0];
    return guard_of(y[0].item<double>(), y[1].item<double>());
  };
  double previous_t = t0, previous_guard = guard_at(t0);
  for (std::size_t i = 0; i <= times.size(); ++i) {
    const double t = i < times.size() ? times[i] : t1;
    const double guard =
        i < times.size() ? guard_of(run.trace.states[2 * i], run.trace.states[2 * i + 1]) : guard_at(t1);
    if (previous_guard < 0.0 && guard >= 0.0) {
      const double fraction = detail::located_crossing(
          [&](double s) { return guard_at(previous_t + s * (t - previous_t)); }, previous_guard, guard);
      run.trace.spike_times.push_back(previous_t + fraction * (t - previous_t));
    }
    previous_t = t;
    previous_guard = guard;
  }
  return run;
}

}  // namespace neurodyn
