#include "run_figures.hpp"

#include <fmt/format.h>

#include "neurodyn/io/downsample.hpp"
#include "figure_style.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/result_files.hpp"

namespace neurodyn {

namespace {

// Enough for a 1200-pixel-wide figure at any zoom of the SVG, few enough for gnuplot to be quick.
constexpr std::size_t max_figure_points = 20000;

std::string method_summary(const MethodOptions& method) {
  if (method_info(method.name).adaptive) {
    return fmt::format("{}, rtol = {}, atol = {}", method.name, method.rtol, method.atol);
  }
  return fmt::format("{}, dt = {} ms, {} spikes", method.name, method.dt, to_string(method.spikes));
}

// "PRESET: description" over "model · method", or the latter alone.
std::string figure_title(const EffectiveRun& run) {
  const std::string setup = fmt::format("{}  ·  {}", run.model, method_summary(run.method));
  if (!run.preset) return gnuplot_quote(setup);
  return gnuplot_quote(fmt::format("{}: {}\n{}", *run.preset, find_preset(*run.preset).description, setup));
}

}  // namespace

FigureTrace figure_trace(const Solution& solution, std::size_t max_points) {
  std::vector<double> voltage(solution.sample_count());
  for (std::size_t k = 0; k < voltage.size(); ++k) voltage[k] = solution.state(k, 0);
  const auto kept = envelope_indices(solution.times, voltage, max_points);

  FigureTrace trace;
  trace.times = pick(solution.times, kept);
  trace.states.resize(solution.dimension);
  for (std::size_t variable = 0; variable < solution.dimension; ++variable) {
    auto& column = trace.states[variable];
    column.reserve(kept.size());
    for (const std::size_t k : kept) column.push_back(solution.state(k, variable));
  }
  return trace;
}

void write_figures(const std::filesystem::path& directory, const EffectiveRun& run, const Solution& solution) {
  if (solution.sample_count() < 2 || solution.dimension == 0) {
    throw InputError("cannot draw figures: the run recorded fewer than two samples (record the full trace to draw it)");
  }
  GnuplotJob job;
  const RunFigure figure{run, solution, model_info(run.model), figure_title(run),
                         figure_trace(solution, max_figure_points)};
  add_voltage_figure(job, directory, figure);
  if (solution.dimension >= 2) {
    add_recovery_figure(job, directory, figure);
    add_phase_figure(job, directory, figure);
  }
  job.run();
}

}  // namespace neurodyn
