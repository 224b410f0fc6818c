#pragma once
// Electrophysiology features with the names and definitions of eFEL (BlueBrain's Electrophys Feature Extraction
// Library, snapshot 1b6c129), so that a value computed here means what it means in BluePyOpt or BluePyEfe: spike
// times and shapes, interspike intervals, after-hyperpolarisations, subthreshold responses to a current step and
// bursts. The trace is first resampled as eFEL does (linear interpolation onto a grid built by repeated addition of
// the step), and every feature is computed on that grid, with eFEL's quirks kept, so that the values agree with
// eFEL's to the last few bits.
//
// Units: times and durations in ms, voltages in mV, frequencies in Hz, currents in nA, resistances in MOhm
// (mV / nA); indices (peak_indices, min_AHP_indices, AP_begin_indices, burst_ISI_indices) are positions in the
// interpolated trace, returned as doubles; counts are returned as doubles too.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace neurodyn {

// eFEL's settings, with eFEL's defaults (eFEL's own names in the comments).
struct EfelSettings {
  double threshold_mV = -20.0;                  // Threshold: spike detection and AP_width
  double derivative_threshold_mV_per_ms = 10.0;  // DerivativeThreshold: AP onset
  int derivative_window = 3;                     // DerivativeWindow (samples, >= 1): AP onset
  double interp_step_ms = 0.1;                   // interp_step (> 0)
  double spike_skipf = 0.1;                      // spike_skipf: adaptation_index undefined outside [0, 1)
  int max_spike_skip = 2;                        // max_spike_skip (>= 0)
  bool ignore_first_isi = true;                  // ignore_first_ISI
  double burst_factor = 1.5;                     // burst_factor (> 0)
  double voltage_base_start_perc = 0.9;          // voltage_base_start_perc
  double voltage_base_end_perc = 1.0;            // voltage_base_end_perc
  bool voltage_base_median = false;              // voltage_base_mode: "median" when true, "mean" otherwise
  double precision_threshold = 1e-10;            // precision_threshold (ms)
  bool strict_stiminterval = false;              // strict_stiminterval
  double offset_ms = 0.0;                        // offset: widens the adaptation window on both sides
  double decay_start_after_stim_ms = 1.0;        // decay_start_after_stim (< decay_end_after_stim)
  double decay_end_after_stim_ms = 10.0;         // decay_end_after_stim
};

// The step stimulus: its start and end (ms, end > start) and, for ohmic_input_resistance, its amplitude (nA).
struct EfelStimulus {
  EfelStimulus() = default;
  EfelStimulus(double start, double end, std::optional<double> current = std::nullopt)
      : start_ms(start), end_ms(end), current_nA(current) {}

  double start_ms = 0.0;
  double end_ms = 0.0;
  std::optional<double> current_nA;
};

// A feature's value: usually one element, one per spike for the per-spike features, or nullopt where eFEL
// gives None (undefined: too few spikes, a dependency undefined, a division by zero). Only ISI_values can be an
// empty vector (exactly 2 spikes); a few features can hold NaN where eFEL computes 0/0 (steady_state_voltage
// with no sample after the stimulus, voltage_deflection_begin with no baseline).
using EfelValue = std::optional<std::vector<double>>;

// The names of every feature efel_features computes, eFEL's names exactly, in this order:
// peak_indices, peak_time, peak_voltage, AP_height, spike_count, spike_count_stimint,
// mean_frequency, time_to_first_spike, time_to_second_spike, time_to_last_spike, all_ISI_values, ISI_values,
// doublet_ISI, inv_first_ISI, inv_last_ISI, ISI_CV, ISI_log_slope, adaptation_index, adaptation_index2,
// min_AHP_indices, min_AHP_values, AHP_depth_abs, AHP_depth, AHP_time_from_peak,
// AP_begin_indices, AP_begin_voltage, AP_amplitude, AP1_amp, AP_width, spike_half_width,
// voltage_base, steady_state_voltage, steady_state_voltage_stimend, voltage_deflection, voltage_deflection_begin,
// maximum_voltage, minimum_voltage, decay_time_constant_after_stim, voltage_deflection_vb_ssse, sag_amplitude,
// sag_ratio1, ohmic_input_resistance,
// burst_ISI_indices, burst_mean_freq, burst_number.
std::span<const std::string_view> efel_feature_names();

// Whether a feature has at most one value (spike_count, mean_frequency, voltage_base, ...) rather than one per
// spike, interval or burst (peak_time, ISI_values, AP_amplitude, burst_mean_freq, ...). Throws InputError for an
// unknown name.
bool efel_feature_has_one_value(std::string_view name);

// Computes the named features (all of them, in the order above, when names is empty) of the trace t (ms,
// strictly increasing) and v (mV), more than 2 samples of each, in the order asked. The trace is interpolated
// once and each intermediate (peaks, AHP minima, AP onsets, ...) is computed once for all the features that
// use it. Throws InputError for an unknown feature name (naming it and the allowed ones), a trace that is too
// short, of unequal lengths, not strictly increasing in time or not finite, a stimulus with end <= start or a
// value that is not finite, and settings out of their ranges.
std::vector<std::pair<std::string, EfelValue>> efel_features(std::span<const double> t_ms,
                                                             std::span<const double> v_mV,
                                                             const EfelStimulus& stimulus,
                                                             std::span<const std::string> names = {},
                                                             const EfelSettings& settings = {});

}  // namespace neurodyn
