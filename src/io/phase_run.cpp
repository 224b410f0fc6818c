#include "neurodyn/io/phase_run.hpp"

#include <string>

#include "neurodyn/analysis/planar_reduction.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {

namespace {

constexpr const char* default_preset = "izh2003-RS";

PhaseAnalysis analyse(const AnyModel& model, double current, double reference_current) {
  PhaseAnalysis analysis{
      std::string(model_name(model)), current, fixed_points(model, current), {}, reference_current, {}};
  try {
    analysis.rest = follow_rest(model, reference_current);
  } catch (const InputError& error) {
    analysis.rest_note = error.what();
  }
  return analysis;
}

}  // namespace

RunSettings with_phase_defaults(RunSettings settings) {
  if (!settings.preset && !settings.model) settings.preset = default_preset;
  return settings;
}

PhaseOfRun phase_of_run(const EffectiveRun& run, std::optional<double> current, double reference_current) {
  const double at = current.value_or(run.problem.stimulus.at(run.t_end).current);
  PhaseOfRun phase{analyse(run.problem.model, at, reference_current), std::nullopt};
  const std::optional<PlanarReduction> reduction = planar_reduction(run.problem.model);
  if (reduction && reduction->is_reduction()) {
    phase.reduced = ReducedPlane{reduction->description, analyse(reduction->plane, at, reference_current)};
  }
  return phase;
}

}  // namespace neurodyn
