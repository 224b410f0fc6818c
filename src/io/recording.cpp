#include "neurodyn/io/recording.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <fstream>
#include <string_view>

#include "neurodyn/error.hpp"
#include "neurodyn/io/abf2.hpp"
#include "neurodyn/io/command_epochs.hpp"
#include "neurodyn/io/nwb.hpp"
#include "neurodyn/io/trace_table.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn {
namespace {

// Text is what a table of numbers can hold: no NUL and no control character but tab, line breaks and form
// feed, in the first 64 KiB.
bool looks_like_text(std::string_view head) {
  return std::ranges::none_of(head, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
  });
}

Recording read_text_recording(const std::filesystem::path& path, const TextRecordingOptions& options) {
  for (const auto& [name, scale] : {std::pair{"voltage scale", options.voltage_scale_mV},
                                    std::pair{"current scale", options.current_scale_pA}}) {
    if (!(scale > 0.0) || !std::isfinite(scale)) {
      throw InputError(fmt::format("{} = {:g} is not allowed; allowed: a finite value > 0", name, scale));
    }
  }
  const TraceTable table = read_trace_table(
      path, {options.time_column, options.voltage_column, options.current_column, options.time_scale_ms});
  Sweep sweep;
  sweep.name = "trace";
  const auto scaled = [](std::vector<double> values, double scale) {
    for (double& value : values) value *= scale;
    return values;
  };
  sweep.time_ms = table.time_ms;
  sweep.channels.push_back({table.voltage_name, "mV", scaled(table.voltage_mV, options.voltage_scale_mV)});
  if (options.current_column) {
    sweep.command = RecordedChannel{fmt::format("column {}", *options.current_column), "pA",
                                    scaled(table.current, options.current_scale_pA)};
    sweep.command_source = fmt::format("column {}", *options.current_column);
  }
  Recording recording;
  recording.path = path;
  recording.format = RecordingFormat::text;
  recording.sweeps.push_back(std::move(sweep));
  return recording;
}

}  // namespace

std::string to_string(RecordingFormat format) {
  switch (format) {
    case RecordingFormat::abf2: return "ABF2";
    case RecordingFormat::abf1: return "ABF1";
    case RecordingFormat::nwb2: return "NWB 2";
    case RecordingFormat::nwb1: return "NWB 1 (Allen Cell Types)";
    case RecordingFormat::hdf5_other: return "HDF5 (not NWB)";
    case RecordingFormat::text: return "text";
    case RecordingFormat::other_binary: return "binary";
  }
  return "unknown";
}

RecordingFormat recognise_recording(const std::filesystem::path& path) {
  require_regular_file(path, "recording", "a recording file (ABF2, NWB, text)");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw FileError(fmt::format("recording '{}' cannot be opened for reading", path.string()));
  std::string head(64 * 1024, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  if (head.starts_with("ABF2")) return RecordingFormat::abf2;
  if (head.starts_with("ABF ")) return RecordingFormat::abf1;
  if (looks_like_text(head)) return RecordingFormat::text;
  return nwb_format_of(path);  // NWB 1 or 2, other HDF5, or other_binary without the HDF5 signature
}

Recording read_recording(const std::filesystem::path& path, const TextRecordingOptions& text_options) {
  const RecordingFormat format = recognise_recording(path);
  Recording recording;
  switch (format) {
    case RecordingFormat::abf2: recording = read_abf2(path); break;
    case RecordingFormat::nwb1:
    case RecordingFormat::nwb2: recording = read_nwb(path); break;
    case RecordingFormat::text: recording = read_text_recording(path, text_options); break;
    case RecordingFormat::abf1:
      throw InputError(fmt::format("recording '{}' is ABF1 (Axon Binary Format 1), which is not supported; "
                                   "allowed: ABF2, NWB 2, Allen Cell Types NWB 1, text tables (Clampfit and "
                                   "pCLAMP 10+ save ABF2)",
                                   path.string()));
    case RecordingFormat::hdf5_other:
      throw InputError(fmt::format("recording '{}' is an HDF5 file but not NWB (no nwb_version); allowed: ABF2, "
                                   "NWB 2, Allen Cell Types NWB 1, text tables",
                                   path.string()));
    case RecordingFormat::other_binary:
      throw InputError(fmt::format("recording '{}' is a binary file of no known kind (not ABF2, not HDF5/NWB) and "
                                   "not a text table; allowed: ABF2, NWB 2, Allen Cell Types NWB 1, text tables",
                                   path.string()));
  }
  if (recording.sweeps.empty()) throw InputError(fmt::format("recording '{}' has no sweeps", path.string()));
  for (Sweep& sweep : recording.sweeps) {
    if (sweep.command && sweep.epochs.empty() && sweep.command->samples.size() >= 2) {
      sweep.epochs = detect_command_epochs(sweep.time_ms, sweep.command->samples);
      sweep.holding_pA = sweep.epochs.front().level_pA;
    }
  }
  return recording;
}

const RecordedChannel& membrane_potential(const Sweep& sweep) {
  const auto channel =
      std::ranges::find_if(sweep.channels, [](const RecordedChannel& candidate) { return candidate.unit == "mV"; });
  if (channel == sweep.channels.end()) {
    std::string units;
    for (const RecordedChannel& candidate : sweep.channels) {
      units += fmt::format("{}{} ({})", units.empty() ? "" : ", ", candidate.name, candidate.unit);
    }
    throw InputError(fmt::format("{} has no membrane potential (a channel in mV); its channels: {}", sweep.name,
                                 units.empty() ? std::string("none") : units));
  }
  return *channel;
}

}  // namespace neurodyn
