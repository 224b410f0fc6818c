// `neurodyn phase`: the fixed points of a model at a current with their types, where the resting state is
// lost as the current grows (the bifurcation, named), and the phase plane with the trajectory of a run: the
// model's own for a two-variable model, that of its named reduction for Hodgkin-Huxley (planar_reduction.hpp).
// Writes fixed_points.json, config.toml and phase.{png,svg}.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis_commands.hpp"
#include "command.hpp"
#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/analysis/planar_reduction.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "neurodyn/io/result_folder.hpp"
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

PhaseAnalysis analyse(const AnyModel& model, double current, double reference_current) {
  PhaseAnalysis analysis{std::string(model_name(model)), current, fixed_points(model, current), {}, reference_current,
                         {}};
  try {
    analysis.rest = follow_rest(model, reference_current);
  } catch (const InputError& error) {
    analysis.rest_note = error.what();
  }
  return analysis;
}

// The run drawn on the plane: the problem as resolved, or under the constant --current from its initial state.
Problem trajectory_problem(const PhaseOptions& options, const EffectiveRun& run) {
  if (!options.current) return run.problem;
  const FiProtocol constant{run.problem.model, run.initial_state, run.t_end, 0.0, run.t_end, run.method};
  return fi_problem(constant, *options.current);
}

Solution solved(const Problem& problem, const MethodOptions& method) {
  Solution solution = solve(problem, method);
  if (!solution.ok()) throw RunFailed(solution.status, solution.message);
  return solution;
}

bool resets(std::string_view model) { return model_info(model).has_reset; }

struct PlaneCurve {
  std::vector<double> x, y;
  std::vector<std::size_t> breaks;  // samples before which the line is broken: a reset is a jump, not flow
};

// The run's samples on the two axes; `resets`: the model jumps at a spike (break the line there).
PlaneCurve plane_curve(const Solution& solution, const std::array<std::size_t, 2>& axes, bool resets) {
  PlaneCurve curve;
  for (std::size_t k = 0; k < solution.sample_count(); ++k) {
    curve.x.push_back(solution.state(k, axes[0]));
    curve.y.push_back(solution.state(k, axes[1]));
    if (k == 0 || !resets) continue;
    const auto spike = std::ranges::lower_bound(solution.spike_times, solution.times[k - 1]);
    if (spike != solution.spike_times.end() && *spike <= solution.times[k]) {
      curve.breaks.push_back(k);
    }
  }
  return curve;
}

// The plane around the trajectories and the fixed points, with a margin.
PhasePlaneDrawing drawing_of(PlaneCurve trajectory, PlaneCurve projected, const PhaseAnalysis& plane,
                             const AnyModel& plane_model) {
  std::vector<double> all_x = trajectory.x, all_y = trajectory.y;
  all_x.insert(all_x.end(), projected.x.begin(), projected.x.end());
  all_y.insert(all_y.end(), projected.y.begin(), projected.y.end());
  for (const FixedPoint& point : plane.fixed_points) {
    all_x.push_back(point.state[0]);
    all_y.push_back(point.state[1]);
  }
  const auto [x_low, x_high] = std::ranges::minmax(all_x);
  const auto [y_low, y_high] = std::ranges::minmax(all_y);
  const double x_pad = 0.06 * std::max(x_high - x_low, 1e-3), y_pad = 0.1 * std::max(y_high - y_low, 1e-3);
  PhasePlaneDrawing drawing;
  drawing.x_low = x_low - x_pad, drawing.x_high = x_high + x_pad;
  drawing.y_low = y_low - y_pad, drawing.y_high = y_high + y_pad;
  drawing.nullclines = nullclines(plane_model, plane.current, drawing.x_low, drawing.x_high, nullcline_points);
  drawing.trajectory_x = std::move(trajectory.x);
  drawing.trajectory_y = std::move(trajectory.y);
  drawing.trajectory_breaks = std::move(trajectory.breaks);
  drawing.projected_x = std::move(projected.x);
  drawing.projected_y = std::move(projected.y);
  return drawing;
}

struct PlaneFigure {
  std::string title;
  PhasePlaneDrawing drawing;
};

// The phase plane: the run in the model's own plane, or, for a reduced plane, the run of the reduced model
// from the projected initial state with the full model's run projected on top. Throws RunFailed when a run
// fails, before anything is written.
PlaneFigure plane_figure(const PhaseOptions& options, const EffectiveRun& run, const PlanarReduction& reduction,
                         const PhaseAnalysis& plane) {
  const Problem problem = trajectory_problem(options, run);
  const Solution solution = solved(problem, run.method);
  const std::string source = fmt::format("{}{}", run.model, run.preset ? fmt::format(" (preset {})", *run.preset) : "");
  if (!reduction.is_reduction()) {
    return {fmt::format("{}: phase plane at I = {:g}", source, plane.current),
            drawing_of(plane_curve(solution, {0, 1}, resets(run.model)), {}, plane, reduction.plane)};
  }
  Problem reduced = problem;
  reduced.model = reduction.plane;
  reduced.initial_state = reduction.projected(problem.initial_state);
  const Solution reduced_solution = solved(reduced, run.method);
  PlaneFigure figure{fmt::format("{} in the plane of {} at I = {:g}", source, plane.model, plane.current),
                     drawing_of(plane_curve(reduced_solution, {0, 1}, resets(plane.model)),
                                plane_curve(solution, reduction.axes, resets(run.model)), plane, reduction.plane)};
  figure.drawing.projected_label = fmt::format("{} projected", run.model);
  return figure;
}

void run_phase(const PhaseOptions& options) {
  RunSettings settings = combined_settings(options.problem);
  if (!settings.preset && !settings.model) settings.preset = default_preset;
  const EffectiveRun run = resolve(settings);
  ResultFolder folder(options.out, "phase");
  const double current = options.current.value_or(run.problem.stimulus.at(run.t_end).current);
  const PhaseAnalysis analysis = analyse(run.problem.model, current, options.reference_current);
  const std::optional<PlanarReduction> reduction = planar_reduction(run.problem.model);
  std::optional<ReducedPlane> reduced;
  if (reduction && reduction->is_reduction()) {
    reduced = ReducedPlane{reduction->description, analyse(reduction->plane, current, options.reference_current)};
  }
  const PhaseAnalysis& plane = reduced ? reduced->analysis : analysis;
  std::optional<PlaneFigure> figure;
  if (reduction && !options.no_figures) figure = plane_figure(options, run, *reduction, plane);

  const auto& staging = folder.start_writing();
  write_fixed_points_json(staging / "fixed_points.json", analysis, reduced);
  write_file_atomically(staging / "config.toml", problem_to_toml(run));
  if (!reduction) {
    std::cerr << fmt::format("phase: no phase plane for {} ({} state variable{}, no two-variable reduction)\n",
                             run.model, model_info(run.model).state_variables.size(),
                             model_info(run.model).state_variables.size() == 1 ? "" : "s");
  } else if (figure) {
    write_phase_plane_figure(staging / "phase", figure->title, reduction->plane, plane, figure->drawing);
  }
  folder.commit();
  for (const std::string& line : phase_lines(analysis)) std::cout << line << '\n';
  if (reduced) {
    for (const std::string& line : reduced_plane_lines(*reduced)) std::cout << line << '\n';
  }
  std::cout << fmt::format("fixed_points_json: {}\n", (options.out / "fixed_points.json").string());
  if (figure)
    std::cout << fmt::format("figure: {}\n", (options.out / "phase.{png,svg}").string());
}

}  // namespace

void add_phase_command(CLI::App& app) {
  auto options = std::make_shared<PhaseOptions>();
  auto* command = app.add_subcommand(
      "phase",
      "Fixed points at a current with their types (from the Jacobian's eigenvalues), the current where the rest "
      "is lost (rest_lost_at, with its bifurcation: saddle-node, hopf, or threshold) and the saddle-node where it "
      "vanishes, and the phase plane: nullclines, vector field, fixed points and the trajectory of the run, in "
      "the model's own plane or, for hh, in the plane (v, n) of its reduction hh-reduced (printed as plane_* "
      "lines, with the full run projected on top). Without a model: the 2003 RS cell. Writes fixed_points.json, "
      "config.toml and phase.{png,svg} into --out.");
  add_problem_flags(*command, options->problem);
  add_method_flags(*command, options->problem);
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
