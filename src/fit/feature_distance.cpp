// BluePyOpt's feature score (include/neurodyn/fit/feature_distance.hpp).
#include "neurodyn/fit/feature_distance.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "neurodyn/analysis/efel_features.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {

namespace {

constexpr std::array<std::string_view, 7> subthreshold_features{"voltage_deflection",
                                                                "voltage_deflection_vb_ssse",
                                                                "steady_state_voltage_stimend",
                                                                "ohmic_input_resistance",
                                                                "sag_amplitude",
                                                                "sag_ratio1",
                                                                "decay_time_constant_after_stim"};

// Features of the action potential's shape: meaningless for a model whose spike is a cutoff and a reset.
constexpr std::array<std::string_view, 6> spike_shape_features{"AP1_amp",         "AP_amplitude",    "AP_height",
                                                               "maximum_voltage", "minimum_voltage", "AHP_depth"};

struct SigmaRule {
  std::string_view name;
  double sigma;
};

constexpr std::array<SigmaRule, 27> default_sigmas{{
    {"spike_count", 1.0},
    {"spike_count_stimint", 1.0},
    {"burst_number", 1.0},
    {"time_to_first_spike", 5.0},
    {"time_to_second_spike", 5.0},
    {"time_to_last_spike", 5.0},
    {"doublet_ISI", 5.0},
    {"mean_frequency", 5.0},
    {"inv_first_ISI", 5.0},
    {"inv_last_ISI", 5.0},
    {"burst_mean_freq", 5.0},
    {"ISI_CV", 0.1},
    {"ISI_log_slope", 0.1},
    {"adaptation_index", 0.1},
    {"adaptation_index2", 0.1},
    {"sag_ratio1", 0.1},
    {"voltage_base", 1.0},
    {"steady_state_voltage", 1.0},
    {"steady_state_voltage_stimend", 1.0},
    {"voltage_deflection", 1.0},
    {"voltage_deflection_begin", 1.0},
    {"voltage_deflection_vb_ssse", 1.0},
    {"sag_amplitude", 1.0},
    {"AP_amplitude", 5.0},
    {"AP1_amp", 5.0},
    {"decay_time_constant_after_stim", 5.0},
    {"ohmic_input_resistance", 10.0},
}};

bool listed(std::span<const std::string_view> list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

const EfelValue* find_value(const EpochFeatures& row, std::string_view name) {
  for (const auto& [feature, value] : row.values) {
    if (feature == name) return &value;
  }
  return nullptr;
}

// The feature's one value, or nothing where it is undefined (or NaN, which eFEL computes for 0/0).
std::optional<double> single_value(const EpochFeatures& row, std::string_view name) {
  const EfelValue* value = find_value(row, name);
  if (!value || !*value || (*value)->empty() || !std::isfinite((*value)->front())) return std::nullopt;
  return (*value)->front();
}

// Rows carry spike_count (computed_features).
bool data_spikes(const EpochFeatures& row) {
  const auto count = single_value(row, "spike_count");
  return count && *count > 0.0;
}

// Whether the data row scores this feature.
bool scored(const EpochFeatures& row, std::string_view name) {
  if (!single_value(row, name)) return false;
  return !is_subthreshold_feature(name) || !data_spikes(row);
}

}  // namespace

std::vector<std::optional<double>> pooled_feature_scatter(std::span<const RepeatedSweeps> groups,
                                                          std::span<const std::string> names) {
  std::vector<std::optional<double>> scatter;
  for (const std::string& name : names) {
    double squares = 0.0;
    long long degrees = 0;
    for (const RepeatedSweeps& sweeps : groups) {
      const std::size_t steps = sweeps.empty() ? 0 : sweeps.front().size();
      for (std::size_t step = 0; step < steps; ++step) {
        std::vector<double> values;
        for (const auto& rows : sweeps) {
          if (const auto value = step < rows.size() ? single_value(rows[step], name) : std::nullopt) {
            values.push_back(*value);
          }
        }
        if (values.size() < 2) continue;
        const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
        for (const double value : values) squares += (value - mean) * (value - mean);
        degrees += static_cast<long long>(values.size()) - 1;
      }
    }
    scatter.push_back(degrees > 0 && squares > 0.0
                          ? std::optional<double>(std::sqrt(squares / static_cast<double>(degrees)))
                          : std::nullopt);
  }
  return scatter;
}

std::vector<std::string> default_fit_features() {
  return {"spike_count", "time_to_first_spike", "inv_first_ISI", "mean_frequency",
          "ISI_CV",      "adaptation_index2",   "voltage_base",  "voltage_deflection"};
}

bool is_subthreshold_feature(std::string_view name) { return listed(subthreshold_features, name); }

std::vector<std::string> computed_features(std::span<const std::string> names) {
  std::vector<std::string> computed(names.begin(), names.end());
  if (std::find(computed.begin(), computed.end(), "spike_count") == computed.end()) computed.push_back("spike_count");
  return computed;
}

void require_fit_feature(std::string_view name, bool model_has_reset, std::string_view model_name) {
  if (!efel_feature_has_one_value(name)) {
    throw InputError(
        fmt::format("objective.features: {} has one value per spike or interval; a fit compares one "
                    "number per step (spike_count, mean_frequency, ISI_CV, ...)",
                    name));
  }
  if (model_has_reset && listed(spike_shape_features, name)) {
    throw InputError(
        fmt::format("objective.features: {} measures the action potential's shape, which {} does not "
                    "draw (its spike is a cutoff and a reset); use spike times, counts, rates, "
                    "latencies, ISI statistics, adaptation or subthreshold voltages",
                    name, model_name));
  }
}

double default_feature_sigma(std::string_view name) {
  for (const SigmaRule& rule : default_sigmas) {
    if (rule.name == name) return rule.sigma;
  }
  return 1.0;
}

double feature_distance(std::span<const EpochFeatures> data, std::span<const EpochFeatures> model,
                        std::span<const std::string> names, std::span<const double> sigma) {
  double distance = 0.0;
  for (std::size_t row = 0; row < data.size(); ++row) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!scored(data[row], names[i])) continue;
      const auto predicted = row < model.size() ? single_value(model[row], names[i]) : std::nullopt;
      const double term =
          predicted ? std::abs(*predicted - *single_value(data[row], names[i])) / sigma[i] : max_feature_score;
      distance += std::min(term, max_feature_score);
    }
  }
  return distance;
}

double worst_feature_distance(std::span<const EpochFeatures> data, std::span<const std::string> names) {
  double distance = 0.0;
  for (const EpochFeatures& row : data) {
    for (const std::string& name : names) {
      if (scored(row, name)) distance += max_feature_score;
    }
  }
  return distance;
}

}  // namespace neurodyn
