#include "neurodyn/analysis/published_versus_converged.hpp"

#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

constexpr std::string_view figure_family = "izh2004-";
constexpr double converged_tolerance = 1e-10;
constexpr double converged_output_step_ms = 0.01;

SemanticsRun run_under(Semantics semantics, const Preset& preset, const Problem& problem) {
  SemanticsRun run{semantics_method(semantics, preset), {}};
  RecordOptions record;
  if (semantics == Semantics::converged) record.output_step = converged_output_step_ms;
  run.solution = solve(problem, run.method, record);
  return run;
}

// "tonic spiking (2004 figure 1, panel A)" -> "tonic spiking".
std::string feature_of(const Preset& preset) { return preset.description.substr(0, preset.description.find(" (")); }

}  // namespace

std::string_view to_string(Semantics semantics) {
  return semantics == Semantics::published ? "published" : "converged";
}

Semantics parse_semantics(std::string_view text) {
  for (const auto semantics : {Semantics::published, Semantics::converged}) {
    if (text == to_string(semantics)) return semantics;
  }
  throw InputError(fmt::format("semantics = '{}' is not allowed; allowed: published, converged", text));
}

MethodOptions semantics_method(Semantics semantics, const Preset& preset) {
  MethodOptions method;
  if (semantics == Semantics::published) {
    if (!preset.published_dt_ms) {
      throw InputError(
          fmt::format("preset = '{}' has no published step; allowed: a preset of a published figure", preset.name));
    }
    method.name = "izhikevich-published";
    method.dt = *preset.published_dt_ms;
    method.spikes = SpikeHandling::grid;
  } else {
    method.name = "dopri5";
    method.rtol = method.atol = converged_tolerance;
    method.spikes = SpikeHandling::located;
  }
  return method;
}

Problem preset_problem(const Preset& preset) {
  Problem problem;
  problem.model = make_model(preset.model, preset.parameters);
  problem.initial_state = initial_state(problem.model, preset.v0, preset.u0);
  problem.stimulus = parse_stimulus(preset.stimulus, preset.t_end_ms);
  problem.t_end = preset.t_end_ms;
  return problem;
}

std::optional<double> SemanticsRun::first_spike_ms() const {
  if (solution.spike_times.empty()) return std::nullopt;
  return solution.spike_times.front();
}

std::vector<PanelComparison> compare_published_and_converged() {
  std::vector<PanelComparison> panels;
  for (const Preset& preset : preset_catalog()) {
    if (!preset.name.starts_with(figure_family)) continue;
    PanelComparison panel;
    panel.preset = &preset;
    panel.panel = preset.name.substr(figure_family.size());
    panel.feature = feature_of(preset);
    panel.problem = preset_problem(preset);
    panel.published = run_under(Semantics::published, preset, panel.problem);
    panel.converged = run_under(Semantics::converged, preset, panel.problem);
    panel.differs = !panel.converged.solution.ok() || panel.converged.spike_count() != panel.published.spike_count();
    panels.push_back(std::move(panel));
  }
  return panels;
}

}  // namespace neurodyn
