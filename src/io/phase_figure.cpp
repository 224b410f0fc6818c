// phase.{png,svg} of a simulation: the run in the phase plane that `neurodyn phase` draws (phase_plane_figure.cpp),
// with the nullclines and fixed points at the stimulus current at the end of the run. A two-variable model is its
// own plane; Hodgkin-Huxley is drawn in the plane (v, n) of its reduction with the full run projected onto it.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "neurodyn/analysis/planar_reduction.hpp"
#include "neurodyn/error.hpp"
#include "run_figures.hpp"
#include "text_format.hpp"

namespace neurodyn {

namespace {

// The fixed points of the plane at `current`; none where the search does not apply (a degenerate reduction).
std::vector<FixedPoint> plane_fixed_points(const AnyModel& plane, double current) {
  try {
    return fixed_points(plane, current);
  } catch (const InputError&) {
    return {};
  }
}

// Which input the nullclines belong to (they move with I), and the plane of a reduction.
std::string key_title(const PlanarReduction& reduction, const ModelInfo& model, double current, double t_end) {
  const std::string plane =
      reduction.is_reduction() ? fmt::format("plane of {},\n", model_name(reduction.plane)) : std::string();
  return fmt::format("{}nullclines at\nI = {:.4g} {}\n(the input at t = {:.4g} ms)", plane, current,
                     unit_symbol(model.current_unit), t_end);
}

}  // namespace

void add_phase_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure) {
  const std::optional<PlanarReduction> reduction = planar_reduction(figure.run.problem.model);
  if (!reduction) return;
  const double t_end = figure.run.problem.t_end;
  const double current = figure.run.problem.stimulus.at(t_end).current;
  const PhaseAnalysis analysis{
      std::string(model_name(reduction->plane)), current, plane_fixed_points(reduction->plane, current), {}, 0.0, {}};
  const PlaneRun run{figure.solution, figure.run.model, reduction->axes};
  const PhasePlaneDrawing drawing = reduction->is_reduction()
                                        ? phase_plane_drawing(reduction->plane, analysis, std::nullopt, run)
                                        : phase_plane_drawing(reduction->plane, analysis, run, std::nullopt);
  add_phase_plane_figure(job, directory / "phase", figure.title, key_title(*reduction, figure.model, current, t_end),
                         reduction->plane, analysis, drawing);
}

}  // namespace neurodyn
