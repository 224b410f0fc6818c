#pragma once
// The figures of one run (write_figures in include/neurodyn/io/result_files.hpp), one file each.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "gnuplot_job.hpp"
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

// The trajectory in the plane of the first two state variables, with the nullclines of two-variable
// models for the stimulus current at the end of the run.
void add_phase_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure);

}  // namespace neurodyn
