#pragma once
// The state of one efel_features call, shared by the files that compute the features: the interpolated trace, the
// stimulus, the settings and every feature computed so far, so that each intermediate (peaks, AHP minima, AP
// onsets, voltage_base, ...) is computed once however many features use it. The feature functions take the
// context and return eFEL's value of one feature; they read their dependencies through Context::get.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "neurodyn/analysis/efel_features.hpp"

namespace neurodyn::efel_detail {

// Every feature, in the order of efel_feature_names().
enum class Feature : std::size_t {
  peak_indices,
  peak_time,
  peak_voltage,
  AP_height,
  spike_count,
  spike_count_stimint,
  mean_frequency,
  time_to_first_spike,
  time_to_second_spike,
  time_to_last_spike,
  all_ISI_values,
  ISI_values,
  doublet_ISI,
  inv_first_ISI,
  inv_last_ISI,
  ISI_CV,
  ISI_log_slope,
  adaptation_index,
  adaptation_index2,
  min_AHP_indices,
  min_AHP_values,
  AHP_depth_abs,
  AHP_depth,
  AHP_time_from_peak,
  AP_begin_indices,
  AP_begin_voltage,
  AP_amplitude,
  AP1_amp,
  AP_width,
  spike_half_width,
  voltage_base,
  steady_state_voltage,
  steady_state_voltage_stimend,
  voltage_deflection,
  voltage_deflection_begin,
  maximum_voltage,
  minimum_voltage,
  decay_time_constant_after_stim,
  voltage_deflection_vb_ssse,
  sag_amplitude,
  sag_ratio1,
  ohmic_input_resistance,
  burst_ISI_indices,
  burst_mean_freq,
  burst_number,
  count
};
inline constexpr std::size_t feature_count = static_cast<std::size_t>(Feature::count);

struct Trace {
  std::vector<double> t, v;
};

// eFEL's resampling (eFEL 1b6c129, efel/cppcore/Utils.cpp, LinearInterpolation): a grid from t[0] built by
// repeated addition of step_ms, ceil((t[last] - t[0]) / step_ms) points plus one if the last is still before
// t[last], and v linearly interpolated onto it. Expects t strictly increasing, v of the same length, > 2 samples.
Trace interpolate(std::span<const double> t_ms, std::span<const double> v_mV, double step_ms);

class Context {
 public:
  Context(Trace trace, const EfelStimulus& stimulus, const EfelSettings& settings);

  const std::vector<double>& t() const { return trace_.t; }
  const std::vector<double>& v() const { return trace_.v; }
  std::size_t size() const { return trace_.t.size(); }
  double stim_start() const { return stimulus_.start_ms; }
  double stim_end() const { return stimulus_.end_ms; }
  const EfelStimulus& stimulus() const { return stimulus_; }
  const EfelSettings& settings() const { return settings_; }

  // The first index whose time is >= time_ms, or size() if there is none (eFEL's find_if on T).
  std::size_t first_index_at_or_after(double time_ms) const;

  // The value of a feature, computed on first use and kept (the reference stays valid for the context's life).
  const EfelValue& get(Feature feature);

 private:
  Trace trace_;
  EfelStimulus stimulus_;
  EfelSettings settings_;
  std::array<std::optional<EfelValue>, feature_count> cache_;
};

// An index feature's values (doubles holding whole numbers) as indices.
std::vector<std::size_t> as_indices(const std::vector<double>& values);

// The first i in [from, to) with predicate(values[i]), or to if there is none (also when from >= to).
template <typename Predicate>
std::size_t first_index(const std::vector<double>& values, std::size_t from, std::size_t to, Predicate predicate) {
  for (std::size_t i = from; i < to; ++i) {
    if (predicate(values[i])) return i;
  }
  return to;
}

// Spike train (efel_spike_train_features.cpp).
EfelValue peak_indices(Context& context);
EfelValue peak_time(Context& context);
EfelValue peak_voltage(Context& context);
EfelValue AP_height(Context& context);
EfelValue spike_count(Context& context);
EfelValue spike_count_stimint(Context& context);
EfelValue mean_frequency(Context& context);
EfelValue time_to_first_spike(Context& context);
EfelValue time_to_second_spike(Context& context);
EfelValue time_to_last_spike(Context& context);
EfelValue all_ISI_values(Context& context);
EfelValue ISI_values(Context& context);
EfelValue doublet_ISI(Context& context);
EfelValue inv_first_ISI(Context& context);
EfelValue inv_last_ISI(Context& context);
EfelValue ISI_CV(Context& context);
EfelValue ISI_log_slope(Context& context);
EfelValue adaptation_index(Context& context);
EfelValue adaptation_index2(Context& context);
EfelValue burst_ISI_indices(Context& context);
EfelValue burst_mean_freq(Context& context);
EfelValue burst_number(Context& context);

// Spike shape (efel_spike_shape_features.cpp).
EfelValue min_AHP_indices(Context& context);
EfelValue min_AHP_values(Context& context);
EfelValue AHP_depth_abs(Context& context);
EfelValue AHP_depth(Context& context);
EfelValue AHP_time_from_peak(Context& context);
EfelValue AP_begin_indices(Context& context);
EfelValue AP_begin_voltage(Context& context);
EfelValue AP_amplitude(Context& context);
EfelValue AP1_amp(Context& context);
EfelValue AP_width(Context& context);
EfelValue spike_half_width(Context& context);

// Subthreshold (efel_subthreshold_features.cpp).
EfelValue voltage_base(Context& context);
EfelValue steady_state_voltage(Context& context);
EfelValue steady_state_voltage_stimend(Context& context);
EfelValue voltage_deflection(Context& context);
EfelValue voltage_deflection_begin(Context& context);
EfelValue maximum_voltage(Context& context);
EfelValue minimum_voltage(Context& context);
EfelValue decay_time_constant_after_stim(Context& context);
EfelValue voltage_deflection_vb_ssse(Context& context);
EfelValue sag_amplitude(Context& context);
EfelValue sag_ratio1(Context& context);
EfelValue ohmic_input_resistance(Context& context);

}  // namespace neurodyn::efel_detail
