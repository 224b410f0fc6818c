#pragma once
// A whole-cell current-clamp recording as every reader returns it: sweeps of sampled channels in physical
// units, the current injected in each sweep (the command), and the command's protocol as epochs. Readers:
// ABF2 (io/abf2.hpp), NWB 2 and Allen Cell Types NWB 1 (io/nwb.hpp), text tables (io/trace_table.hpp);
// read_recording picks the reader from the file's content, never from its name.
//
// Units: time in ms, membrane potential in mV, current in pA. A channel in another unit of the same kind
// (V, uV, A, nA, fA) is converted on reading; a channel of any other unit keeps its values and its unit.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace neurodyn {

// What a file is, recognised from its first bytes.
enum class RecordingFormat {
  abf2,          // Axon Binary Format 2 ("ABF2" magic)
  abf1,          // Axon Binary Format 1 ("ABF " magic): recognised, not read
  nwb2,          // HDF5 with the root attribute nwb_version "2.x"
  nwb1,          // HDF5 with the root dataset nwb_version "NWB-1.x" (Allen Cell Types)
  hdf5_other,    // HDF5 that is not NWB
  text,          // printable text: a table of numbers
  other_binary,  // anything else (a NUL byte or control characters in the first bytes)
};

// "ABF2", "ABF1", "NWB 2", "NWB 1 (Allen Cell Types)", "HDF5 (not NWB)", "text", "binary".
std::string to_string(RecordingFormat format);

// Throws FileError when the file cannot be opened; InputError for a directory or another file that is not regular.
RecordingFormat recognise_recording(const std::filesystem::path& path);

// One sampled signal of a sweep.
struct RecordedChannel {
  std::string name;             // as the file names it ("IN 0", "Sweep_12", "voltage")
  std::string unit;             // "mV" or "pA" after conversion, else the file's unit
  std::vector<double> samples;  // one per time of the sweep
};

// A segment of a sweep's command, on the sweep's time axis (Sweep::time_ms).
struct CommandEpoch {
  std::string name;        // "holding", or the protocol's own name ("A", "B" ... in ABF; "step 1" when detected)
  std::string type;        // "holding", "step" or "ramp"
  double start_ms = 0.0;   // first sample of the epoch
  double end_ms = 0.0;     // first sample after it
  double level_pA = 0.0;   // command at the start (a step's level)
  double end_level_pA = 0.0;  // command at the end (equal to level_pA for a step or holding)
};

struct Sweep {
  int number = 0;                     // from 0, in file order
  std::string name;                   // "sweep 3", or the file's own name of the series
  std::vector<double> time_ms;        // sample times: from the sweep's start (ABF, NWB), as the file has them (text)
  double start_time_ms = 0.0;         // when the sweep began, from the start of the recording
  std::vector<RecordedChannel> channels;  // the recorded signals (voltage first where known)
  // The injected current, in pA, one sample per time: rebuilt from the protocol (ABF), the stimulus series
  // (NWB) or a current column (text). Absent when the file does not say.
  std::optional<RecordedChannel> command;
  std::string command_source;         // "epoch table of DAC 0", "stimulus/presentation/...", "column 1"
  double holding_pA = 0.0;            // the command outside its epochs
  std::vector<CommandEpoch> epochs;   // the command's segments in time order (empty without a command)
};

struct Recording {
  std::filesystem::path path;
  RecordingFormat format = RecordingFormat::text;
  std::vector<Sweep> sweeps;
  // Descriptive facts for `recording info`, in the file's order, keys in snake_case: protocol, creator, recorded,
  // electrode, ...
  std::vector<std::pair<std::string, std::string>> facts;
};

// How to read a text table (ignored for other formats).
struct TextRecordingOptions {
  int time_column = 0;
  std::optional<int> voltage_column;  // default: the header's v... column, else the last
  std::optional<int> current_column;  // a current column in pA, read as the command
  double time_scale_ms = 1.0;         // ms per unit of the time column (1000 for seconds)
  double voltage_scale_mV = 1.0;      // mV per unit of the voltage column (1000 for volts)
  double current_scale_pA = 1.0;      // pA per unit of the current column (1000 for nA)
};

// Reads any recognised format. Throws InputError naming the file, the field and the value for a file that is
// not a recording (binary of another kind, HDF5 that is not NWB, ABF1), a truncated or corrupt file, NaN in
// the data, or no sweeps; FileError when the file cannot be read.
Recording read_recording(const std::filesystem::path& path, const TextRecordingOptions& text_options = {});

// The membrane potential of a sweep: its first channel in mV. Throws InputError naming the sweep when it
// has none.
const RecordedChannel& membrane_potential(const Sweep& sweep);

}  // namespace neurodyn
