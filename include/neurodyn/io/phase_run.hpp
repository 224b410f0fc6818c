#pragma once
// The analysis of `neurodyn phase` and of the Python module's phase_plane(): the fixed points of a run's model
// at a constant current, where its resting state is lost as the current grows, and the same in the plane of its
// two-variable reduction where it is drawn through one (hh: planar_reduction.hpp). Currents in model units.
#include <nlohmann/json.hpp>
#include <optional>

#include "neurodyn/io/phase_output.hpp"
#include "neurodyn/io/run_config.hpp"

namespace neurodyn {

// The settings with the default of `neurodyn phase`: preset izh2003-RS unless a preset or a model is given.
RunSettings with_phase_defaults(RunSettings settings);

struct PhaseOfRun {
  PhaseAnalysis analysis;               // of the run's model
  std::optional<ReducedPlane> reduced;  // of its reduction, for a model drawn through one
};

// The fixed points at `current` (default: the run's stimulus at t_end) and the rest followed from
// reference_current; a rest that cannot be followed is no error (PhaseAnalysis::rest_note says why).
PhaseOfRun phase_of_run(const EffectiveRun& run, std::optional<double> current, double reference_current);

// The document of fixed_points.json without its program line: model, current, current_unit, fixed_points (state,
// type, eigenvalues), rest (rest_lost_at, bifurcation, saddle_node_current) or rest_note, time_unit, and plane
// (the reduced model's, with its reduction) or null.
nlohmann::json fixed_points_json(const PhaseOfRun& phase);

}  // namespace neurodyn
