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
};

// Writes PATH.png (pngcairo) and PATH.svg through gnuplot, atomically. All panels share one voltage scale
// (a bar in the first panel gives it); each panel has its own time scale bar and the range of its current.
// Throws InputError for no panels or mismatched lengths, FileError if gnuplot is missing or fails.
void write_gallery_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                          const std::vector<GalleryPanel>& panels);

}  // namespace neurodyn
