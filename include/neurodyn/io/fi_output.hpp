#pragma once
// The files of `neurodyn fi`: DIR/fi.csv (the f-I curve and, where computed, the threshold currents in its
// header), DIR/hysteresis.csv (the up and down sweeps) and DIR/fi.{png,svg} (v(t) at a few currents stacked,
// beside the f-I curve).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/analysis/hysteresis.hpp"
#include "neurodyn/analysis/thresholds.hpp"
#include "neurodyn/io/run_config.hpp"

namespace neurodyn {

// Everything one `fi` run computed.
struct FiResult {
  FiProtocol protocol;
  std::string initial_state_origin;  // how the initial state was chosen: "the resting state at I = 0", ...
  std::vector<FiPoint> points;
  std::optional<Rheobase> rheobase;
  std::optional<CurrentBracket> sustained_onset;
  std::optional<Hysteresis> hysteresis;
};

// One computed threshold current, named so that the three are never confused: rheobase,
// sustained_firing_onset, bistable_range (or hysteresis: none).
struct ThresholdLine {
  std::string name;     // "rheobase"
  std::string value;    // "2.71032715"; two numbers for a range
  std::string meaning;  // what the number is, with its bracket
};

std::vector<ThresholdLine> threshold_lines(const FiResult& result);

// fi.csv: '#' lines (program version, units, the protocol with its initial state and discarded transient,
// the method, the threshold currents, the problem's configuration as TOML), then the header row
// `current,steady_rate_hz,first_isi_rate_hz,spike_count,window_spike_count,window_peak_count,missed_oscillation,
// first_spike_ms,status`
// and one row per current. Written atomically; throws FileError.
void write_fi_csv(const std::filesystem::path& path, const EffectiveRun& run, const FiResult& result);

// hysteresis.csv: `current,up_rate_hz,down_rate_hz,differs` (result.hysteresis must be set).
void write_hysteresis_csv(const std::filesystem::path& path, const EffectiveRun& run, const FiResult& result);

// v(t) of one run at a constant current, for the stacked traces.
struct FiTrace {
  double current = 0.0;
  std::vector<double> times_ms;
  std::vector<double> voltages;
  std::vector<double> spike_times_ms;
};

// PATH.png and PATH.svg: at the left the traces stacked (lowest current on top), at the right the steady rate
// (1 / the mean ISI in the window) and the first-ISI rate against the current, with the rheobase, the onset of
// sustained firing and the bistable ranges marked where computed. Throws FileError if gnuplot is missing or fails.
void write_fi_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                     const ModelInfo& model, const std::vector<FiTrace>& traces, const FiResult& result);

}  // namespace neurodyn
