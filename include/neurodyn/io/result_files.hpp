#pragma once
// The files of a simulation result: DIR/trace.csv, DIR/spikes.csv, DIR/config.toml and the figures.
#include <filesystem>
#include <string>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn {

// trace.csv: '#' header lines (program version, units of every column, the effective configuration as
// TOML comments), then a header row `time_ms,v_mV,u_...` and one row per recorded sample.
void write_trace_csv(const std::filesystem::path& path, const EffectiveRun& run, const Solution& solution);

// spikes.csv: '#' header lines, then `time_ms` and one spike time per row (full precision).
void write_spikes_csv(const std::filesystem::path& path, const EffectiveRun& run, const Solution& solution);

// Figures through gnuplot (pngcairo and svg terminals): DIR/voltage.{png,svg} (v(t) with spikes marked),
// DIR/recovery.{png,svg} (the other state variables), DIR/phase.{png,svg} (the trajectory in the plane of
// the first two state variables, with the nullclines of two-variable models). Models with one state
// variable (LIF) get voltage.* only. Long traces are thinned for drawing (the envelope of v is kept, so
// spike peaks stay). Throws FileError if gnuplot is missing or fails, or DIR does not exist; InputError if
// the solution has fewer than two recorded samples.
void write_figures(const std::filesystem::path& directory, const EffectiveRun& run, const Solution& solution);

}  // namespace neurodyn
