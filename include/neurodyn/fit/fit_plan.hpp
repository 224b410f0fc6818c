#pragma once
// A fit resolved and checked: the recording read, the training and held-out targets cut, the model with its free
// parameters and their ranges, the method, the objective and the optimizer's settings, every value explicit.
// Built from what the user said (io/fit_config.hpp) by plan_fit, which throws InputError naming the field, the
// value and what is allowed before any simulation runs.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "neurodyn/analysis/efel_features.hpp"
#include "neurodyn/io/fit_config.hpp"
#include "neurodyn/io/recording.hpp"
#include "neurodyn/io/recording_features.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

// One free parameter: its name, unit and the range the optimizer searches (in the parameter's unit).
struct FreeParameter {
  std::string name;
  std::string unit;
  double min = 0.0;
  double max = 0.0;
};

// Part of one sweep that an objective scores. The model is simulated from the sweep's first sample to
// simulate_until_ms with the sweep's recorded command and v0 = the sweep's first voltage; it is scored on the
// samples of `data` (the sweep cut to [score_from_ms, score_until_ms]).
struct FitTarget {
  int sweep = 0;
  std::string sweep_name;
  Sweep data;         // time, voltage and command within the scored window (epochs cut alike)
  Stimulus stimulus;  // the recorded command (holding, steps and ramps of its epochs), pA
  std::string stimulus_spec;
  double simulate_from_ms = 0.0;
  double simulate_until_ms = 0.0;
  double score_from_ms = 0.0;
  double score_until_ms = 0.0;
  double v0_mV = 0.0;
  std::vector<double> spike_times_ms;   // eFEL's peak_time of the data in the scored window
  std::vector<EpochFeatures> features;  // eFEL's features of the data per test step (the objective's features)
};

enum class ObjectiveKind { features, gamma, trace_mse, minmax_mse, spike_times };

// "features", "gamma", "trace_mse", "minmax_mse", "spike_times"
std::string_view to_string(ObjectiveKind kind);

// The unit of an objective's score: "mV^2" (trace_mse), "ms^2" (spike_times), "" for the dimensionless ones.
std::string_view score_unit(ObjectiveKind kind);

struct ObjectiveSettings {
  ObjectiveKind kind = ObjectiveKind::features;  // with a Pareto front: its first objective
  std::vector<ObjectiveKind> pareto;             // nsga2: the front's objectives, kind first; empty otherwise
  std::vector<std::string> features;             // eFEL names with one value each
  std::vector<double> sigma;                     // one per feature, in the feature's unit
  std::vector<std::string> sigma_source;         // one per feature: "default", "given" or "repeats" (measured)
  double delta_ms = 4.0;                         // gamma's precision
  bool rate_correction = false;                  // gamma's rate penalty
  double mask_before_ms = 2.0;                   // trace_mse: masked before each data spike
  double mask_after_ms = 10.0;                   // and after it
  EfelSettings efel;                             // threshold_mV: spike detection on data and model
};

struct OptimizerSettings {
  std::string name = "cmaes";
  long long evaluations = 1000;
  unsigned long long seed = 1;
  long long population = 0;      // 0: the optimizer's default
  unsigned threads = 0;          // 0: every core
  bool exact_gradient = true;    // lbfgs: forward sensitivities; false: forward differences
  bool start_at_preset = false;  // local optimizers: start at the fixed values (clamped) instead of the center
};

struct FitPlan {
  std::filesystem::path recording;
  RecordingFormat format = RecordingFormat::text;
  std::string model;
  std::optional<std::string> preset;
  ParameterValues fixed;            // every parameter of the model, the free ones at their start values
  std::vector<FreeParameter> free;  // in the model's table order, as the optimizer sees them
  MethodOptions method;
  double output_step_ms = 0.0;  // adaptive methods record on the data's sample grid
  ObjectiveSettings objective;
  OptimizerSettings optimizer;
  std::vector<FitTarget> training;
  std::vector<FitTarget> held_out;
  std::string split_description;  // "training sweeps 0, 2, 4; held-out sweeps 1, 3, 5" or the time split
};

// Reads the recording and resolves everything. Throws InputError (naming the field, the value and what is
// allowed) for: no recording, sweeps that do not exist, an empty training or held-out set, a sweep in both, a
// sweep without a recorded command, a window or split outside the sweeps, a free parameter the model does not
// have or given twice, a range outside the parameter table or with min >= max, a budget < 1, an unknown
// objective, feature or optimizer, a feature that means nothing for the model class (a model with a reset has no
// spike shape), a sigma <= 0, and what the run configuration refuses (io/run_config.hpp: resolve).
FitPlan plan_fit(const FitSettings& settings);

// The same for a recording already in memory (settings.recording and settings.text are not read).
FitPlan plan_fit(const FitSettings& settings, const Recording& recording);

// The free parameters' values at the point x of the unit cube (x_i in [0, 1] maps linearly onto [min, max]),
// over the fixed ones: every parameter of the model.
ParameterValues parameters_at(const FitPlan& plan, std::span<const double> unit_point);

// The unit-cube point of the plan's start values (each free parameter's value in `fixed`).
std::vector<double> start_point(const FitPlan& plan);

// The spikes of a trace as a fit sees them, data and model alike: eFEL's peak_time (ms) over the whole trace, with
// the settings' threshold.
std::vector<double> fit_spike_times(std::span<const double> time_ms, std::span<const double> v_mV,
                                    const EfelSettings& settings);

// The recorded command of a sweep as a stimulus: the holding current plus one step per step epoch and a step and a
// ramp per ramp epoch, so that I(t) equals the epochs' levels (pA). Throws InputError naming the sweep when it has no
// command.
Stimulus command_stimulus(const Sweep& sweep);

}  // namespace neurodyn
