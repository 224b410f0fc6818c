#include "neurodyn/pinn/event_pinn.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "checkpoint_archive.hpp"
#include "located_crossing.hpp"
#include "neurodyn/error.hpp"
#include "pinn_detail.hpp"
#include "single_thread_scope.hpp"

namespace neurodyn {
namespace {

const at::TensorOptions float64 = at::TensorOptions().dtype(at::kDouble);

std::vector<double> row(const at::Tensor& values, int64_t i) {
  const at::Tensor r = values[i].contiguous();
  return std::vector<double>(r.data_ptr<double>(), r.data_ptr<double>() + r.numel());
}

// The trace on the scored times (pinn_score.hpp), filled window by window.
struct GridTrace {
  Solution& trace;
  double t_start, step, offset, t_end;
  std::size_t next = 0;

  double time(std::size_t k) const { return t_start + (static_cast<double>(k) + offset) * step; }
  void add(double t, const std::vector<double>& state) {
    trace.times.push_back(t);
    trace.states.insert(trace.states.end(), state.begin(), state.end());
  }
  // Samples the accepted network on the scored times before `to`.
  void record(const TrainedDynamics& dynamics, const WindowNetwork& network, const at::Tensor& beta, double to) {
    std::vector<double> taus;
    for (; time(next) < to && time(next) < t_end; ++next) {
      taus.push_back((time(next) - network.start_ms()) / network.length_ms());
    }
    if (taus.empty()) return;
    const at::Tensor values = network.at(at::tensor(taus, float64), beta).values;
    for (std::size_t i = 0; i < taus.size(); ++i) {
      add(network.start_ms() + taus[i] * network.length_ms(), dynamics.to_model(row(values, static_cast<int64_t>(i))));
    }
  }
  // A held state on the scored times before `to`.
  void hold(const std::vector<double>& state, double to) {
    for (; time(next) < to && time(next) < t_end; ++next) add(time(next), state);
  }
};

// Where the marching stands after a window: what a checkpoint holds.
struct MarchState {
  double t = 0.0;
  std::vector<double> state;
  at::Tensor beta;  // the last accepted window's output weights: the next window's warm start
};

constexpr int window_fields = 7;

void save(const TrainingCheckpoint& checkpoint, const MarchState& march, const EventPinnRun& run, std::size_t grid_next,
          double seconds) {
  torch::serialize::OutputArchive archive;
  detail::write_number(archive, "t", march.t);
  detail::write_values(archive, "state", march.state);
  archive.write("beta", march.beta);
  detail::write_values(archive, "times", run.trace.times);
  detail::write_values(archive, "states", run.trace.states);
  detail::write_values(archive, "spike_times", run.trace.spike_times);
  detail::write_count(archive, "grid_next", static_cast<int64_t>(grid_next));
  detail::write_number(archive, "training_seconds", seconds);
  std::vector<double> windows;
  for (const EventWindow& w : run.windows) {
    windows.insert(windows.end(),
                   {w.start_ms, w.length_ms, static_cast<double>(w.tries), static_cast<double>(w.iterations),
                    w.validation_residual, w.final_loss, w.ended_in_spike ? 1.0 : 0.0});
  }
  detail::write_values(archive, "windows", windows);
  detail::write_checkpoint(checkpoint, archive);
}

// Restores the march, the run so far and the training seconds spent; returns the scored times already filled.
std::size_t restore(const TrainingCheckpoint& checkpoint, MarchState& march, EventPinnRun& run, double& seconds) {
  std::size_t grid_next = 0;
  detail::read_checkpoint(checkpoint, [&](torch::serialize::InputArchive& archive) {
    march.t = detail::read_number(archive, "t");
    march.state = detail::read_values(archive, "state");
    at::Tensor beta;
    archive.read("beta", beta);
    if (beta.sizes() != march.beta.sizes() || march.state.size() != run.trace.dimension) {
      throw InputError(
          fmt::format("checkpoint {}: its network does not have this run's size", checkpoint.path.string()));
    }
    march.beta = beta;
    run.trace.times = detail::read_values(archive, "times");
    run.trace.states = detail::read_values(archive, "states");
    run.trace.spike_times = detail::read_values(archive, "spike_times");
    grid_next = static_cast<std::size_t>(detail::read_count(archive, "grid_next"));
    seconds = detail::read_number(archive, "training_seconds");
    const std::vector<double> windows = detail::read_values(archive, "windows");
    for (std::size_t i = 0; i + window_fields <= windows.size(); i += window_fields) {
      run.windows.push_back({windows[i], windows[i + 1], static_cast<int>(windows[i + 2]),
                             static_cast<int>(windows[i + 3]), windows[i + 4], windows[i + 5], windows[i + 6] != 0.0});
    }
  });
  return grid_next;
}

}  // namespace

void validate(const EventPinnOptions& options) {
  const auto require = detail::require_option;
  require(options.window_ms > 0.0 && std::isfinite(options.window_ms), "window_ms", options.window_ms,
          "a positive number of ms");
  require(options.min_window_ms > 0.0 && options.min_window_ms <= options.window_ms, "min_window_ms",
          options.min_window_ms, "positive and at most window_ms");
  require(options.hidden_units >= 2 && options.hidden_units <= 1000, "hidden_units", options.hidden_units,
          "between 2 and 1000");
  require(options.feature_spread > 0.0 && options.feature_spread <= 100.0, "feature_spread", options.feature_spread,
          "in (0, 100]");
  require(options.training.collocation_points >= options.hidden_units && options.training.collocation_points <= 10000,
          "collocation_points", options.training.collocation_points, "at least hidden_units and at most 10000");
  require(options.training.max_iterations >= 1 && options.training.max_iterations <= 1000, "max_iterations",
          options.training.max_iterations, "between 1 and 1000");
  require(options.training.residual_tolerance > 0.0, "residual_tolerance", options.training.residual_tolerance,
          "positive (per ms)");
  require(options.output_step_ms > 0.0 && std::isfinite(options.output_step_ms), "output_step_ms",
          options.output_step_ms, "a positive number of ms");
  require(options.output_offset >= 0.0 && options.output_offset < 1.0, "output_offset", options.output_offset,
          "in [0, 1)");
}

EventPinnRun run_event_pinn(const Problem& problem, const EventPinnOptions& options, const EventProgress& progress,
                            const TrainingCheckpoint& checkpoint) {
  validate(options);
  validate_initial_state(problem);
  const detail::SingleThreadScope one_thread;
  if (!problem.events.events.empty()) {
    throw InputError("events: the event-driven PINN takes its input from the stimulus only; remove the events");
  }
  const TrainedDynamics dynamics = trained_dynamics(problem);
  const int d = dynamics.dimension();
  const RandomFeatures features = draw_random_features(options.hidden_units, options.feature_spread, options.seed);

  EventPinnRun run;
  run.trained_parameters_per_window = options.hidden_units * d;
  run.trace.dimension = static_cast<std::size_t>(d);
  GridTrace grid{run.trace, problem.t_start, options.output_step_ms, options.output_offset, problem.t_end};
  // Guard probes: fine enough that a spike's upstroke, monotone across a window, is bracketed.
  const at::Tensor probes = at::linspace(0.0, 1.0, 129, float64);

  MarchState march{problem.t_start, problem.initial_state, at::zeros({options.hidden_units, d}, float64)};
  double seconds_before = 0.0;  // spent before a resume
  if (checkpoint.resumes()) grid.next = restore(checkpoint, march, run, seconds_before);
  double& t = march.t;
  std::vector<double>& state = march.state;
  at::Tensor& beta = march.beta;
  const auto clock_start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  };
  CheckpointSchedule schedule(checkpoint);
  const double end_slack = 1e-12 * std::max(1.0, std::abs(problem.t_end));
  while (t < problem.t_end - end_slack) {
    const double piece_end = std::min(problem.t_end, problem.stimulus.next_piece_end(t));
    double h = std::min(options.window_ms, piece_end - t);
    const at::Tensor y0 = at::tensor(dynamics.to_trained(state), float64);
    EventWindow window{t};
    WindowFit fit;
    for (;;) {
      const WindowNetwork trial_network(features, t, h, y0);
      fit = fit_window(dynamics, trial_network, window.tries == 0 ? beta : at::zeros_like(beta), options.training);
      ++window.tries;
      if (fit.accepted) break;
      if (h / 2.0 < options.min_window_ms) {
        run.trace.status = SolveStatus::step_too_small;
        run.trace.message = fmt::format(
            "the window at t = {:.6f} ms was not accepted: residual {:.3g} per ms above the bound {:.3g} after "
            "{} tries, down to {:.3g} ms (min_window_ms {:g})",
            t, fit.validation_residual, options.training.residual_tolerance, window.tries, h, options.min_window_ms);
        run.training_seconds = elapsed();
        return run;
      }
      h /= 2.0;
    }
    const WindowNetwork network(features, t, h, y0);
    beta = fit.beta;
    window.iterations = fit.iterations;
    window.validation_residual = fit.validation_residual;
    window.final_loss = fit.loss_history.back();

    // The first upward crossing of the spike guard on the network, if any.
    const at::Tensor probed = network.at(probes, beta).values;
    const auto guard_at = [&](double tau) {
      const at::Tensor value = network.at(at::full({1}, tau, float64), beta).values;
      return detail::guard_of(problem.model, dynamics.to_model(row(value, 0)));
    };
    double previous_guard = detail::guard_of(problem.model, dynamics.to_model(row(probed, 0)));
    double spike_tau = -1.0;
    for (int64_t i = 1; i < probes.size(0); ++i) {
      const double guard = detail::guard_of(problem.model, dynamics.to_model(row(probed, i)));
      if (previous_guard < 0.0 && guard >= 0.0) {
        const double lo = probes[i - 1].item<double>(), hi = probes[i].item<double>();
        const double fraction =
            detail::located_crossing([&](double s) { return guard_at(lo + s * (hi - lo)); }, previous_guard, guard);
        spike_tau = lo + fraction * (hi - lo);
        break;
      }
      previous_guard = guard;
    }
    if (spike_tau < 0.0) {
      grid.record(dynamics, network, beta, t + h);
      const at::Tensor end = network.at(at::ones({1}, float64), beta).values;
      state = dynamics.to_model(row(end, 0));
      t += h;
    } else {
      const double spike = t + spike_tau * h;
      grid.record(dynamics, network, beta, spike);
      const at::Tensor at_spike = network.at(at::full({1}, spike_tau, float64), beta).values;
      const auto [reset_state, hold_ms] = detail::reset_of(problem.model, dynamics.to_model(row(at_spike, 0)));
      run.trace.spike_times.push_back(spike);
      grid.hold(reset_state, spike + hold_ms);
      state = reset_state;
      window.length_ms = spike - t;
      window.ended_in_spike = true;
      t = spike + hold_ms;
    }
    if (!window.ended_in_spike) window.length_ms = h;
    run.windows.push_back(window);
    if (schedule.due(false)) save(checkpoint, march, run, grid.next, elapsed());
    schedule.stop_if_requested();
    if (progress) progress(window, t, run.trace.spike_times.size());
  }
  run.training_seconds = elapsed();
  return run;
}

}  // namespace neurodyn
