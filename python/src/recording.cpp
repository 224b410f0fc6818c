// read_recording(): a whole-cell recording (io/recording.hpp: ABF2, NWB 2, Allen NWB 1, text tables) as plain
// dicts, its samples as numpy arrays that own the reader's vectors (moved, not copied).
#include "neurodyn/io/recording.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "bindings.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

// A 1-D float64 array that takes over `values`.
py::array_t<double> owning_array(std::vector<double>&& values) {
  auto* owned = new std::vector<double>(std::move(values));
  const py::capsule owner(owned, [](void* pointer) { delete static_cast<std::vector<double>*>(pointer); });
  return py::array_t<double>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
}

py::dict channel_dict(RecordedChannel&& channel) {
  py::dict result;
  result["name"] = channel.name;
  result["unit"] = channel.unit;
  result["samples"] = owning_array(std::move(channel.samples));
  return result;
}

py::dict epoch_dict(const CommandEpoch& epoch) {
  py::dict result;
  result["name"] = epoch.name;
  result["type"] = epoch.type;
  result["start_ms"] = epoch.start_ms;
  result["end_ms"] = epoch.end_ms;
  result["level_pA"] = epoch.level_pA;
  result["end_level_pA"] = epoch.end_level_pA;
  return result;
}

py::dict sweep_dict(Sweep&& sweep) {
  py::dict result;
  result["number"] = sweep.number;
  result["name"] = sweep.name;
  result["start_time_ms"] = sweep.start_time_ms;
  result["time_ms"] = owning_array(std::move(sweep.time_ms));
  py::list channels;
  for (RecordedChannel& channel : sweep.channels) channels.append(channel_dict(std::move(channel)));
  result["channels"] = channels;
  result["command"] = sweep.command ? py::object(channel_dict(std::move(*sweep.command))) : py::object(py::none());
  result["command_source"] = sweep.command_source;
  result["holding_pA"] = sweep.holding_pA;
  py::list epochs;
  for (const CommandEpoch& epoch : sweep.epochs) epochs.append(epoch_dict(epoch));
  result["epochs"] = epochs;
  return result;
}

py::dict recording_dict(Recording&& recording) {
  py::dict result;
  result["path"] = recording.path;
  result["format"] = to_string(recording.format);
  py::dict facts;
  for (const auto& [key, value] : recording.facts) facts[py::str(key)] = value;
  result["facts"] = facts;
  py::list sweeps;
  for (Sweep& sweep : recording.sweeps) sweeps.append(sweep_dict(std::move(sweep)));
  result["sweeps"] = sweeps;
  return result;
}

}  // namespace

void add_recording(py::module_& module) {
  const TextRecordingOptions defaults;
  module.def(
      "read_recording",
      [](const std::filesystem::path& path, int time_column, std::optional<int> voltage_column,
         std::optional<int> current_column, double time_scale_ms, double voltage_scale_mV, double current_scale_pA) {
        const TextRecordingOptions text{time_column,   voltage_column,   current_column,
                                        time_scale_ms, voltage_scale_mV, current_scale_pA};
        Recording recording;
        {
          py::gil_scoped_release unlocked;
          recording = read_recording(path, text);
        }
        return recording_dict(std::move(recording));
      },
      py::arg("path"), py::kw_only(), py::arg("time_column") = defaults.time_column,
      py::arg("voltage_column") = py::none(), py::arg("current_column") = py::none(),
      py::arg("time_scale_ms") = defaults.time_scale_ms, py::arg("voltage_scale_mV") = defaults.voltage_scale_mV,
      py::arg("current_scale_pA") = defaults.current_scale_pA,
      "A whole-cell recording as `neurodyn recording` reads it: ABF2, NWB 2, Allen Cell Types NWB 1 or a text "
      "table, recognised from its content. Returns {path, format, facts: {key: text}, sweeps: [{number, name, "
      "start_time_ms, time_ms: array, channels: [{name, unit, samples: array}] (voltage first, in mV), command: "
      "{name, unit, samples} in pA or None, command_source, holding_pA, epochs: [{name, type, start_ms, end_ms, "
      "level_pA, end_level_pA}]}]}. Times in ms, voltages in mV, currents in pA. Text tables only: the columns "
      "(from 0; the voltage's default is the header's v... column, else the last; a current column is read as "
      "the command) and the scales (ms, mV, pA per unit of the file: time_scale_ms=1000 for seconds).");
}

}  // namespace neurodyn::python
