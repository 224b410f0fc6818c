// The class Result of simulate(): arrays as views, the rest (statistics, firing pattern, config) computed when
// asked, so a call that reads only spikes pays for nothing else.
#include "simulation_result.hpp"

#include <fmt/format.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "array_view.hpp"
#include "json_to_python.hpp"
#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"
#include "run_json.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

const SimulationResult& result_of(py::handle self) { return self.cast<const SimulationResult&>(); }

// State variable `variable` at every recorded time: a strided view on the row-major states.
py::array_t<double> state_column(py::handle self, std::size_t variable) {
  const Solution& solution = result_of(self).solution;
  return read_only_view(solution.states.data() + variable, solution.sample_count(), solution.dimension, self);
}

py::dict state_views(py::handle self) {
  const SimulationResult& result = result_of(self);
  py::dict state;
  const auto& variables = model_info(result.run.model).state_variables;
  for (std::size_t k = 0; k < variables.size(); ++k) state[py::str(variables[k].name)] = state_column(self, k);
  return state;
}

std::string firing_pattern(const SimulationResult& result) {
  const Problem& problem = result.run.problem;
  const auto window = stimulus_window(problem.stimulus, problem.t_start, problem.t_end);
  return std::string(to_string(classify_firing_pattern(result.solution.spike_times, window).pattern));
}

std::string representation(const SimulationResult& result) {
  return fmt::format("<neurodyn.Result model={} method={} status={} samples={} spikes={}>", result.run.model,
                     result.run.method.name, to_string(result.solution.status), result.solution.sample_count(),
                     result.solution.spike_times.size());
}

}  // namespace

void add_result_class(py::module_& module) {
  py::class_<SimulationResult, std::shared_ptr<SimulationResult>>(
      module, "Result",
      "One run of simulate(). Arrays are read-only float64 views on the run's memory (no copies), each of shape "
      "(samples,) (spikes: (spike count,)); they keep the Result alive.")
      .def_property_readonly(
          "t",
          [](py::object self) {
            const Solution& solution = result_of(self).solution;
            return read_only_view(solution.times.data(), solution.sample_count(), 1, self);
          },
          "Recorded times (ms), shape (samples,).")
      .def_property_readonly(
          "v", [](py::object self) { return state_column(self, 0); },
          "The membrane potential (first state variable, in its unit: mV, or none for FitzHugh-Nagumo) at t.")
      .def_property_readonly("state", &state_views,
                             "Every state variable at t by name ({'v': ..., 'u': ...}), units as in models().")
      .def_property_readonly(
          "spikes",
          [](py::object self) {
            const Solution& solution = result_of(self).solution;
            return read_only_view(solution.spike_times.data(), solution.spike_times.size(), 1, self);
          },
          "Spike times (ms), as the command line writes them to spikes.csv.")
      .def_property_readonly(
          "variables",
          [](const SimulationResult& result) {
            py::list names;
            for (const auto& variable : model_info(result.run.model).state_variables) names.append(variable.name);
            return names;
          },
          "The names of the state variables, in the model's order.")
      .def_property_readonly(
          "status", [](const SimulationResult& result) { return std::string(to_string(result.solution.status)); },
          "'ok', or what stopped the run: 'unstable', 'max-steps', 'step-too-small', 'newton-failure', "
          "'series-divergence', 'runaway-burst'.")
      .def_property_readonly(
          "ok", [](const SimulationResult& result) { return result.solution.ok(); }, "Whether status is 'ok'.")
      .def_property_readonly(
          "message", [](const SimulationResult& result) { return result.solution.message; },
          "Empty when ok; otherwise what happened, when and in which state.")
      .def_property_readonly(
          "stats",
          [](const SimulationResult& result) {
            return to_python(serve_detail::solver_json(result.solution.statistics));
          },
          "Solver statistics: {steps, rejected_steps, rhs_evaluations, jacobian_evaluations, newton_iterations, "
          "newton_failures}.")
      .def_property_readonly(
          "spike_statistics",
          [](const SimulationResult& result) {
            return to_python(serve_detail::statistics_json(result.solution, result.run.problem));
          },
          "Spike statistics from the stimulus onset: {window_ms, spike_count, rate_hz, mean_isi_ms, isi_cv, "
          "first_spike_latency_ms, adaptation_index, burst_count, mean_spikes_per_burst, firing_pattern, "
          "firing_pattern_reason} (None where undefined).")
      .def_property_readonly("firing_pattern", &firing_pattern,
                             "The firing pattern of the response, as `neurodyn simulate` prints it.")
      .def_property_readonly(
          "config", [](const SimulationResult& result) { return to_toml(result.run); },
          "The effective run as TOML: the text `neurodyn simulate` writes as config.toml (--config repeats it). "
          "An array stimulus is named file:(array): write it to a file and name that to repeat the run.")
      .def("__repr__", [](const SimulationResult& result) { return representation(result); });
}

}  // namespace neurodyn::python
