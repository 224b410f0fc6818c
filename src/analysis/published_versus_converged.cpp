#include "neurodyn/analysis/published_versus_converged.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

constexpr std::string_view figure_family = "izh2004-";
constexpr double converged_tolerance = 1e-10;
constexpr double converged_output_step_ms = 0.01;

SemanticsRun run_under(Semantics semantics, const Preset& preset, const Problem& problem) {
  SemanticsRun run{semantics_method(semantics, preset), {}, {}};
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

double first_spike_tolerance_ms(const PanelComparison& panel) {
  const auto first = panel.published.first_spike_ms();
  const double onset = stimulus_window(panel.problem.stimulus, panel.problem.t_start, panel.problem.t_end).start_ms;
  return first ? std::max(2.0, 0.1 * (*first - onset)) : 2.0;
}

namespace {

// How the converged run differs from the published one, in words; "" when it does not.
std::string difference_of(const PanelComparison& panel) {
  std::vector<std::string> ways;
  const SemanticsRun &published = panel.published, &converged = panel.converged;
  if (!converged.solution.ok()) ways.push_back(fmt::format("ends with {}", to_string(converged.solution.status)));
  if (converged.spike_count() != published.spike_count()) {
    ways.push_back(fmt::format("{} spikes instead of {}", converged.spike_count(), published.spike_count()));
  }
  if (converged.pattern.pattern != published.pattern.pattern) {
    ways.push_back(
        fmt::format("{} instead of {}", to_string(converged.pattern.pattern), to_string(published.pattern.pattern)));
  }
  const auto first = published.first_spike_ms(), other = converged.first_spike_ms();
  if (first && other && std::abs(*other - *first) > first_spike_tolerance_ms(panel)) {
    ways.push_back(
        fmt::format("first spike {:.3g} ms {}", std::abs(*other - *first), *other < *first ? "earlier" : "later"));
  }
  return fmt::format("{}", fmt::join(ways, "; "));
}

}  // namespace

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
    const SpikeTrainWindow response = stimulus_window(panel.problem.stimulus, panel.problem.t_start, panel.problem.t_end);
    for (SemanticsRun* run : {&panel.published, &panel.converged}) {
      run->pattern = classify_firing_pattern(run->solution.spike_times, response);
    }
    panel.difference = difference_of(panel);
    panel.differs = !panel.difference.empty();
    panels.push_back(std::move(panel));
  }
  return panels;
}

}  // namespace neurodyn
