// network(): a network of `neurodyn network` (io/network_config.hpp: a config file, TOML text or the preset) run in
// process, its spikes as arrays (the rows of spikes.csv) and each group's rates; progress through an optional
// Python callback.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "checkpoint_arguments.hpp"
#include "interrupts.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/network_config.hpp"
#include "neurodyn/population/network_activity.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

template <class T>
py::array_t<T> array(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

// time_ms, neuron (the global index) and group (the index into groups) of every spike, in time order.
py::dict spike_columns(const NetworkResult& result) {
  const std::vector<std::int64_t>& first = result.group_first;
  std::vector<std::int64_t> group(result.spikes.neuron.size());
  for (std::size_t s = 0; s < group.size(); ++s) {
    const auto after = std::upper_bound(first.begin(), first.end(), result.spikes.neuron[s]);
    group[s] = static_cast<std::int64_t>(after - first.begin()) - 1;
  }
  py::dict spikes;
  spikes["time_ms"] = array(result.spikes.time_ms);
  spikes["neuron"] = array(result.spikes.neuron);
  spikes["group"] = array(group);
  return spikes;
}

py::list group_list(const NetworkSpec& spec, const NetworkResult& result) {
  py::list groups;
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    const std::int64_t first = result.group_first[g], count = spec.groups[g].count;
    py::dict group;
    group["name"] = spec.groups[g].name;
    group["model"] = spec.groups[g].model;
    group["first"] = first;
    group["count"] = count;
    group["neuron_rates_hz"] = array(neuron_rates(result.spikes, first, count, spec.duration_ms));
    group["population_rate_hz"] = array(population_rate(result.spikes, first, count, spec.duration_ms, spec.bin_ms));
    groups.append(group);
  }
  return groups;
}

py::dict network(const NetworkChoices& choices, const CheckpointChoice& kept,
                 const std::optional<py::function>& progress) {
  NetworkSpec spec;
  NetworkResult result;
  {
    py::gil_scoped_release unlocked;
    spec = network_spec(choices);
    require_within_memory_budget(network_bytes(spec), "the network (neurons, synapses and delay buffers)",
                                 "use fewer neurons or sparser connections");
    const RunCheckpoint checkpoint = checkpoint_of(kept, network_checkpoint_identity(spec));
    const auto report = [&progress](const NetworkProgress& p) {
      py::gil_scoped_acquire locked;
      raise_pending_interrupt();
      if (progress) (*progress)(p.time_ms, p.duration_ms, p.spikes);
    };
    result = simulate_network(spec, report, checkpoint);
    remove_completed(checkpoint);
  }
  py::dict answer;
  answer["spikes"] = spike_columns(result);
  answer["groups"] = group_list(spec, result);
  answer["duration_ms"] = spec.duration_ms;
  answer["bin_ms"] = spec.bin_ms;
  answer["synapses"] = result.synapses;
  answer["ok"] = result.ok;
  answer["message"] = result.message;
  answer["simulation_seconds"] = result.simulation_seconds;
  answer["config"] = network_to_toml(spec);
  return answer;
}

}  // namespace

void add_network(py::module_& module) {
  module.def(
      "network",
      [](std::optional<std::filesystem::path> config, std::optional<std::string> text,
         std::optional<std::string> preset, std::optional<std::string> semantics, std::optional<std::uint64_t> seed,
         std::optional<double> duration, std::optional<unsigned> threads,
         std::optional<std::filesystem::path> checkpoint, bool resume, double checkpoint_interval_s,
         std::optional<py::function> progress) {
        const NetworkChoices choices{std::move(config), std::move(text), std::move(preset), std::move(semantics), seed,
                                     duration,          threads};
        return network(choices, {std::move(checkpoint), resume, checkpoint_interval_s}, progress);
      },
      py::arg("config") = py::none(), py::kw_only(), py::arg("text") = py::none(), py::arg("preset") = py::none(),
      py::arg("semantics") = py::none(), py::arg("seed") = py::none(), py::arg("duration") = py::none(),
      py::arg("threads") = py::none(), py::arg("checkpoint") = py::none(), py::arg("resume") = false,
      py::arg("checkpoint_interval_s") = 30.0, py::arg("progress") = py::none(),
      "A network of `neurodyn network`: from a TOML config file, TOML text (text=) or the preset izh2003-network "
      "(Izhikevich's net.m; the default), with its semantics ('converged' or 'published'), seed, duration (ms, a "
      "whole number of bins) and threads replaced when given. Returns {spikes: {time_ms, neuron (global index), "
      "group (index into groups)}: arrays in time order, as spikes.csv; groups: [{name, model, first, count, "
      "neuron_rates_hz (each neuron's spikes / duration), population_rate_hz (per bin of bin_ms, Hz per "
      "neuron)}], duration_ms, bin_ms, synapses, ok, message (the neuron that diverged, when not ok), "
      "simulation_seconds, config (the effective TOML)}. progress(time_ms, duration_ms, spikes) is called every "
      "few hundred ms of wall time and at the end; an exception it raises stops the run and propagates. "
      "checkpoint: a file where the run's state is kept every checkpoint_interval_s (s) and which is removed when "
      "it completes; resume=True continues from it.");
}

}  // namespace neurodyn::python
