#pragma once
// The feature distance of a model to data, as BluePyOpt scores an electrophysiological feature: for each test step
// and each chosen eFEL feature, |f_model - f_data| / sigma, summed (Van Geit et al. 2016, Front Neuroinform 10:17).
//
// - A feature the data do not define on a step (no second spike for inv_first_ISI) is not scored there.
// - A feature the data define and the model does not (the model fires too little) scores max_feature_score, 250,
//   BluePyOpt's max_score; every term is capped there too, so one wild feature cannot hide all the others.
// - Subthreshold features (voltage_deflection, steady_state_voltage_stimend, ohmic_input_resistance, sag, decay
//   after the stimulus) are scored only on steps where the data do not spike: with spikes they average over action
//   potentials, which a model with a reset does not draw.
// - A model with a cutoff and a reset (Izhikevich, AdEx, LIF) has no action potential shape: features of the spike's
//   height, width, onset or after-hyperpolarisation are refused for it; smooth models (Hodgkin-Huxley,
//   FitzHugh-Nagumo) may use them.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/io/recording_features.hpp"

namespace neurodyn {

inline constexpr double max_feature_score = 250.0;

// spike_count, time_to_first_spike, inv_first_ISI, mean_frequency, ISI_CV, adaptation_index2, voltage_base,
// voltage_deflection: the spike train, its adaptation and the subthreshold response.
std::vector<std::string> default_fit_features();

// Throws InputError for an unknown eFEL name, a feature with one value per spike (a fit compares one number per
// step), or a spike-shape feature for a model with a reset, naming the feature, the model and the allowed set.
void require_fit_feature(std::string_view name, bool model_has_reset, std::string_view model_name);

// The stated default sigma of a feature, in its unit: 1 spike, 5 ms for times, 5 Hz for rates, 0.1 for ratios,
// 1 mV for voltages, 10 MOhm for resistances (the scatter of repeated sweeps of one cell; give objective.sigma where
// repeats measured it, or objective.sigma = "repeats" to measure it on the training sweeps).
double default_feature_sigma(std::string_view name);

// The features of the sweeps that repeat one command: one entry per sweep, its rows per test step.
using RepeatedSweeps = std::vector<std::vector<EpochFeatures>>;

// The scatter of each feature over repeats of one command, the pooled sample standard deviation
//   sigma_f = sqrt( sum over groups and test steps of sum_i (f_i - mean)^2  /  sum of (n - 1) )
// over the groups' test steps where at least two sweeps define f (Van Geit et al. 2016 take sigma from such
// repeats). Nothing for a feature that no test step defines twice or that does not scatter at all.
std::vector<std::optional<double>> pooled_feature_scatter(std::span<const RepeatedSweeps> groups,
                                                          std::span<const std::string> names);

bool is_subthreshold_feature(std::string_view name);

// The features to compute for `names`: the names, and spike_count where it is missing (it says which steps spike).
std::vector<std::string> computed_features(std::span<const std::string> names);

// The distance between the data's and the model's features of one target (rows in the same order: the same test
// steps of the same sweep), summed over steps and features. `names` and `sigma` in the same order.
double feature_distance(std::span<const EpochFeatures> data, std::span<const EpochFeatures> model,
                        std::span<const std::string> names, std::span<const double> sigma);

// The largest distance a target can have: max_feature_score for every scored (step, feature) pair of the data.
double worst_feature_distance(std::span<const EpochFeatures> data, std::span<const std::string> names);

}  // namespace neurodyn
