#include "simulate_arguments.hpp"

#include <fmt/format.h>
#include <pybind11/numpy.h>

#include <string>
#include <utility>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/method_options.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

// A Python value as a method option's value: bool, int, str, or anything that converts to a float.
OptionValue option_value(const std::string& name, py::handle value) {
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>();
  if (py::isinstance<py::int_>(value)) return value.cast<long long>();
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  try {
    return value.cast<double>();
  } catch (const py::cast_error&) {
    throw InputError(fmt::format("{} = {} is not allowed; allowed: a number, True/False or a str", name,
                                 py::repr(value).cast<std::string>()));
  }
}

// One column of a table stimulus: a 1-D array of floats, copied.
std::vector<double> table_column(py::handle column, const char* name) {
  const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(column);
  if (!array || array.ndim() != 1) {
    throw InputError(fmt::format("stimulus = (t_ms, I): {} is not a 1-D array of numbers", name));
  }
  return std::vector<double>(array.data(), array.data() + array.size());
}

// stimulus=(t_ms, I): the rows of a table read from a file (time_unit=ms), checked by the Stimulus it goes into.
CurrentTable stimulus_table(py::handle stimulus) {
  const auto pair = py::reinterpret_borrow<py::sequence>(stimulus);
  if (pair.size() != 2) {
    throw InputError("stimulus is not allowed; allowed: a spec (str) or a pair (t_ms, I) of 1-D arrays");
  }
  return CurrentTable{.path = "(array)",
                      .time_column = 0,
                      .current_column = 1,
                      .time_scale = 1.0,
                      .times = table_column(pair[0], "t_ms"),
                      .currents = table_column(pair[1], "I")};
}

RunSettings keyword_settings(const RunKeywords& keywords) {
  RunSettings settings;
  settings.preset = keywords.preset;
  settings.model = keywords.model;
  if (keywords.params) settings.parameters.insert(keywords.params->begin(), keywords.params->end());
  settings.v0 = keywords.v0;
  settings.u0 = keywords.u0;
  settings.t_end = keywords.t_end;
  settings.method = keywords.method;
  settings.output_step = keywords.output_step;
  settings.events_file = keywords.events;
  settings.event_decay = keywords.event_decay;
  return settings;
}

}  // namespace

RunKeywords problem_keywords(std::optional<std::string> preset, std::optional<std::string> model,
                             std::optional<std::map<std::string, double>> params, std::optional<double> v0,
                             std::optional<double> u0, std::optional<double> t_end,
                             std::optional<std::filesystem::path> config) {
  RunKeywords keywords;
  keywords.config = std::move(config);
  keywords.preset = std::move(preset);
  keywords.model = std::move(model);
  keywords.params = std::move(params);
  keywords.v0 = v0;
  keywords.u0 = u0;
  keywords.t_end = t_end;
  return keywords;
}

SimulateArguments simulate_arguments(const RunKeywords& keywords, py::handle stimulus,
                                     const py::kwargs& method_options) {
  SimulateArguments arguments;
  RunSettings given = keyword_settings(keywords);
  if (py::isinstance<py::str>(stimulus)) {
    given.stimulus = stimulus.cast<std::string>();
  } else if (!stimulus.is_none()) {
    arguments.stimulus_table = stimulus_table(stimulus);
    given.stimulus = "none";
  }
  for (const auto& [key, value] : method_options) {
    const auto name = key.cast<std::string>();
    given.method_options[name] = option_value(name, value);  // checked by resolve()
  }
  arguments.settings = overlay(keywords.config ? read_run_settings(*keywords.config) : RunSettings{}, given);
  if (keywords.record_every) arguments.record_every = *keywords.record_every;
  if (keywords.record && *keywords.record != "trace") {
    if (*keywords.record != "spikes") {
      throw InputError(fmt::format("record = '{}' is not allowed; allowed: trace, spikes", *keywords.record));
    }
    arguments.spikes_only = true;
  }
  return arguments;
}

EffectiveRun resolve_run(const SimulateArguments& arguments) {
  EffectiveRun run = resolve(arguments.settings);
  if (arguments.stimulus_table) {
    run.problem.stimulus = Stimulus({*arguments.stimulus_table});
    run.stimulus = run.problem.stimulus.spec();
  }
  return run;
}

}  // namespace neurodyn::python
