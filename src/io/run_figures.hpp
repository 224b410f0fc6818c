#pragma once
// The figures of one run (write_figures in include/neurodyn/io/result_files.hpp), one file each.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gnuplot_job.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn {

// The samples a figure draws: at most about `max_points`, chosen on the envelope of v (the first state
// variable), so spikes keep their peaks.
struct FigureTrace {
  std::vector<double> times;
  std::vector<std::vector<double>> states;  // states[variable][k]
};

FigureTrace figure_trace(const Solution& solution, std::size_t max_points);

// What all the figures of a run share.
struct RunFigure {
  const EffectiveRun& run;
  const Solution& solution;
  const ModelInfo& model;
  std::string title;  // quoted for gnuplot
  FigureTrace trace;
};

// v(t) with the spike times marked, and the stimulus I(t) in a panel below.
void add_voltage_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure);

// The state variables after v over time, one panel per unit (the gates of Hodgkin-Huxley share one).
void add_recovery_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure);

// The run in the phase plane of `neurodyn phase` (the model's own, or that of its reduction with the run
// projected onto it): the flow, the nullclines and the fixed points at the stimulus current at the end of the
// run. Nothing for a model without a plane.
void add_phase_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure);

// The figure of write_phase_plane_figure (neurodyn/io/phase_output.hpp) added to `job`, with a title already
// quoted for gnuplot and the legend's title (which input the nullclines belong to).
void add_phase_plane_figure(GnuplotJob& job, const std::filesystem::path& path_without_extension,
                            std::string_view quoted_title, std::string_view key_title, const AnyModel& model,
                            const PhaseAnalysis& analysis, const PhasePlaneDrawing& drawing);

}  // namespace neurodyn
