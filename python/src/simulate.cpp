// simulate(): one run, resolved as `neurodyn simulate` resolves its flags and config (io/run_config.hpp), so
// the same input gives the same run, the same errors and the same config.toml; solved with the GIL released.
#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <memory>
#include <utility>

#include "bindings.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/solve/solve.hpp"
#include "simulate_arguments.hpp"
#include "simulation_result.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

// The run the arguments describe; an array stimulus takes the place of the spec, as a table read from a file.
// What to keep: every record_every-th step (the trace checked against the memory budget, as the command line
// checks it), or only the spikes.
RecordOptions record_options(const SimulateArguments& arguments, const EffectiveRun& run) {
  RecordOptions record;
  if (arguments.spikes_only) {
    record.mode = RecordOptions::Mode::spikes_only;
    return record;
  }
  if (arguments.record_every < 1) {
    throw InputError(
        fmt::format("record_every = {} is out of range; allowed: an integer >= 1", arguments.record_every));
  }
  record.every = arguments.record_every;
  record.output_step = run.output_step;
  require_trace_within_memory_budget(run, arguments.record_every,
                                     "allowed: a larger record_every, a larger dt, a shorter t_end or record='spikes'");
  return record;
}

std::shared_ptr<SimulationResult> simulate(const RunKeywords& keywords, py::handle stimulus,
                                           const py::kwargs& method_options) {
  const SimulateArguments arguments = simulate_arguments(keywords, stimulus, method_options);
  py::gil_scoped_release unlocked;
  auto result = std::make_shared<SimulationResult>();
  result->run = resolve_run(arguments);
  result->solution = solve(result->run.problem, result->run.method, record_options(arguments, result->run));
  return result;
}

}  // namespace

void add_simulate(py::module_& module) {
  add_result_class(module);
  module.def(
      "simulate",
      [](std::optional<std::string> preset, std::optional<std::string> model,
         std::optional<std::map<std::string, double>> params, py::handle stimulus, std::optional<double> v0,
         std::optional<double> u0, std::optional<double> t_end, std::optional<std::string> method,
         std::optional<double> output_step, std::optional<long long> record_every, std::optional<std::string> record,
         std::optional<std::filesystem::path> events, std::optional<double> event_decay,
         std::optional<std::filesystem::path> config, const py::kwargs& method_options) {
        const RunKeywords keywords{.config = std::move(config),
                                   .preset = std::move(preset),
                                   .model = std::move(model),
                                   .method = std::move(method),
                                   .record = std::move(record),
                                   .params = std::move(params),
                                   .v0 = v0,
                                   .u0 = u0,
                                   .t_end = t_end,
                                   .output_step = output_step,
                                   .event_decay = event_decay,
                                   .events = std::move(events),
                                   .record_every = record_every};
        return simulate(keywords, stimulus, method_options);
      },
      py::kw_only(), py::arg("preset") = py::none(), py::arg("model") = py::none(), py::arg("params") = py::none(),
      py::arg("stimulus") = py::none(), py::arg("v0") = py::none(), py::arg("u0") = py::none(),
      py::arg("t_end") = py::none(), py::arg("method") = py::none(), py::arg("output_step") = py::none(),
      py::arg("record_every") = py::none(), py::arg("record") = py::none(), py::arg("events") = py::none(),
      py::arg("event_decay") = py::none(), py::arg("config") = py::none(),
      "One run, as `neurodyn simulate` with the flags of the same names (precedence: argument > config file > "
      "preset > model defaults). Method options (dt, rtol, atol, spikes, ...: methods()) are further keyword "
      "arguments. stimulus: a spec ('step:amp=70,start=100') or (t_ms, I) arrays, a table as file: reads it. "
      "Raises ValueError for invalid input (the library's message), OSError for an unreadable file; a numerical "
      "failure is the Result's status and message.");
}

}  // namespace neurodyn::python
