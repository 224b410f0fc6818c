#pragma once
// The files of `neurodyn recording show`: one CSV per selected sweep and a figure of the sweeps over their
// command.
#include <filesystem>

#include "neurodyn/io/recording.hpp"

namespace neurodyn {

// DIR/sweep_NNN.csv for each sweep (NNN its number, three digits at least): '#' lines (the program, the source file
// and its format, the sweep, its start in the recording, where the command comes from, the epochs), then the
// header row `time_ms,<channel>_<unit>...,I_pA` (I_pA when the command is known) and one row per sample, on the
// sweep's time axis. Such a file is a `file:` stimulus (`file:DIR/sweep_003.csv,current_col=2`).
// Written atomically; throws FileError.
void write_sweep_csvs(const std::filesystem::path& directory, const Recording& recording);

// DIR/recording.png and .svg: the membrane potential of every sweep above and its command below, in one colour
// per sweep from a sequential scale (first sweep light, last dark), time in ms. Throws FileError if gnuplot is
// missing or fails.
void write_recording_figure(const std::filesystem::path& directory, const Recording& recording);

}  // namespace neurodyn
