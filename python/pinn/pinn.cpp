// pinn(): `neurodyn pinn` in process through the PINN layer's run_pinn (include/neurodyn/pinn/pinn_run.hpp): the
// problem resolved as simulate() resolves it, the [pinn] settings as the command's flags give them, trained with the
// GIL released; the outcome as arrays and dicts. An exception raised by the progress callback stops the training and
// reaches the caller.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interrupts.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/pinn/pinn_run.hpp"
#include "neurodyn/pinn/pinn_settings.hpp"
#include "simulate_arguments.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

py::array_t<double> array_of(const std::vector<double>& values) {
  return py::array_t<double>(static_cast<py::ssize_t>(values.size()), values.data());
}

// Every state variable of `solution` by name.
py::dict state_dict(const Solution& solution, const ModelInfo& info) {
  py::dict state;
  for (std::size_t j = 0; j < solution.dimension; ++j) {
    std::vector<double> column(solution.sample_count());
    for (std::size_t i = 0; i < column.size(); ++i) column[i] = solution.state(i, j);
    state[py::str(info.state_variables[j].name)] = array_of(column);
  }
  return state;
}

py::list metrics_list(const std::vector<MetricsRow>& metrics) {
  py::list rows;
  for (const MetricsRow& row : metrics) {
    py::dict entry;
    entry["method"] = row.method;
    entry["spike_count"] = row.score.spike_count;
    entry["reference_spike_count"] = row.score.reference_spike_count;
    entry["max_spike_error_ms"] = row.score.max_spike_error_ms;
    entry["mean_spike_error_ms"] = row.score.mean_spike_error_ms;
    entry["max_v_error"] = row.score.max_v_error;
    entry["max_u_error"] = row.score.max_u_error;
    entry["scored_points"] = row.score.scored_points;
    entry["training_s"] = row.training_seconds;
    entry["trained_parameters"] = row.trained_parameters;
    entry["note"] = row.note;
    rows.append(entry);
  }
  return rows;
}

py::dict training_dict(const TrainingTable& table) {
  py::dict columns;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    std::vector<double> values;
    for (const auto& row : table.rows) values.push_back(row[c]);
    columns[py::str(table.columns[c])] = array_of(values);
  }
  return columns;
}

py::dict parameters_dict(const PinnOutcome& outcome) {
  py::dict parameters;
  for (const IdentifiedParameter& p : outcome.parameters) {
    const auto truth = outcome.parameter_truth.find(p.name);
    py::dict entry;
    entry["value"] = p.value;
    entry["standard_error"] = p.standard_error;
    entry["start"] = p.start;
    entry["truth"] = truth == outcome.parameter_truth.end() ? py::none() : py::cast(truth->second);
    parameters[py::str(p.name)] = entry;
  }
  return parameters;
}

py::dict outcome_dict(const PinnOutcome& outcome, const ModelInfo& info) {
  py::dict result;
  result["mode"] = outcome.mode;
  result["ok"] = outcome.ok();
  result["status"] = std::string(to_string(outcome.status));
  result["message"] = outcome.message;
  result["t"] = array_of(outcome.trace.times);
  const py::dict state = state_dict(outcome.trace, info);
  result["v"] = state[py::str(info.state_variables.front().name)];
  result["state"] = state;
  result["reference"] = state_dict(outcome.reference, info);
  result["spikes"] = array_of(outcome.trace.spike_times);
  result["reference_spikes"] = array_of(outcome.reference.spike_times);
  result["metrics"] = metrics_list(outcome.metrics);
  result["training"] = training_dict(outcome.training);
  result["parameters"] = parameters_dict(outcome);
  result["network"] = outcome.network_size;
  result["config"] = outcome.config_toml;
  return result;
}

// The [pinn] options given as keyword arguments, each a number (pinn_config checks the name, the mode and integers).
std::map<std::string, double, std::less<>> option_values(const py::kwargs& options) {
  std::map<std::string, double, std::less<>> values;
  for (const auto& [key, value] : options) {
    const auto name = key.cast<std::string>();
    const auto refused = [&] {
      return InputError(
          fmt::format("{} = {} is not allowed; allowed: a number", name, py::repr(value).cast<std::string>()));
    };
    if (py::isinstance<py::bool_>(value)) throw refused();  // not 1 or 0
    try {
      values[name] = value.cast<double>();
    } catch (const py::cast_error&) {
      throw refused();
    }
  }
  return values;
}

py::dict progress_dict(const PinnStep& step, bool event) {
  py::dict entry;
  entry["step"] = step.step;
  entry["total"] = step.total;
  entry["loss"] = step.loss;
  if (event) {
    entry["t_ms"] = step.reached_ms;
    entry["spikes"] = step.spikes;
  }
  return entry;
}

struct PinnArguments {
  RunKeywords problem;  // config stays empty: the file is read as a PINN config
  std::optional<std::filesystem::path> config;
  PinnOverrides pinn;
  std::optional<std::filesystem::path> checkpoint;
  bool resume = false;
};

py::dict pinn(PinnArguments arguments, py::handle stimulus, const std::optional<py::function>& progress) {
  PinnSettings settings = arguments.config ? read_pinn_settings(*arguments.config) : PinnSettings{};
  SimulateArguments problem = simulate_arguments(arguments.problem, stimulus, py::kwargs());
  problem.settings = overlay(settings.run, problem.settings);
  PinnOutcome outcome;
  const ModelInfo* info = nullptr;
  {
    py::gil_scoped_release unlocked;
    const EffectiveRun run = resolve_run(problem);
    const PinnConfig config = pinn_config(with_overrides(std::move(settings), arguments.pinn));
    TrainingCheckpoint checkpoint;
    if (arguments.checkpoint) checkpoint.path = std::filesystem::absolute(*arguments.checkpoint);
    checkpoint.resume = arguments.resume;
    const PinnProgress step = [&progress, event = config.mode == "event"](const PinnStep& s) {
      py::gil_scoped_acquire locked;
      raise_pending_interrupt();
      if (progress) (*progress)(progress_dict(s, event));
    };
    outcome = run_pinn(run, config, step, checkpoint);
    if (outcome.ok() && !checkpoint.path.empty()) std::filesystem::remove(checkpoint.path);
    info = &model_info(run.model);
  }
  return outcome_dict(outcome, *info);
}

}  // namespace

void add_pinn(py::module_& module) {
  module.def(
      "pinn",
      [](std::optional<std::string> mode, std::optional<std::string> preset, std::optional<std::string> model,
         std::optional<std::map<std::string, double>> params, py::handle stimulus, std::optional<double> v0,
         std::optional<double> u0, std::optional<double> t_end, std::optional<std::filesystem::path> events,
         std::optional<double> event_decay, std::optional<std::filesystem::path> config,
         std::optional<std::string> guide, std::optional<std::string> identify, std::optional<std::string> start,
         std::optional<std::filesystem::path> trace, std::optional<std::filesystem::path> checkpoint, bool resume,
         std::optional<py::function> progress, const py::kwargs& options) {
        PinnArguments arguments;
        arguments.problem = problem_keywords(std::move(preset), std::move(model), std::move(params), v0, u0, t_end);
        arguments.problem.events = std::move(events);
        arguments.problem.event_decay = event_decay;
        arguments.config = std::move(config);
        arguments.pinn.mode = std::move(mode);
        arguments.pinn.guide = std::move(guide);
        arguments.pinn.identify = std::move(identify);
        arguments.pinn.start = std::move(start);
        arguments.pinn.trace = std::move(trace);
        arguments.pinn.options = option_values(options);
        arguments.checkpoint = std::move(checkpoint);
        arguments.resume = resume;
        return pinn(std::move(arguments), stimulus, progress);
      },
      py::arg("mode") = py::none(), py::kw_only(), py::arg("preset") = py::none(), py::arg("model") = py::none(),
      py::arg("params") = py::none(), py::arg("stimulus") = py::none(), py::arg("v0") = py::none(),
      py::arg("u0") = py::none(), py::arg("t_end") = py::none(), py::arg("events") = py::none(),
      py::arg("event_decay") = py::none(), py::arg("config") = py::none(), py::arg("guide") = py::none(),
      py::arg("identify") = py::none(), py::arg("start") = py::none(), py::arg("trace") = py::none(),
      py::arg("checkpoint") = py::none(), py::arg("resume") = false, py::arg("progress") = py::none(),
      "`neurodyn pinn` in process: a physics-informed neural network trained on one neuron's problem (mode 'event', "
      "'pure' or 'guided'), or the constants `identify` names identified from a voltage (mode 'inverse'), scored "
      "against the converged reference on times it never trained on. The problem as simulate() takes it; guide, "
      "identify, start, trace and every [pinn] option (epochs=, hidden_width=, window_ms=, seed=, ...: the flags of "
      "`neurodyn pinn --help` with '_' for '-') as keyword arguments, over those of a config file (config=). "
      "Returns {mode, ok, status, message, t, v, state: {variable: array}, reference: {variable: array}, spikes, "
      "reference_spikes, metrics: [{method, spike_count, ...}], training: {column: array}, parameters (inverse: "
      "{name: {value, standard_error, start, truth}}), network, config}. progress({step, total, loss[, t_ms, "
      "spikes]}) is called after each window, epoch or iteration; an exception it raises stops the training and is "
      "raised again.");
}

}  // namespace neurodyn::python
