#pragma once
// The files of `neurodyn phase`: DIR/fixed_points.json (the fixed points at the chosen current with their
// types and eigenvalues, and where the resting state is lost) and DIR/phase.{png,svg} (nullclines, vector
// field, fixed points and the trajectory of a run in the plane of a two-variable model).
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/analysis/bifurcations.hpp"
#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/analysis/nullclines.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn {

struct PhaseAnalysis {
  std::string model;  // model name
  double current = 0.0;
  std::vector<FixedPoint> fixed_points;  // at `current`
  std::optional<RestBranch> rest;        // from the rest at rest_reference_current towards larger currents
  double rest_reference_current = 0.0;
  std::string rest_note;  // why `rest` is missing
};

// The lines `neurodyn phase` prints, one `name: value` each: the fixed points at the current, then
// rest_lost_at, bifurcation and saddle_node_at (or why there are none).
std::vector<std::string> phase_lines(const PhaseAnalysis& analysis);

// The plane of a model drawn through its two-variable reduction (planar_reduction.hpp): what the reduction
// is, and the analysis of the reduced model at the same current.
struct ReducedPlane {
  std::string description;
  PhaseAnalysis analysis;
};

// `plane: DESCRIPTION`, then the lines of phase_lines for the reduced model, each name prefixed `plane_`.
std::vector<std::string> reduced_plane_lines(const ReducedPlane& plane);

struct PhaseOfRun;

// fixed_points.json (io/phase_run.hpp: fixed_points_json) with its program line, written atomically. Throws
// FileError.
void write_fixed_points_json(const std::filesystem::path& path, const PhaseOfRun& phase);

struct PhasePlaneDrawing {
  double x_low = 0.0, x_high = 1.0, y_low = 0.0, y_high = 1.0;  // the plane drawn
  Nullclines nullclines;
  std::vector<double> trajectory_x, trajectory_y;
  // Samples before which the drawn trajectory is broken: the resets, each drawn apart from the cutoff before
  // it to the reset point after it.
  std::vector<std::size_t> trajectory_breaks;
  // For a reduced plane: the full model's trajectory projected onto the plane's axes, and its legend.
  std::vector<double> projected_x, projected_y;
  std::vector<std::size_t> projected_breaks;
  std::string projected_label;
};

// A run drawn on a plane: its solution, its model's name (whether it resets at a spike; what the legend calls
// it) and which of its state variables the plane's axes show (v first).
struct PlaneRun {
  const Solution& solution;
  std::string_view model;
  std::array<std::size_t, 2> axes{0, 1};
};

// The plane of `analysis` (the two-variable `plane_model`) with a run of that model on it (`trajectory`) and,
// for a reduced plane, the full model's run projected onto it (`projected`); either may be absent. Each run
// keeps at most about 20000 samples (on the envelope of v) and is broken at its resets, each piece running up
// to the spike cutoff. The ranges take in both runs, the fixed points and the turns of the nullclines near them
// (the knee of a parabola, the extrema of a cubic), with a margin.
PhasePlaneDrawing phase_plane_drawing(const AnyModel& plane_model, const PhaseAnalysis& analysis,
                                      const std::optional<PlaneRun>& trajectory,
                                      const std::optional<PlaneRun>& projected);

// PATH.png and PATH.svg through gnuplot: the vector field of `model` at analysis.current (arrows of equal
// length showing the direction), both nullclines, the fixed points marked by type, the trajectory with its
// resets dotted and the projected one where there is one, and where the run starts.
// Throws InputError for a model without exactly two state variables, FileError if gnuplot fails.
void write_phase_plane_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                              const AnyModel& model, const PhaseAnalysis& analysis, const PhasePlaneDrawing& drawing);

}  // namespace neurodyn
