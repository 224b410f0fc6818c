// sweep(): a sweep of `neurodyn sweep` (io/sweep_config.hpp: a config file or TOML text) run in process, its runs
// as columns (the rows of runs.csv) and its spikes as arrays (spikes.csv); progress through an optional callback.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "checkpoint_arguments.hpp"
#include "interrupts.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/sweep_config.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

SweepSpec chosen_sweep(const std::optional<std::filesystem::path>& config, const std::optional<std::string>& text) {
  if (config.has_value() == text.has_value()) throw InputError("give a sweep config file or config text (text=)");
  return config ? read_sweep_config(*config) : parse_sweep_config(*text, "sweep config text");
}

py::dict run_columns(const SweepSpec& spec, const SweepResult& result) {
  const auto column = [&result](auto field) {
    py::array_t<double> values(static_cast<py::ssize_t>(result.rows.size()));
    std::ranges::transform(result.rows, values.mutable_data(),
                           [&](const SweepRow& row) { return static_cast<double>(field(row)); });
    return values;
  };
  py::dict columns;
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    columns[py::str(spec.axes[a].name)] = column([a](const SweepRow& row) { return row.values[a]; });
  }
  columns["spike_count"] = column([](const SweepRow& row) { return row.spike_count; });
  columns["window_spike_count"] = column([](const SweepRow& row) { return row.window_spike_count; });
  columns["steady_rate_hz"] = column([](const SweepRow& row) { return row.steady_rate_hz; });
  columns["first_spike_ms"] = column([](const SweepRow& row) { return row.first_spike_ms; });
  py::list pattern, ok, message;
  for (const SweepRow& row : result.rows) {
    pattern.append(std::string(to_string(row.pattern)));
    ok.append(row.ok);
    message.append(row.message);
  }
  columns["pattern"] = pattern;
  columns["ok"] = ok;
  columns["message"] = message;
  return columns;
}

// run (the row's index) and time_ms of every spike, by run, each run's in time order.
py::dict spike_columns(const SweepResult& result) {
  std::vector<std::int64_t> run;
  std::vector<double> time;
  for (std::size_t r = 0; r < result.rows.size(); ++r) {
    for (const double t : result.rows[r].spike_times_ms) {
      run.push_back(static_cast<std::int64_t>(r));
      time.push_back(t);
    }
  }
  py::dict spikes;
  spikes["run"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(run.size()), run.data());
  spikes["time_ms"] = py::array_t<double>(static_cast<py::ssize_t>(time.size()), time.data());
  return spikes;
}

py::dict sweep(const std::optional<std::filesystem::path>& config, const std::optional<std::string>& text,
               std::optional<unsigned> threads, const std::optional<std::filesystem::path>& checkpoint_path,
               bool resume, double checkpoint_interval_s, const std::optional<py::function>& progress) {
  const CheckpointChoice kept{checkpoint_path, resume, checkpoint_interval_s};
  SweepSpec spec;
  SweepResult result;
  {
    py::gil_scoped_release unlocked;
    spec = chosen_sweep(config, text);
    if (threads) spec.threads = *threads;
    require_within_memory_budget(sweep_bytes(spec), "the sweep's runs", "use fewer runs");
    const RunCheckpoint checkpoint = checkpoint_of(kept, sweep_checkpoint_identity(spec));
    const auto report = [&progress](const SweepProgress& p) {
      py::gil_scoped_acquire locked;
      raise_pending_interrupt();
      if (progress) (*progress)(p.runs_done, p.runs);
    };
    result = run_sweep(spec, report, checkpoint);
    remove_completed(checkpoint);
  }
  py::dict answer;
  answer["runs"] = run_columns(spec, result);
  answer["spikes"] = spike_columns(result);
  answer["seconds"] = result.seconds;
  answer["config"] = sweep_to_toml(spec);
  return answer;
}

}  // namespace

void add_sweep(py::module_& module) {
  module.def("sweep", &sweep, py::arg("config") = py::none(), py::kw_only(), py::arg("text") = py::none(),
             py::arg("threads") = py::none(), py::arg("checkpoint") = py::none(), py::arg("resume") = false,
             py::arg("checkpoint_interval_s") = 30.0, py::arg("progress") = py::none(),
             "A sweep of `neurodyn sweep` from a TOML config file or TOML text (text=): many single-neuron runs over "
             "a grid or a random sample of parameters and constant currents, stepped together in lanes. Returns "
             "{runs: one float64 array per axis (by its name: 'I' in model units, or a parameter) and spike_count, "
             "window_spike_count, steady_rate_hz (Hz), first_spike_ms (NaN without a spike), and pattern, ok, message "
             "(lists), as runs.csv; spikes: {run, time_ms}: arrays, as spikes.csv; seconds; config (the effective "
             "TOML)}. progress(runs_done, runs) is called every few hundred ms and at the end; an exception it "
             "raises stops the sweep and propagates. checkpoint: a file where the runs done are kept every "
             "checkpoint_interval_s (s) and which is removed when the sweep completes; resume=True continues from "
             "it.");
}

}  // namespace neurodyn::python
