// `neurodyn phase`: the fixed points of a model at a current with their types, where the resting state is
// lost as the current grows (the bifurcation, named), and for a two-variable model the phase plane with the
// trajectory of a run. Writes fixed_points.json, config.toml and phase.{png,svg}.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "analysis_commands.hpp"
#include "command.hpp"
#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

constexpr const char* default_preset = "izh2003-RS";
constexpr std::size_t nullcline_points = 1201;

struct PhaseOptions {
  ProblemFlags problem;
  std::optional<double> current;
  double reference_current = 0.0;
  bool no_figures = false;
  std::filesystem::path out;
};

PhaseAnalysis analyse(const EffectiveRun& run, double current, double reference_current) {
  PhaseAnalysis analysis{run.model, current, fixed_points(run.problem.model, current), {}, reference_current, {}};
  try {
    analysis.rest = follow_rest(run.problem.model, reference_current);
  } catch (const InputError& error) {
    analysis.rest_note = error.what();
  }
  return analysis;
}

// The run drawn on the plane: the problem as resolved, or under the constant --current from its initial state.
Solution trajectory(const PhaseOptions& options, const EffectiveRun& run) {
  Problem problem = run.problem;
  if (options.current) {
    FiProtocol constant{run.problem.model, run.initial_state, run.t_end, 0.0, run.t_end, run.method};
    problem = fi_problem(constant, *options.current);
  }
  const Solution solution = solve(problem, run.method);
  if (!solution.ok()) throw RunFailed(solution.status, solution.message);
  return solution;
}

// The plane around the trajectory and the fixed points, with a margin.
PhasePlaneDrawing drawing_of(const Solution& solution, const PhaseAnalysis& analysis, const AnyModel& model) {
  std::vector<double> xs, ys;
  for (std::size_t k = 0; k < solution.sample_count(); ++k) {
    xs.push_back(solution.state(k, 0));
    ys.push_back(solution.state(k, 1));
  }
  PhasePlaneDrawing drawing;
  std::vector<double> all_x = xs, all_y = ys;
  for (const FixedPoint& point : analysis.fixed_points) {
    all_x.push_back(point.state[0]);
    all_y.push_back(point.state[1]);
  }
  const auto [x_low, x_high] = std::ranges::minmax(all_x);
  const auto [y_low, y_high] = std::ranges::minmax(all_y);
  const double x_pad = 0.06 * std::max(x_high - x_low, 1e-3), y_pad = 0.1 * std::max(y_high - y_low, 1e-3);
  drawing.x_low = x_low - x_pad, drawing.x_high = x_high + x_pad;
  drawing.y_low = y_low - y_pad, drawing.y_high = y_high + y_pad;
  drawing.nullclines = nullclines(model, analysis.current, drawing.x_low, drawing.x_high, nullcline_points);
  // A reset is a jump, not part of the flow: break the line at every sample interval holding a spike.
  for (std::size_t k = 1; k < solution.sample_count(); ++k) {
    const auto spike = std::ranges::lower_bound(solution.spike_times, solution.times[k - 1]);
    if (spike != solution.spike_times.end() && *spike <= solution.times[k]) drawing.trajectory_breaks.push_back(k);
  }
  drawing.trajectory_x = std::move(xs);
  drawing.trajectory_y = std::move(ys);
  return drawing;
}

void run_phase(const PhaseOptions& options) {
  RunSettings settings = combined_settings(options.problem);
  if (!settings.preset && !settings.model) settings.preset = default_preset;
  const EffectiveRun run = resolve(settings);
  const double current = options.current.value_or(run.problem.stimulus.at(run.t_end).current);
  const PhaseAnalysis analysis = analyse(run, current, options.reference_current);

  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  if (error) {
    throw FileError(fmt::format("--out {}: cannot create the directory: {}", options.out.string(), error.message()));
  }
  write_fixed_points_json(options.out / "fixed_points.json", analysis);
  write_file_atomically(options.out / "config.toml", problem_to_toml(run));
  const bool plane = model_info(run.model).state_variables.size() == 2;
  if (!plane) {
    std::cerr << fmt::format(
        "phase: no phase plane for {} ({} state variables); its fixed points and rest are "
        "those of the full model\n",
        run.model, model_info(run.model).state_variables.size());
  } else if (!options.no_figures) {
    const Solution solution = trajectory(options, run);
    const std::string title = fmt::format("{}{}: phase plane at I = {:g}", run.model,
                                          run.preset ? fmt::format(" (preset {})", *run.preset) : "", current);
    write_phase_plane_figure(options.out / "phase", title, run.problem.model, analysis,
                             drawing_of(solution, analysis, run.problem.model));
  }
  for (const std::string& line : phase_lines(analysis)) std::cout << line << '\n';
  std::cout << fmt::format("fixed_points_json: {}\n", (options.out / "fixed_points.json").string());
  if (plane && !options.no_figures)
    std::cout << fmt::format("figure: {}\n", (options.out / "phase.{png,svg}").string());
}

}  // namespace

void add_phase_command(CLI::App& app) {
  auto options = std::make_shared<PhaseOptions>();
  auto& flags = options->problem.settings;
  auto* command = app.add_subcommand(
      "phase",
      "Fixed points at a current with their types (from the Jacobian's eigenvalues), the current where the rest "
      "is lost (rest_lost_at, with its bifurcation: saddle-node, hopf, or threshold) and the saddle-node where it "
      "vanishes, and for two-variable models the phase plane: nullclines, vector field, fixed points and the "
      "trajectory of the run. Without a model: the 2003 RS cell. Writes fixed_points.json, config.toml and "
      "phase.{png,svg} into --out.");
  add_problem_flags(*command, options->problem);
  command->add_option("--method", flags.method, "numerical method of the trajectory; default rk4")->type_name("NAME");
  command->add_option("--dt", flags.dt, "step (ms); default 0.01")->type_name("MS");
  command
      ->add_option("--current", options->current,
                   "the constant current of the fixed points, nullclines and trajectory (default: the stimulus at "
                   "the end of the run, with the run's own stimulus for the trajectory)")
      ->type_name("I");
  command
      ->add_option("--reference-current", options->reference_current,
                   "where the rest is taken before following it to larger currents (default 0)")
      ->type_name("I");
  command->add_flag("--no-figures", options->no_figures, "write no figure (no gnuplot needed)");
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_phase(*options); });
}

}  // namespace neurodyn::cli
