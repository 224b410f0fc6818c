// `neurodyn simulate`: one run from flags and/or a TOML config; writes trace.csv, spikes.csv, config.toml
// and the figures into --out. A run that fails numerically writes nothing: no result that looks whole exists.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "command.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/result_files.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn::cli {
namespace {

struct SimulateOptions {
  std::optional<std::filesystem::path> config;
  RunSettings flags;
  std::vector<std::string> parameters;  // NAME=VALUE
  bool u_from_old_v = false;
  bool reset_next_step = false;
  bool no_figures = false;
  std::optional<long long> record_every;
  std::filesystem::path out;
};

// Without --record-every, the trace of a fixed-step method keeps at most about this many samples (a 100 s
// run at 0.01 ms would otherwise hold 10^7 samples in memory and write a CSV file of gigabytes). Adaptive
// methods keep every step: their step count is not known in advance. Spikes are always all kept.
constexpr double max_default_trace_samples = 2e6;

// One sample in how many steps the trace keeps: --record-every, or as few as keep a fixed-step trace under
// the cap.
long long trace_stride(const SimulateOptions& options, const EffectiveRun& run) {
  if (options.record_every) {
    if (*options.record_every < 1) {
      throw InputError(
          fmt::format("--record-every {} is out of range; allowed: an integer >= 1", *options.record_every));
    }
    return *options.record_every;
  }
  if (method_info(run.method.name).adaptive) return 1;
  const double expected_steps = run.t_end / run.method.dt;
  const auto stride = static_cast<long long>(std::ceil(expected_steps / max_default_trace_samples));
  if (stride > 1) {
    std::cerr << fmt::format(
        "trace: keeping one sample in {} steps (at most about {:g} samples); "
        "--record-every 1 keeps every step\n",
        stride, max_default_trace_samples);
  }
  return std::max(stride, 1LL);
}

// "NAME=VALUE" -> (NAME, VALUE). Throws InputError naming the assignment.
std::pair<std::string, double> parse_parameter_assignment(const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError(
        fmt::format("--param '{}' is not an assignment; expected NAME=VALUE, e.g. --param a=0.02", assignment));
  }
  const std::string name = assignment.substr(0, equals);
  const std::string text = assignment.substr(equals + 1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    throw InputError(fmt::format("--param {} = '{}' is not a number", name, text));
  }
  return {name, value};
}

RunSettings settings_from_flags(const SimulateOptions& options) {
  RunSettings settings = options.flags;
  for (const auto& assignment : options.parameters) {
    const auto [name, value] = parse_parameter_assignment(assignment);
    settings.parameters[name] = value;
  }
  if (options.u_from_old_v) settings.u_from_new_v = false;
  if (options.reset_next_step) settings.reset_in_same_step = false;
  return settings;
}

void print_statistics(const EffectiveRun& run, const Solution& solution, std::chrono::duration<double> wall) {
  const auto& stats = solution.statistics;
  std::cerr << fmt::format(
      "model {}{}, method {} (dt {} ms, spikes {}), t_end {} ms\n"
      "steps {}, rhs evaluations {}, Jacobian evaluations {}, rejected steps {}, Newton failures {}\n"
      "spikes {}, wall time {:.3f} s\n",
      run.model, run.preset ? fmt::format(" (preset {})", *run.preset) : std::string(), run.method.name, run.method.dt,
      to_string(run.method.spikes), run.t_end, stats.steps, stats.rhs_evaluations, stats.jacobian_evaluations,
      stats.rejected_steps, stats.newton_failures, solution.spike_times.size(), wall.count());
}

void write_results(const SimulateOptions& options, const EffectiveRun& run, const Solution& solution) {
  const auto& out = options.out;
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) throw FileError(fmt::format("--out {}: cannot create the directory: {}", out.string(), error.message()));
  write_trace_csv(out / "trace.csv", run, solution);
  write_spikes_csv(out / "spikes.csv", run, solution);
  write_file_atomically(out / "config.toml", to_toml(run));
  if (!options.no_figures) write_figures(out, run, solution);

  std::cout << fmt::format("{} spikes\n", solution.spike_times.size());
  std::cout << fmt::format("trace:   {}\nspikes:  {}\nconfig:  {}\n", (out / "trace.csv").string(),
                           (out / "spikes.csv").string(), (out / "config.toml").string());
  if (!options.no_figures) std::cout << fmt::format("figures: {}\n", (out / "*.{png,svg}").string());
}

void run_simulate(const SimulateOptions& options) {
  RunSettings settings = options.config ? read_run_settings(*options.config) : RunSettings{};
  settings = overlay(std::move(settings), settings_from_flags(options));
  const EffectiveRun run = resolve(settings);

  RecordOptions record;
  record.every = trace_stride(options, run);
  const auto started = std::chrono::steady_clock::now();
  const Solution solution = solve(run.problem, run.method, record);
  print_statistics(run, solution, std::chrono::steady_clock::now() - started);

  if (!solution.ok()) throw RunFailed(solution.status, solution.message);
  write_results(options, run, solution);
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto options = std::make_shared<SimulateOptions>();
  auto& flags = options->flags;
  auto* command = app.add_subcommand(
      "simulate",
      "Simulate one neuron: writes trace.csv, spikes.csv, config.toml and figures (PNG, SVG) into --out. "
      "Precedence: flag > --config file > preset > model defaults.");
  command->add_option("--config", options->config, "TOML file of settings (layout: examples/*.toml)")
      ->type_name("FILE");
  command->add_option("--preset", flags.preset, "named published configuration (see `neurodyn presets`)")
      ->type_name("NAME");
  command->add_option("--model", flags.model, "model name (see `neurodyn models`)")->type_name("NAME");
  command->add_option("--param", options->parameters, "set a model parameter; repeatable")->type_name("NAME=VALUE");
  command
      ->add_option("--stimulus", flags.stimulus,
                   "input current: step, const, pulses, ramp, sine, noise or file components joined by '+', e.g. "
                   "step:amp=70,start=100")
      ->type_name("SPEC");
  command->add_option("--v0", flags.v0, "initial membrane potential (mV)")->type_name("MV");
  command->add_option("--u0", flags.u0, "initial recovery variable (model units)")->type_name("U");
  command->add_option("--t-end", flags.t_end, "duration (ms)")->type_name("MS");
  command->add_option("--method", flags.method, "numerical method (see `neurodyn methods`); default rk4")
      ->type_name("NAME");
  command->add_option("--dt", flags.dt, "step (ms): fixed-step methods; first step of adaptive ones")->type_name("MS");
  command->add_option("--rtol", flags.rtol, "relative tolerance of adaptive methods")->type_name("X");
  command->add_option("--atol", flags.atol, "absolute tolerance of adaptive methods (scaled per variable)")
      ->type_name("X");
  command
      ->add_option("--spikes", flags.spikes,
                   "grid: spikes at step ends; located: crossing located inside the step (default, "
                   "except izhikevich-published)")
      ->type_name("grid|located");
  command
      ->add_option("--newton-failure", flags.newton_failure,
                   "backward-euler when Newton fails: fail (default) or halve-step")
      ->type_name("fail|halve-step");
  command->add_flag("--u-from-old-v", options->u_from_old_v,
                    "izhikevich-published: update u from the old v (plain forward Euler)");
  command->add_flag("--reset-next-step", options->reset_next_step,
                    "izhikevich-published: apply the reset at the start of the next step");
  command->add_option("--v-substeps", flags.v_substeps, "izhikevich-published: 1 or 2 half steps for v")
      ->type_name("1|2");
  command
      ->add_option("--record-every", options->record_every,
                   "keep one trace sample in K steps (default: 1, or more to keep about 2e6 samples)")
      ->type_name("K");
  command->add_flag("--no-figures", options->no_figures, "write no figures (no gnuplot needed)");
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_simulate(*options); });
}

}  // namespace neurodyn::cli
