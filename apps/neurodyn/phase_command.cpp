// `neurodyn phase`: the fixed points of a model at a current with their types, where the resting state is
// lost as the current grows (the bifurcation, named), and the phase plane with the trajectory of a run: the
// model's own for a two-variable model, that of its named reduction for Hodgkin-Huxley (planar_reduction.hpp).
// Writes fixed_points.json, config.toml and phase.{png,svg}.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "analysis_commands.hpp"
#include "command.hpp"
#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/analysis/planar_reduction.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "neurodyn/io/phase_run.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

struct PhaseOptions {
  ProblemFlags problem;
  std::optional<double> current;
  double reference_current = 0.0;
  bool no_figures = false;
  std::filesystem::path out;
};

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
            phase_plane_drawing(reduction.plane, plane, PlaneRun{solution, run.model}, std::nullopt)};
  }
  Problem reduced = problem;
  reduced.model = reduction.plane;
  reduced.initial_state = reduction.projected(problem.initial_state);
  const Solution reduced_solution = solved(reduced, run.method);
  return {fmt::format("{} in the plane of {} at I = {:g}", source, plane.model, plane.current),
          phase_plane_drawing(reduction.plane, plane, PlaneRun{reduced_solution, plane.model},
                              PlaneRun{solution, run.model, reduction.axes})};
}

void run_phase(const PhaseOptions& options) {
  const EffectiveRun run = resolve(with_phase_defaults(combined_settings(options.problem)));
  ResultFolder folder(options.out, "phase");
  const PhaseOfRun phase = phase_of_run(run, options.current, options.reference_current);
  const std::optional<PlanarReduction> reduction = planar_reduction(run.problem.model);
  const PhaseAnalysis& plane = phase.reduced ? phase.reduced->analysis : phase.analysis;
  std::optional<PlaneFigure> figure;
  if (reduction && !options.no_figures) figure = plane_figure(options, run, *reduction, plane);

  const auto& staging = folder.start_writing();
  write_fixed_points_json(staging / "fixed_points.json", phase);
  write_file_atomically(staging / "config.toml", problem_to_toml(run));
  if (!reduction) {
    std::cerr << fmt::format("phase: no phase plane for {} ({} state variable{}, no two-variable reduction)\n",
                             run.model, model_info(run.model).state_variables.size(),
                             model_info(run.model).state_variables.size() == 1 ? "" : "s");
  } else if (figure) {
    write_phase_plane_figure(staging / "phase", figure->title, reduction->plane, plane, figure->drawing);
  }
  folder.commit();
  for (const std::string& line : phase_lines(phase.analysis)) std::cout << line << '\n';
  if (phase.reduced) {
    for (const std::string& line : reduced_plane_lines(*phase.reduced)) std::cout << line << '\n';
  }
  std::cout << fmt::format("fixed_points_json: {}\n", (options.out / "fixed_points.json").string());
  if (figure) std::cout << fmt::format("figure: {}\n", (options.out / "phase.{png,svg}").string());
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
