#pragma once
// Readers of Neurodata Without Borders files (HDF5), both layouts that hold current-clamp recordings:
//  - NWB 2 (core schema 2.x): every CurrentClampSeries (or IZeroClampSeries) under /acquisition/ is a sweep; its
//    injected current is the CurrentClampStimulusSeries that the intracellular_recordings table pairs with it,
//    else the one under /stimulus/presentation/ with the same sweep number (from the deprecated sweep_table,
//    else the attribute sweep_number), else the one named like it there (the same name, the name with
//    "_stimulus" added, or with "_stimulus" in place of a "_response" suffix). Sweeps follow the sweep numbers
//    when every series has one, else name order with digits compared as numbers (index_2 before index_10).
//  - NWB 1 as the Allen Cell Types Database writes it: /acquisition/timeseries/Sweep_N with the command in
//    /stimulus/presentation/Sweep_N, in the numeric order of N; sweeps whose data are a current (voltage
//    clamp) are left out.
// Values are data * conversion + offset in the series' unit, converted to mV and pA; times to ms.
#include <filesystem>

#include "neurodyn/io/recording.hpp"

namespace neurodyn {

// What an HDF5 file holds: RecordingFormat::nwb2 (root attribute nwb_version "2.x..."), nwb1 (root dataset
// nwb_version "NWB-1.x..."), hdf5_other (HDF5 without either); other_binary for a file without the HDF5
// signature (at byte 0, 512, 1024, ...). Throws FileError when the file cannot be read; InputError for a
// directory or non-regular file, or an HDF5 file that the HDF5 library cannot open (truncated, damaged).
RecordingFormat nwb_format_of(const std::filesystem::path& path);

// Reads an NWB 2 or NWB 1 file into sweeps: channel 0 the membrane potential in mV, the command in pA (absent
// for a sweep without a paired stimulus series), holding_pA the command's first sample, epochs empty.
// Throws FileError when the file cannot be read; InputError naming the file, the HDF5 path of the dataset or
// attribute and its value for a file that is not HDF5 or not NWB, NWB without current-clamp series, data that
// is not 1-D, NaN or infinite values, timestamps of another length than the data, a missing or invalid rate, a
// unit that is not a voltage (response) or a current (stimulus), or a stimulus of another length.
Recording read_nwb(const std::filesystem::path& path);

}  // namespace neurodyn
