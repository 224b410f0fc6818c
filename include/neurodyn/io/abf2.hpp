#pragma once
// The reader of Axon Binary Format 2 files (.abf of pCLAMP / Clampex 10 and later, Molecular Devices): episodic
// stimulation, fixed-length event-driven and gap-free recordings with int16 or float32 samples.
//
// What it reads: the section map of the file header and, through it, the protocol, ADC, DAC, epoch-per-DAC,
// strings, synch-array and data sections. Samples are scaled to physical units as the format defines it (int16:
// raw x fADCRange / (fInstrumentScaleFactor x fSignalGain x fADCProgrammableGain [x fTelegraphAdditGain when the
// telegraph is enabled] x lADCResolution) + fInstrumentOffset - fSignalOffset; float32: as stored), then V/uV to
// mV and A/mA/uA/nA/fA to pA. The command of each sweep is rebuilt from the epoch table of the DAC whose waveform
// is enabled (the active DAC first): the holding level for the first 1/64 of the sweep (as Clampex outputs it),
// then each step or ramp epoch at its first level + sweep x level increment for its first duration + sweep x
// duration increment, then the holding level (or the last epoch's level when the DAC keeps it between sweeps).
#include <filesystem>
#include <span>
#include <string>

#include "neurodyn/io/recording.hpp"

namespace neurodyn {

// Decodes an ABF2 file held in memory; `file_name` names it in messages and becomes Recording::path. Pure: reads
// nothing else. Throws InputError naming the file, the field and its value for a file that is not ABF2 (ABF1
// included), a section that reaches past the end of the file, a data section too small for its sweeps and
// channels, no sweeps or channels, a non-positive sample interval, non-finite scaling or samples, an operation
// mode other than episodic, fixed-length or gap-free, or an epoch table that does not fit its sweep or holds an
// epoch that is not a step or a ramp.
Recording parse_abf2(std::span<const unsigned char> bytes, const std::string& file_name);

// Reads and decodes an ABF2 file. Throws InputError for a directory, a file that is not a regular file, a file
// over 2 GiB, or what parse_abf2 refuses; FileError when the file cannot be read.
Recording read_abf2(const std::filesystem::path& path);

}  // namespace neurodyn
