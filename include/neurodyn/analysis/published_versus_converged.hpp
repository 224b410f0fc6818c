#pragma once
// The 20 panels of Izhikevich's 2004 figure 1 under two semantics (`neurodyn patterns`):
//   published: the scheme of his MATLAB code (method izhikevich-published, docs/reference.md 1.1) at each panel's
//              published step, spikes on the grid, as the figure was drawn;
//   converged: the ODE solved accurately (Dormand-Prince 5(4) at rtol = atol = 1e-10, crossings located on
//              its dense output), what the equations themselves do.
// Several panels change their behaviour under the second (docs/reference.md 1.2); panel T's burst accelerates
// without bound and ends with status runaway_burst.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

enum class Semantics { published, converged };

std::string_view to_string(Semantics semantics);
Semantics parse_semantics(std::string_view text);  // "published" | "converged"; throws InputError

// The method of each semantics for a preset: the published one needs the preset's published step
// (throws InputError for a preset without one).
MethodOptions semantics_method(Semantics semantics, const Preset& preset);

// The preset's problem: its model, parameters, initial state, stimulus and span.
Problem preset_problem(const Preset& preset);

// One panel solved under one semantics, recorded up to where it ended (a failed run up to where it stopped):
// the published run at every step, the converged one on a uniform 0.01 ms grid from its dense output.
struct SemanticsRun {
  MethodOptions method;
  Solution solution;
  FiringPatternClass pattern;  // the class of its response (firing_pattern.hpp)

  std::size_t spike_count() const { return solution.spike_times.size(); }
  std::optional<double> first_spike_ms() const;  // none without spikes
};

struct PanelComparison {
  const Preset* preset = nullptr;  // from preset_catalog()
  std::string panel;               // "A"
  std::string feature;             // "tonic spiking"
  Problem problem;
  SemanticsRun published;
  SemanticsRun converged;
  // The accurate solution behaves otherwise than the figure: its run did not end ok (a runaway burst), its
  // spike count or firing-pattern class differs from the published one, or its first spike moves by more than
  // first_spike_tolerance_ms.
  bool differs = false;
  std::string difference;  // how, in words without commas, parts joined by "; " ("" when it does not differ)

  const SemanticsRun& under(Semantics semantics) const {
    return semantics == Semantics::published ? published : converged;
  }
};

// How far the first spike may move between the semantics before the panel differs: 2 ms, or a tenth of the
// published latency from the stimulus onset when that is longer (the published scheme's grid alone moves a
// spike by up to its step, 0.5 ms).
double first_spike_tolerance_ms(const PanelComparison& panel);

// Every preset of the 2004 figure (izh2004-A .. izh2004-T, in catalog order) under both semantics.
std::vector<PanelComparison> compare_published_and_converged();

}  // namespace neurodyn
