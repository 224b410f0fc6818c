#include "run_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

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

// A stimulus spec as a title shows it: a table file by its name, without its folder.
std::string short_stimulus(std::string spec) {
  for (auto at = spec.find("file:"); at != std::string::npos; at = spec.find("file:", at + 1)) {
    const auto path_start = at + 5;
    const auto path_end = std::min(spec.find(',', path_start), spec.size());
    const auto name = std::filesystem::path(spec.substr(path_start, path_end - path_start)).filename().string();
    spec.replace(path_start, path_end - path_start, name);
  }
  return spec;
}

// What the run changed of its preset's own problem (`own`): "t_end = 20000 ms (the preset's: 100 ms)", ...;
// empty when it runs the preset as it is (the method may differ).
std::vector<std::string> changes_from_preset(const EffectiveRun& run, const EffectiveRun& own) {
  std::vector<std::string> changes;
  if (run.model != own.model) return {fmt::format("model {}", run.model)};
  if (run.stimulus != own.stimulus) changes.push_back(fmt::format("stimulus {}", short_stimulus(run.stimulus)));
  if (run.t_end != own.t_end) {
    changes.push_back(fmt::format("t_end = {:g} ms (the preset's: {:g} ms)", run.t_end, own.t_end));
  }
  for (const auto& [name, value] : run.parameters) {
    const double preset_value = own.parameters.at(name);
    if (value != preset_value) {
      changes.push_back(fmt::format("{} = {:g} (the preset's: {:g})", name, value, preset_value));
    }
  }
  const auto& variables = model_info(run.model).state_variables;
  for (std::size_t i = 0; i < run.initial_state.size(); ++i) {
    if (run.initial_state[i] == own.initial_state[i]) continue;
    changes.push_back(fmt::format("{}(0) = {:g} (the preset's: {:g})", variables[i].name, run.initial_state[i],
                                  own.initial_state[i]));
  }
  return changes;
}

// "PRESET: description" over "model · method"; "PRESET with CHANGES" where the run is not the preset's own
// problem (the description may no longer hold: another stimulus or duration fires differently); or the latter
// line alone.
std::string figure_title(const EffectiveRun& run) {
  const std::string setup = fmt::format("{}  ·  {}", run.model, method_summary(run.method));
  if (!run.preset) return gnuplot_quote(setup);
  RunSettings preset_alone;
  preset_alone.preset = run.preset;
  const auto changes = changes_from_preset(run, resolve(preset_alone));
  if (!changes.empty()) {
    return gnuplot_quote(fmt::format("{} with {}\n{}", *run.preset, fmt::join(changes, ", "), setup));
  }
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
