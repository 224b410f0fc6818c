#include "neurodyn/io/nwb.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hdf5_file.hpp"
#include "hdf5_handles.hpp"
#include "neurodyn/error.hpp"
#include "nwb_pairing.hpp"
#include "nwb_series.hpp"

namespace neurodyn {
namespace {

using namespace hdf5;
using namespace nwb_detail;

// How messages name the file.
constexpr std::string_view file_kind = "NWB file";

std::string stimulus_source(const std::string& path, std::string_view rule) {
  return fmt::format("{} ({})", path.substr(1), rule);
}

// Adds the command to a sweep: the stimulus must have one sample per sample of the response.
void attach_command(const NamedFile& file, Sweep& sweep, const Series& stimulus, std::string source) {
  const std::size_t samples = sweep.time_ms.size();
  if (stimulus.values.size() != samples) {
    file.fail(child_path(stimulus.path, "data"),
              fmt::format("has {} samples but the response {} has {}; allowed: one command sample per response sample",
                          stimulus.values.size(), sweep.name, samples));
  }
  sweep.command = RecordedChannel{stimulus.name, "pA", stimulus.values};
  sweep.command_source = std::move(source);
  sweep.holding_pA = stimulus.values.front();
}

Sweep sweep_of(Series response, int number) {
  Sweep sweep;
  sweep.number = number;
  sweep.name = response.name;
  sweep.time_ms = std::move(response.time_ms);
  sweep.start_time_ms = response.start_time_ms;
  sweep.channels.push_back({response.name, "mV", std::move(response.values)});
  return sweep;
}

void add_fact(Recording& recording, std::string name, const std::optional<std::string>& value) {
  if (value && !value->empty()) recording.facts.emplace_back(std::move(name), *value);
}

void add_root_facts(const NamedFile& file, Recording& recording, const std::string& version) {
  recording.facts.emplace_back("nwb_version", version);
  for (const char* name : {"identifier", "session_description", "session_start_time"}) {
    add_fact(recording, name, text_of(file.id(), "/", name));
  }
  for (const char* name : {"session_id", "specimen", "experimenter", "institution", "lab", "protocol"}) {
    add_fact(recording, name, text_of(file.id(), "/", fmt::format("general/{}", name)));
  }
}

std::string counted_types(const std::map<std::string, int>& types) {
  std::string text;
  for (const auto& [type, count] : types) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, type);
  return text.empty() ? "nothing" : text;
}

Recording read_nwb2(const NamedFile& file, const std::string& version) {
  SweepNumbers table_numbers;
  const bool has_recordings_table = has_link(file.id(), recordings_table.substr(1));
  if (!has_recordings_table && has_link(file.id(), sweep_table.substr(1))) table_numbers = read_sweep_table(file);

  std::map<std::string, int> others;
  std::vector<Candidate> responses =
      typed_series(file, "/acquisition", {"CurrentClampSeries", "IZeroClampSeries"}, table_numbers, &others);
  if (responses.empty()) {
    file.fail("/acquisition", fmt::format("no CurrentClampSeries under /acquisition/ (it holds {}); allowed: a "
                                          "current-clamp recording",
                                          counted_types(others)));
  }
  if (std::ranges::all_of(responses, [](const Candidate& c) { return c.sweep_number.has_value(); })) {
    std::ranges::stable_sort(responses, {}, [](const Candidate& c) { return *c.sweep_number; });
  }
  const std::vector<Candidate> stimuli =
      typed_series(file, "/stimulus/presentation", {"CurrentClampStimulusSeries"}, table_numbers);
  std::vector<RecordingRow> rows;
  if (has_recordings_table) rows = read_recordings_table(file);

  Recording recording;
  recording.path = file.path();
  recording.format = RecordingFormat::nwb2;
  add_root_facts(file, recording, version);
  for (const Candidate& response : responses) {
    const hdf5::Object group = open_object(file, file.id(), response.path, response.path);
    Sweep sweep = sweep_of(read_series(file, group.get(), response.path, Quantity::voltage),
                           static_cast<int>(recording.sweeps.size()));
    const auto row =
        std::ranges::find_if(rows, [&](const RecordingRow& r) { return r.response.path == response.path; });
    if (row != rows.end()) {
      if (const auto stimulus = table_stimulus(file, *row, sweep.time_ms.size())) {
        attach_command(file, sweep, *stimulus, stimulus_source(row->stimulus.path, "intracellular_recordings table"));
      }
    } else if (const Candidate* stimulus = paired_stimulus(response, stimuli)) {
      const std::string rule =
          response.sweep_number && stimulus->sweep_number == response.sweep_number
              ? fmt::format("{} {}", table_numbers.empty() ? "sweep_number" : "sweep_table sweep_number",
                            *response.sweep_number)
              : std::string("same name");
      attach_command(file, sweep, read_series_at(file, stimulus->path, Quantity::current),
                     stimulus_source(stimulus->path, rule));
    }
    if (!response.electrode.empty() && recording.sweeps.empty()) {  // the first sweep's IntracellularElectrode
      const std::string& electrode = response.electrode;
      recording.facts.emplace_back("electrode", electrode);
      const hdf5::Object electrode_group(H5Oopen(file.id(), electrode.c_str(), H5P_DEFAULT));
      if (electrode_group && is_group(electrode_group)) {
        add_fact(recording, "electrode_description", text_of(electrode_group.get(), electrode, "description"));
        add_fact(recording, "cell_id", text_of(electrode_group.get(), electrode, "cell_id"));
      }
    }
    recording.sweeps.push_back(std::move(sweep));
  }
  return recording;
}

// NWB 1 as the Allen Cell Types Database writes it (NWB 1.0.5 specification): the sweeps are the TimeSeries
// groups under /acquisition/timeseries/, the command of each the group of the same name under
// /stimulus/presentation/.
Recording read_nwb1(const NamedFile& file, const std::string& version) {
  const std::string parent_path = "/acquisition/timeseries";
  if (!has_link(file.id(), parent_path.substr(1))) file.fail(parent_path, "is missing; allowed: the sweeps' group");
  const hdf5::Object parent = open_object(file, file.id(), parent_path, parent_path);
  if (!is_group(parent)) file.fail(parent_path, "is not a group");
  std::vector<std::string> names = child_names(file, parent.get(), parent_path);
  std::ranges::sort(names, natural_less);

  Recording recording;
  recording.path = file.path();
  recording.format = RecordingFormat::nwb1;
  add_root_facts(file, recording, version);
  int voltage_clamp = 0;
  for (const std::string& name : names) {
    const std::string path = child_path(parent_path, name);
    const hdf5::Object group = open_object(file, parent.get(), name, path);
    if (!is_group(group)) continue;
    if (!data_unit(file, group.get(), path, std::nullopt).voltage) {  // a voltage-clamp sweep records a current
      ++voltage_clamp;
      continue;
    }
    Sweep sweep = sweep_of(read_series(file, group.get(), path, Quantity::voltage),
                           static_cast<int>(recording.sweeps.size()));
    const std::string stimulus_path = child_path("/stimulus/presentation", name);
    if (has_link(file.id(), stimulus_path.substr(1))) {
      attach_command(file, sweep, read_series_at(file, stimulus_path, Quantity::current), stimulus_path.substr(1));
    }
    recording.sweeps.push_back(std::move(sweep));
  }
  if (recording.sweeps.empty()) {
    file.fail(parent_path, fmt::format("no current-clamp sweep ({} series, {} of them voltage clamp); allowed: a "
                                       "current-clamp recording",
                                       names.size(), voltage_clamp));
  }
  return recording;
}

struct NwbVersion {
  RecordingFormat format = RecordingFormat::hdf5_other;
  std::string text;   // the nwb_version value, "" when absent
  std::string field;  // where it is
};

// NWB 2: root attribute nwb_version "2.x.y" (nwb.file.yaml); NWB 1: root dataset nwb_version "NWB-1.x.y".
NwbVersion version_of(const NamedFile& file) {
  if (const auto attribute = text_attribute(file.id(), "/", "nwb_version")) {
    return {attribute->starts_with('2') ? RecordingFormat::nwb2 : RecordingFormat::hdf5_other, *attribute,
            attribute_field("/", "nwb_version")};
  }
  if (H5Lexists(file.id(), "nwb_version", H5P_DEFAULT) > 0) {
    const auto dataset = text_of(file.id(), "/", "nwb_version");
    if (dataset) {
      const bool nwb1 = dataset->starts_with("NWB-1") || dataset->starts_with("1.");
      return {nwb1 ? RecordingFormat::nwb1 : RecordingFormat::hdf5_other, *dataset, "/nwb_version"};
    }
  }
  return {};
}

}  // namespace

RecordingFormat nwb_format_of(const std::filesystem::path& path) {
  if (!hdf5::has_hdf5_signature(path, file_kind)) return RecordingFormat::other_binary;
  const std::scoped_lock lock(hdf5::library_mutex);
  const hdf5::QuietErrors quiet;
  const hdf5::NamedFile file(path, file_kind);
  return version_of(file).format;
}

Recording read_nwb(const std::filesystem::path& path) {
  if (!hdf5::has_hdf5_signature(path, file_kind)) {
    throw InputError(fmt::format("NWB file '{}' is not HDF5 (no HDF5 signature at byte 0, 512, 1024, ...); "
                                 "allowed: an NWB 2 or Allen Cell Types NWB 1 file",
                                 path.string()));
  }
  const std::scoped_lock lock(hdf5::library_mutex);
  const hdf5::QuietErrors quiet;
  const hdf5::NamedFile file(path, file_kind);
  const NwbVersion version = version_of(file);
  switch (version.format) {
    case RecordingFormat::nwb2: return read_nwb2(file, version.text);
    case RecordingFormat::nwb1: return read_nwb1(file, version.text);
    default: break;
  }
  if (version.text.empty()) {
    file.fail("/", "HDF5 without the root attribute nwb_version (NWB 2) or the root dataset nwb_version (NWB 1); "
                   "allowed: an NWB file");
  }
  file.fail(version.field, fmt::format("'{}' is not a version this reader knows; allowed: 2.x (attribute) or "
                                         "NWB-1.x (dataset)",
                                         version.text));
}

}  // namespace neurodyn
