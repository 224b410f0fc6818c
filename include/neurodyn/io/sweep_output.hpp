#pragma once
// The files of `neurodyn sweep`, written into a result folder's staging directory:
//   runs.csv         one row per run: its axis values, spike count, steady rate, first spike, firing pattern and
//                    status, under '#' lines with the version, the units and the sweep's config
//   spikes.csv       every spike: run,time_ms
//   sweep.{png,svg}  the steady rate over the first two axes (a heat map; over one axis, a curve) beside the
//                    firing pattern of each run
#include <filesystem>
#include <string_view>

#include "neurodyn/population/sweep.hpp"

namespace neurodyn {

// Throws FileError if a file cannot be written.
void write_sweep_runs_csv(const std::filesystem::path& path, const SweepSpec& spec, const SweepResult& result);
void write_sweep_spikes_csv(const std::filesystem::path& path, const SweepResult& result);

// PATH.png and PATH.svg. With more than two axes, the runs at the first value of the others. Throws FileError if
// gnuplot is missing or fails.
void write_sweep_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                        const SweepSpec& spec, const SweepResult& result);

}  // namespace neurodyn
