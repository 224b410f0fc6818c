#include "neurodyn/analysis/efel_features.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <utility>

#include "efel_context.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/text_distance.hpp"

namespace neurodyn {
namespace efel_detail {
namespace {

struct FeatureEntry {
  Feature feature;
  std::string_view name;
  EfelValue (*compute)(Context&);
  bool one_value;  // at most one value, or one per spike, interval or burst
};

constexpr bool one = true, many = false;

#define NEURODYN_EFEL_FEATURE(name, values) FeatureEntry{Feature::name, #name, &name, values}

constexpr std::array<FeatureEntry, feature_count> feature_table{
    NEURODYN_EFEL_FEATURE(peak_indices, many),
    NEURODYN_EFEL_FEATURE(peak_time, many),
    NEURODYN_EFEL_FEATURE(peak_voltage, many),
    NEURODYN_EFEL_FEATURE(AP_height, many),
    NEURODYN_EFEL_FEATURE(spike_count, one),
    NEURODYN_EFEL_FEATURE(spike_count_stimint, one),
    NEURODYN_EFEL_FEATURE(mean_frequency, one),
    NEURODYN_EFEL_FEATURE(time_to_first_spike, one),
    NEURODYN_EFEL_FEATURE(time_to_second_spike, one),
    NEURODYN_EFEL_FEATURE(time_to_last_spike, one),
    NEURODYN_EFEL_FEATURE(all_ISI_values, many),
    NEURODYN_EFEL_FEATURE(ISI_values, many),
    NEURODYN_EFEL_FEATURE(doublet_ISI, one),
    NEURODYN_EFEL_FEATURE(inv_first_ISI, one),
    NEURODYN_EFEL_FEATURE(inv_last_ISI, one),
    NEURODYN_EFEL_FEATURE(ISI_CV, one),
    NEURODYN_EFEL_FEATURE(ISI_log_slope, one),
    NEURODYN_EFEL_FEATURE(adaptation_index, one),
    NEURODYN_EFEL_FEATURE(adaptation_index2, one),
    NEURODYN_EFEL_FEATURE(min_AHP_indices, many),
    NEURODYN_EFEL_FEATURE(min_AHP_values, many),
    NEURODYN_EFEL_FEATURE(AHP_depth_abs, many),
    NEURODYN_EFEL_FEATURE(AHP_depth, many),
    NEURODYN_EFEL_FEATURE(AHP_time_from_peak, many),
    NEURODYN_EFEL_FEATURE(AP_begin_indices, many),
    NEURODYN_EFEL_FEATURE(AP_begin_voltage, many),
    NEURODYN_EFEL_FEATURE(AP_amplitude, many),
    NEURODYN_EFEL_FEATURE(AP1_amp, one),
    NEURODYN_EFEL_FEATURE(AP_width, many),
    NEURODYN_EFEL_FEATURE(spike_half_width, many),
    NEURODYN_EFEL_FEATURE(voltage_base, one),
    NEURODYN_EFEL_FEATURE(steady_state_voltage, one),
    NEURODYN_EFEL_FEATURE(steady_state_voltage_stimend, one),
    NEURODYN_EFEL_FEATURE(voltage_deflection, one),
    NEURODYN_EFEL_FEATURE(voltage_deflection_begin, one),
    NEURODYN_EFEL_FEATURE(maximum_voltage, one),
    NEURODYN_EFEL_FEATURE(minimum_voltage, one),
    NEURODYN_EFEL_FEATURE(decay_time_constant_after_stim, one),
    NEURODYN_EFEL_FEATURE(voltage_deflection_vb_ssse, one),
    NEURODYN_EFEL_FEATURE(sag_amplitude, one),
    NEURODYN_EFEL_FEATURE(sag_ratio1, one),
    NEURODYN_EFEL_FEATURE(ohmic_input_resistance, one),
    NEURODYN_EFEL_FEATURE(burst_ISI_indices, many),
    NEURODYN_EFEL_FEATURE(burst_mean_freq, many),
    NEURODYN_EFEL_FEATURE(burst_number, one),
};

#undef NEURODYN_EFEL_FEATURE

constexpr bool table_follows_enum() {
  for (std::size_t i = 0; i < feature_count; ++i) {
    if (static_cast<std::size_t>(feature_table[i].feature) != i) return false;
  }
  return true;
}
static_assert(table_follows_enum(), "feature_table must list the features in the order of enum Feature");

constexpr std::array<std::string_view, feature_count> feature_names = [] {
  std::array<std::string_view, feature_count> names{};
  for (std::size_t i = 0; i < feature_count; ++i) names[i] = feature_table[i].name;
  return names;
}();

}  // namespace

Context::Context(Trace trace, const EfelStimulus& stimulus, const EfelSettings& settings)
    : trace_(std::move(trace)), stimulus_(stimulus), settings_(settings) {}

std::size_t Context::first_index_at_or_after(double time_ms) const {
  return static_cast<std::size_t>(std::ranges::find_if(trace_.t, [&](double t) { return t >= time_ms; }) -
                                  trace_.t.begin());
}

const EfelValue& Context::get(Feature feature) {
  std::optional<EfelValue>& slot = cache_[static_cast<std::size_t>(feature)];
  if (!slot) slot = feature_table[static_cast<std::size_t>(feature)].compute(*this);
  return *slot;
}

std::vector<std::size_t> as_indices(const std::vector<double>& values) {
  std::vector<std::size_t> indices;
  indices.reserve(values.size());
  for (const double value : values) indices.push_back(static_cast<std::size_t>(value));
  return indices;
}

}  // namespace efel_detail

namespace {

using efel_detail::Feature;
using efel_detail::feature_count;
using efel_detail::feature_names;

std::string joined(std::span<const std::string_view> names) {
  std::string text;
  for (const std::string_view name : names) text += fmt::format("{}{}", text.empty() ? "" : ", ", name);
  return text;
}

Feature find_feature(const std::string& name) {
  const auto found = std::ranges::find(feature_names, name);
  if (found != feature_names.end()) return static_cast<Feature>(found - feature_names.begin());
  // Suggest the nearest name when it is a near miss (case, a letter or two).
  const std::string query = lowercase(name);
  std::string_view nearest;
  std::size_t nearest_distance = 3;
  for (const std::string_view candidate : feature_names) {
    const std::size_t distance = edit_distance(query, lowercase(candidate));
    if (distance < nearest_distance) nearest = candidate, nearest_distance = distance;
  }
  const std::string suggestion = nearest.empty() ? "" : fmt::format(" (did you mean {}?)", nearest);
  throw InputError(fmt::format("feature = '{}' is unknown{}; allowed: {}", name, suggestion, joined(feature_names)));
}

void require_finite(const std::string& field, double value) {
  if (!std::isfinite(value)) throw InputError(fmt::format("{} = {} is not a finite number", field, value));
}

void validate(std::span<const double> t_ms, std::span<const double> v_mV, const EfelStimulus& stimulus,
              const EfelSettings& settings) {
  if (t_ms.size() != v_mV.size()) {
    throw InputError(fmt::format("trace: {} times but {} voltages; allowed: as many of each", t_ms.size(),
                                 v_mV.size()));
  }
  if (t_ms.size() < 3) {
    throw InputError(fmt::format("trace: {} samples; allowed: at least 3", t_ms.size()));
  }
  for (std::size_t i = 0; i < t_ms.size(); ++i) {
    // The field's name is formatted only for the error: this loop runs over every sample.
    if (!std::isfinite(t_ms[i])) require_finite(fmt::format("t[{}]", i), t_ms[i]);
    if (!std::isfinite(v_mV[i])) require_finite(fmt::format("v[{}]", i), v_mV[i]);
    if (i > 0 && !(t_ms[i] > t_ms[i - 1])) {
      throw InputError(fmt::format("t[{}] = {} does not follow t[{}] = {}; allowed: strictly increasing times", i,
                                   t_ms[i], i - 1, t_ms[i - 1]));
    }
  }
  require_finite("stim_start", stimulus.start_ms);
  require_finite("stim_end", stimulus.end_ms);
  if (!(stimulus.end_ms > stimulus.start_ms)) {
    throw InputError(fmt::format("stim_end = {} is not after stim_start = {}; allowed: stim_end > stim_start",
                                 stimulus.end_ms, stimulus.start_ms));
  }
  if (stimulus.current_nA) require_finite("stimulus_current", *stimulus.current_nA);

  require_finite("Threshold", settings.threshold_mV);
  require_finite("DerivativeThreshold", settings.derivative_threshold_mV_per_ms);
  require_finite("spike_skipf", settings.spike_skipf);
  require_finite("voltage_base_start_perc", settings.voltage_base_start_perc);
  require_finite("voltage_base_end_perc", settings.voltage_base_end_perc);
  require_finite("precision_threshold", settings.precision_threshold);
  require_finite("offset", settings.offset_ms);
  require_in_range("interp_step", settings.interp_step_ms, 1e-9, 1e9);
  // eFEL sets no limit; this one keeps the grid to a size that fits in memory.
  constexpr double max_grid_points = 1e8;
  if ((t_ms.back() - t_ms.front()) / settings.interp_step_ms > max_grid_points) {
    throw InputError(fmt::format("interp_step = {:g} ms makes {:.0f} grid points over the {:g} ms trace; allowed: "
                                 "at most {:g} points",
                                 settings.interp_step_ms, (t_ms.back() - t_ms.front()) / settings.interp_step_ms,
                                 t_ms.back() - t_ms.front(), max_grid_points));
  }
  require_in_range("DerivativeWindow", settings.derivative_window, 1, 1e6);
  require_in_range("max_spike_skip", settings.max_spike_skip, 0, 1e6);
  require_in_range("burst_factor", settings.burst_factor, 1e-300, 1e300);
  require_finite("decay_start_after_stim", settings.decay_start_after_stim_ms);
  require_finite("decay_end_after_stim", settings.decay_end_after_stim_ms);
  if (!(settings.decay_start_after_stim_ms < settings.decay_end_after_stim_ms)) {
    throw InputError(fmt::format("decay_start_after_stim = {} is not before decay_end_after_stim = {}; allowed: "
                                 "decay_start_after_stim < decay_end_after_stim",
                                 settings.decay_start_after_stim_ms, settings.decay_end_after_stim_ms));
  }
}

}  // namespace

std::span<const std::string_view> efel_feature_names() { return feature_names; }

bool efel_feature_has_one_value(std::string_view name) {
  return efel_detail::feature_table[static_cast<std::size_t>(find_feature(std::string(name)))].one_value;
}

std::vector<std::pair<std::string, EfelValue>> efel_features(std::span<const double> t_ms,
                                                             std::span<const double> v_mV,
                                                             const EfelStimulus& stimulus,
                                                             std::span<const std::string> names,
                                                             const EfelSettings& settings) {
  std::vector<Feature> wanted;
  if (names.empty()) {
    for (std::size_t i = 0; i < feature_count; ++i) wanted.push_back(static_cast<Feature>(i));
  } else {
    for (const std::string& name : names) wanted.push_back(find_feature(name));
  }
  validate(t_ms, v_mV, stimulus, settings);

  efel_detail::Context context(efel_detail::interpolate(t_ms, v_mV, settings.interp_step_ms), stimulus, settings);
  std::vector<std::pair<std::string, EfelValue>> values;
  values.reserve(wanted.size());
  for (const Feature feature : wanted) {
    values.emplace_back(std::string(feature_names[static_cast<std::size_t>(feature)]), context.get(feature));
  }
  return values;
}

}  // namespace neurodyn
