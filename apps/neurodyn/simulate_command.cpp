// `neurodyn simulate`: one run from flags and/or a TOML config; writes trace.csv, spikes.csv, config.toml
// and the figures into --out. A run that fails numerically writes nothing: no result that looks whole exists.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "command.hpp"
#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/result_files.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solve.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

struct SimulateOptions {
  ProblemFlags problem;  // and the method flags, bound to problem.settings
  bool no_figures = false;
  std::string record = "trace";  // or "spikes": spikes.csv and config.toml only
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
    require_trace_within_memory_budget(run, *options.record_every,
                                       "allowed: a larger --record-every, a larger dt or a shorter t_end");
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

bool keeps_trace(const SimulateOptions& options) {
  if (options.record == "trace") return true;
  if (options.record == "spikes") return false;
  throw InputError(fmt::format("--record '{}' is not allowed; allowed: trace, spikes", options.record));
}

// Progress on stderr for a run that takes longer than a second: its time and share of t_end every two seconds.
class ProgressReport {
 public:
  explicit ProgressReport(const EffectiveRun& run) : run_(run), started_(Clock::now()), next_(started_ + first_) {}

  void sample(double t) {
    if (++samples_ % check_every != 0) return;  // the clock is read once in a while, not at every step
    const auto now = Clock::now();
    if (now < next_) return;
    next_ = now + interval_;
    const double share = (t - run_.problem.t_start) / (run_.t_end - run_.problem.t_start);
    std::cerr << fmt::format("simulate: t = {:.6g} of {:g} ms ({:.0f}%), {:.0f} s\n", t, run_.t_end, 100.0 * share,
                             std::chrono::duration<double>(now - started_).count());
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr long long check_every = 4096;
  static constexpr std::chrono::seconds first_{1}, interval_{2};
  const EffectiveRun& run_;
  Clock::time_point started_, next_;
  long long samples_ = 0;
};

void write_results(const SimulateOptions& options, ResultFolder& folder, const EffectiveRun& run,
                   const Solution& solution) {
  const auto& out = options.out;
  const bool trace = keeps_trace(options);
  const auto& staging = folder.start_writing();
  if (trace) write_trace_csv(staging / "trace.csv", run, solution);
  write_spikes_csv(staging / "spikes.csv", run, solution);
  write_file_atomically(staging / "config.toml", to_toml(run));
  if (trace && !options.no_figures) write_figures(staging, run, solution);
  folder.commit();

  std::cout << fmt::format("spike_count: {}\n", solution.spike_times.size());
  const FiringPatternClass pattern = classify_firing_pattern(
      solution.spike_times, stimulus_window(run.problem.stimulus, run.problem.t_start, run.t_end));
  std::cout << fmt::format("firing_pattern: {}\n", to_string(pattern.pattern));
  if (trace) std::cout << fmt::format("trace:   {}\n", (out / "trace.csv").string());
  std::cout << fmt::format("spikes:  {}\nconfig:  {}\n", (out / "spikes.csv").string(), (out / "config.toml").string());
  if (trace && !options.no_figures) std::cout << fmt::format("figures: {}\n", (out / "*.{png,svg}").string());
}

void run_simulate(const SimulateOptions& options) {
  const EffectiveRun run = resolve(combined_settings(options.problem));
  ResultFolder folder(options.out, "simulate");

  RecordOptions record;
  if (keeps_trace(options)) {
    record.every = trace_stride(options, run);
    record.output_step = run.output_step;
  } else {
    record.mode = RecordOptions::Mode::spikes_only;
  }
  ProgressReport progress(run);
  record.callback = [&progress](double t, std::span<const double>) { progress.sample(t); };
  const auto started = std::chrono::steady_clock::now();
  const Solution solution = solve(run.problem, run.method, record);
  print_statistics(run, solution, std::chrono::steady_clock::now() - started);

  if (!solution.ok()) throw RunFailed(solution.status, solution.message);
  write_results(options, folder, run, solution);
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto options = std::make_shared<SimulateOptions>();
  auto& flags = options->problem.settings;
  auto* command = app.add_subcommand(
      "simulate",
      "Simulate one neuron: writes trace.csv, spikes.csv, config.toml and figures (PNG, SVG) into --out. "
      "Precedence: flag > --config file > preset > model defaults.");
  add_problem_flags(*command, options->problem);
  add_method_flags(*command, options->problem);
  command
      ->add_option("--output-step", flags.output_step,
                   "adaptive methods: record the trace on this uniform grid (ms), interpolated with the method's "
                   "dense output; default: at the method's own steps")
      ->type_name("MS");
  command
      ->add_option("--record-every", options->record_every,
                   "keep one trace sample in K steps (default: 1, or more to keep about 2e6 samples)")
      ->type_name("K");
  command
      ->add_option("--record", options->record,
                   "trace (default): trace.csv, spikes.csv, config.toml and the figures; spikes: spikes.csv and "
                   "config.toml only, nothing kept per step (long runs)")
      ->type_name("trace|spikes");
  command->add_flag("--no-figures", options->no_figures, "write no figures (no gnuplot needed)");
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_simulate(*options); });
}

}  // namespace neurodyn::cli
