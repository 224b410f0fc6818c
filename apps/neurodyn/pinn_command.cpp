// `neurodyn pinn`: a physics-informed neural network trained on a single-neuron problem and scored against the
// converged reference on times it never trained on (include/neurodyn/pinn/); writes metrics.csv, trace.csv,
// spikes.csv, training.csv, config.toml and pinn.{png,svg}.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "command.hpp"
#include "interrupt.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/pinn/pinn_output.hpp"
#include "neurodyn/pinn/pinn_run.hpp"
#include "neurodyn/pinn/pinn_settings.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

struct PinnCommandOptions {
  ProblemFlags problem;
  PinnOverrides pinn;  // --mode, --guide, --identify, --start, --trace and the [pinn] options given as flags
  bool no_figures = false;
  bool resume = false;
  std::filesystem::path out;
};

// The checkpoint of a training: DIR's sibling .NAME.pinn-checkpoint (the folder itself appears only whole).
std::string flag_of(std::string_view name) {
  std::string flag = "--" + std::string(name);
  std::ranges::replace(flag, '_', '-');
  return flag;
}

// Progress on stderr every two seconds: the event mode's windows, time reached, spikes and last residual; the other
// modes' epoch (or iteration) and loss.
class ProgressLines {
 public:
  ProgressLines(const std::string& mode, double t_end) : mode_(mode), t_end_(t_end) {}
  void operator()(const PinnStep& step) {
    const auto now = Clock::now();
    if (now < next_) return;
    next_ = now + std::chrono::seconds(2);
    const double seconds = std::chrono::duration<double>(now - started_).count();
    if (mode_ == "event") {
      std::cerr << fmt::format("pinn event: window {}, t = {:.3f} of {:g} ms, {} spikes, residual {:.2g}, {:.0f} s\n",
                               step.step, step.reached_ms, t_end_, step.spikes, step.loss, seconds);
    } else {
      std::cerr << fmt::format("pinn {}: {} {} of {}, loss {:.4g}, {:.0f} s\n", mode_,
                               mode_ == "inverse" ? "iteration" : "epoch", step.step, step.total, step.loss, seconds);
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::string mode_;
  double t_end_;
  Clock::time_point started_ = Clock::now(), next_ = Clock::now() + std::chrono::seconds(2);
};

// What the training came to, on stderr: the windows or epochs, or the identified constants.
void print_training_summary(const PinnConfig& config, const PinnOutcome& outcome) {
  const double seconds = outcome.metrics.front().training_seconds;
  const std::size_t spikes = outcome.trace.spike_times.size();
  if (config.mode == "event") {
    std::cerr << fmt::format("pinn event: {} windows, {} spikes, {:.2f} s of training\n", outcome.training.rows.size(),
                             spikes, seconds);
  } else if (config.mode == "inverse") {
    for (const IdentifiedParameter& p : outcome.parameters) {
      const auto truth = outcome.parameter_truth.find(p.name);
      std::cerr << fmt::format(
          "pinn inverse: {} = {:.6g} +- {:.2g} (start {:g}{})\n", p.name, p.value, p.standard_error, p.start,
          truth == outcome.parameter_truth.end()
              ? std::string()
              : fmt::format(", truth {:g}, error {:+.2f} %", truth->second, 100.0 * (p.value / truth->second - 1.0)));
    }
  } else {
    const auto& rows = outcome.training.rows;
    std::cerr << fmt::format("pinn {}: {} epochs, loss {:.4g}, {} spikes, {:.2f} s of training\n", config.mode,
                             rows.size(), rows.empty() ? 0.0 : rows.back()[1], spikes, seconds);
  }
}

void run_pinn_command(const PinnCommandOptions& options) {
  PinnSettings settings = options.problem.config ? read_pinn_settings(*options.problem.config) : PinnSettings{};
  ProblemFlags flags_only = options.problem;
  flags_only.config.reset();
  const EffectiveRun run = resolve(overlay(settings.run, combined_settings(flags_only)));
  const PinnConfig config = pinn_config(with_overrides(std::move(settings), options.pinn));
  ResultFolder folder(options.out, "pinn");

  TrainingCheckpoint checkpoint;
  checkpoint.path = checkpoint_beside(options.out, "pinn");
  checkpoint.resume = options.resume;
  ProgressLines progress(config.mode, run.t_end);
  const PinnOutcome outcome = run_stoppable("pinn", checkpoint, [&](const TrainingCheckpoint& stoppable) {
    return run_pinn(run, config, std::ref(progress), stoppable);
  });
  print_training_summary(config, outcome);
  if (!outcome.ok()) throw RunFailed(outcome.status, outcome.message);

  write_pinn_results(folder.start_writing(), run, outcome, !options.no_figures);
  folder.commit();
  std::filesystem::remove(checkpoint.path);
  const PinnScore& score = outcome.metrics.front().score;
  const StateVariableInfo& v = model_info(run.model).state_variables.front();
  const std::string time_suffix = v.unit.empty() ? "" : "_ms", v_suffix = v.unit.empty() ? "" : "_mV";
  std::cout << fmt::format(
      "spike_count: {} (reference {})\nmax_spike_error{}: {:.3g}\nmean_spike_error{}: {:.3g}\n"
      "max_v_error_between_spikes{}: {:.3g}\ntraining_s: {:.2f}\nwrote {}/ (metrics.csv, trace.csv, spikes.csv, "
      "training.csv, config.toml{}{})\n",
      score.spike_count, score.reference_spike_count, time_suffix, score.max_spike_error_ms, time_suffix,
      score.mean_spike_error_ms, v_suffix, score.max_v_error, outcome.metrics.front().training_seconds,
      options.out.string(), outcome.parameters.empty() ? "" : ", parameters.csv",
      options.no_figures ? "" : ", pinn.png/.svg");
}

}  // namespace

void add_pinn_command(CLI::App& app) {
  auto options = std::make_shared<PinnCommandOptions>();
  auto* command = app.add_subcommand(
      "pinn",
      "Train a physics-informed neural network on one neuron's problem and score it against the converged "
      "reference on times it never trained on. --mode event: one small network per short window, the spike located "
      "on the network and the reset applied exactly (the quadratic models in their phase variable theta); pure and "
      "guided: one network over the span, the earlier study's methods (physics only; plus a classical solution); "
      "inverse: a and b identified from a voltage trace (--trace, or simulated with --noise-mV). "
      "Writes metrics.csv, trace.csv, spikes.csv, training.csv, config.toml and pinn.png/.svg into --out.");
  add_problem_flags(*command, options->problem);
  command->add_option("--mode", options->pinn.mode, fmt::format("the PINN; allowed: {}", pinn_modes));
  command->add_option("--trace", options->pinn.trace,
                      "inverse: a recorded voltage, CSV time_ms,v_mV (uniform samples); without it the voltage is "
                      "simulated from the problem with --noise-mV");
  command->add_option("--guide", options->pinn.guide,
                      "guided: the classical solution it regresses onto; allowed: euler (at --data-step-ms, as the "
                      "earlier study), converged");
  command->add_option("--identify", options->pinn.identify,
                      "inverse: the constants identified, comma-separated: model parameters, and I, the amplitude of "
                      "a one-step or constant stimulus (default a,b)");
  command->add_option("--start", options->pinn.start,
                      "inverse: starting values, NAME=VALUE comma-separated (default: the middle of a parameter's "
                      "fitting range; for I the stimulus's own amplitude)");
  for (const PinnOption& option : pinn_options()) {
    command->add_option_function<double>(
        flag_of(option.name),
        [options, name = std::string(option.name)](double value) { options->pinn.options[name] = value; },
        fmt::format("{}{}; modes: {}", option.meaning, option.unit.empty() ? "" : fmt::format(" ({})", option.unit),
                    option.modes));
  }
  command->add_flag("--no-figures", options->no_figures, "skip pinn.png/.svg (no gnuplot needed)");
  command->add_flag(
      "--resume", options->resume,
      "continue a stopped run from its checkpoint beside --out (.DIR.pinn-checkpoint, kept every "
      "--checkpoint-interval-s and removed when the run completes): the windows done (event), the training "
      "(pure, guided) or the fit's iterate (inverse)");
  command->add_option("--out", options->out, "result folder")->required();
  command->callback([options] { run_pinn_command(*options); });
}

}  // namespace neurodyn::cli

// The module's entry points (apps/neurodyn/pinn_module.hpp).
extern "C" __attribute__((visibility("default"))) void neurodyn_add_pinn_command(CLI::App* app) {
  neurodyn::cli::add_pinn_command(*app);
}

extern "C" __attribute__((visibility("default"))) void neurodyn_pinn_set_memory_budget(double bytes) {
  neurodyn::set_memory_budget_bytes(bytes);
}
