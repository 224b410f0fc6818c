#pragma once
// A gallery of firing patterns: a grid of small v(t) panels, each with its stimulus drawn beneath the
// trace, in the manner of Izhikevich's 2004 figure 1. Used by `neurodyn gallery` (one figure per preset
// family) and `neurodyn patterns`.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace neurodyn {

struct GalleryPanel {
  std::string label;                // "(A) tonic spiking"
  std::vector<double> times;        // ms, non-decreasing
  std::vector<double> voltages;     // mV (or voltage_unit), one per time
  std::vector<double> currents;     // the stimulus at each time, in current_unit; empty: no stimulus row
  std::vector<double> spike_times;  // ms, marked by ticks above the trace
  std::string current_unit;         // "pA", "mV/ms (model units)", ...
  std::string voltage_unit = "mV";  // "" for a dimensionless model (FitzHugh-Nagumo)
  std::string time_unit = "ms";     // "" for dimensionless time (FitzHugh-Nagumo): the bar says "time units"
  std::string name;                 // the stem of the panel's data file (write_gallery_data): "A", "initial-burst"
  std::string source;               // where the data come from, for the data file's '#' lines (may span lines)
};

// Writes PATH.png (pngcairo) and PATH.svg through gnuplot, atomically. All panels share one voltage scale:
// every panel has the same voltage scale bar at its left, up from a round voltage at or below every trace,
// labelled with the voltages at its ends ("-80 to -60 mV"), and a faint dotted line under the trace at its
// lower end; each panel has its own time scale bar and the range of its current. A long trace is drawn from at most 4000 of its samples: the smallest and
// largest v of each of about 2000 equal time bins (envelope_indices, neurodyn/io/downsample.hpp). Throws
// InputError for no panels or mismatched lengths, FileError if gnuplot is missing or fails.
void write_gallery_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                          const std::vector<GalleryPanel>& panels);

// Writes the data that write_gallery_figure(PATH, ..., panels) draws, so that the figure can be redrawn
// elsewhere, into the folder PATH (created if missing; each file atomically):
//   PATH/<name>.csv per panel: '#' lines (program version, the figure and panel label, the panel's source
//     lines, how many of the computed samples are drawn, the units), then the columns time_ms,v_mV,I_<unit>
//     (time, v, I without a unit suffix for a dimensionless quantity: "time,v,I" for FitzHugh-Nagumo; the
//     current's unit as a token, "I_pA", "I_mV_per_ms", "I_uA_per_cm2"), one row per sample drawn, at full
//     precision; no I column for a panel without a stimulus.
//   PATH/spikes.csv: '#' lines, then panel,time_ms (or panel,time): every panel's spike times (the ticks
//     above its trace) at full precision.
// Throws InputError for mismatched lengths, a panel whose name is empty, holds a character other than letters,
// digits, '-', '_' and '.', starts with '.' or is "spikes", or two panels of the same name; FileError if a
// file cannot be written.
void write_gallery_data(const std::filesystem::path& path_without_extension, const std::vector<GalleryPanel>& panels);

}  // namespace neurodyn
