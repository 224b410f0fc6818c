#pragma once
// What a user says about a fit (`neurodyn fit --config FIT.toml`, and the flags over it). The file is a run
// configuration (io/run_config.hpp: preset, model, [parameters], [method]) with four tables of its own beside it;
// every key is optional (data.recording may come from --recording):
//
//   preset = "izh2007-RS"               # the fixed parameters (or model = "izh2007" and its defaults)
//   [parameters]  vpeak = 30            # fixed values over the preset's
//   [method]  name = "rk4"  dt = 0.05   # the method of every simulation of the fit and of every reported number
//   [data]
//   recording = "cell.abf"              # ABF2, NWB or a text table (relative to this file's folder)
//   training = [0, 2, 4]                # sweep numbers; default: the even ones
//   held_out = [1, 3, 5]                # default: the odd ones
//   window = [0.0, 3000.0]              # ms on the sweeps' time axis; default: whole sweeps
//   split = 1500.0                      # ms: instead of sweep lists, train before and score after, every sweep
//   time_column = 0 ... (text tables: time_column, voltage_column, current_column, time_scale_ms,
//                        voltage_scale_mV, current_scale_pA as in io/recording.hpp)
//   [free]                              # the free parameters with their ranges (in the parameter's unit);
//   a = [0.001, 0.3]                    # default: the model's fitting ranges (model/parameter_table.hpp)
//   b = "default"                       #   a parameter at its model's fitting range
//   [objective]
//   kind = "features"                   # features | gamma | trace_mse | spike_times | minmax_mse, or a list of
//                                       #   two or more for the Pareto front of optimizer nsga2
//   features = ["spike_count", ...]     # eFEL names (features); default: the model class's set
//   sigma = { spike_count = 1.0 }       # the feature's scale; default: fit/feature_distance.hpp; or "repeats":
//                                       #   the scatter over training sweeps that repeat one command
//   delta = 4.0                         # ms: the coincidence window of gamma
//   rate_correction = false             # gamma: brian2modelfitting's rate penalty
//   mask = [2.0, 10.0]                  # ms before and after each spike masked out of trace_mse
//   threshold = -20.0                   # mV: spike detection (eFEL's Threshold), the same for data and model
//   [optimizer]
//   name = "cmaes"                      # fit/optimizers.hpp lists them
//   evaluations = 3000                  # the budget: objective evaluations (training sweeps simulated once each)
//   seed = 1
//   population = 0                      # 0: the optimizer's default
//   threads = 0                         # 0: every core
//   gradient = "exact"                  # lbfgs: exact (forward sensitivities) | forward (finite differences)
//   start = "center"                    # local optimizers: center of the ranges | preset (its values)
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "neurodyn/io/recording.hpp"
#include "neurodyn/io/run_config.hpp"

namespace neurodyn {

// A free parameter as given: its name and its range, or no range for the model's fitting range.
struct FreeParameterSetting {
  std::string name;
  std::optional<std::pair<double, double>> range;
};

struct FitSettings {
  RunSettings run;  // preset, model, parameters, method (stimulus, t_end and initial are refused: the data set them)
  // [data]
  std::filesystem::path recording;  // absolute, or relative to the working directory
  TextRecordingOptions text;
  std::optional<std::vector<int>> training;
  std::optional<std::vector<int>> held_out;
  std::optional<std::pair<double, double>> window;
  std::optional<double> split_ms;
  // [free]
  std::vector<FreeParameterSetting> free;
  // [objective]
  std::optional<std::string> objective;
  std::optional<std::vector<std::string>> objectives;  // objective.kind given as a list: a Pareto front
  std::optional<std::vector<std::string>> features;
  std::map<std::string, double, std::less<>> sigma;
  std::optional<std::string> sigma_rule;  // objective.sigma given as text ("repeats")
  std::optional<double> delta_ms;
  std::optional<bool> rate_correction;
  std::optional<std::pair<double, double>> mask_ms;
  std::optional<double> threshold_mV;
  // [optimizer]
  std::optional<std::string> optimizer;
  std::optional<long long> evaluations;
  std::optional<long long> seed;
  std::optional<long long> population;
  std::optional<long long> threads;
  std::optional<std::string> gradient;
  std::optional<std::string> start;
};

// Reads FIT.toml; a relative recording path starts in the file's folder. Throws FileError if unreadable, and
// InputError naming the file, line and key for malformed TOML, an unknown key, a value of the wrong type, or a key
// the recording sets (stimulus, t_end, initial).
FitSettings read_fit_settings(const std::filesystem::path& path);

// The same for text in memory; a relative recording path starts in `folder`.
FitSettings parse_fit_settings(std::string toml_text, const std::filesystem::path& source,
                               const std::filesystem::path& folder);

// What a run's caller may choose over its config file (`neurodyn fit`'s flags, nd.fit's arguments).
struct FitOverrides {
  std::optional<std::filesystem::path> recording;
  std::optional<std::string> optimizer;
  std::optional<long long> evaluations, seed, threads;
  std::optional<std::vector<std::string>> objectives;  // one kind, or several for a Pareto front
};

// The settings with each given override in place of the config's value.
FitSettings with_overrides(FitSettings settings, const FitOverrides& overrides);

}  // namespace neurodyn
