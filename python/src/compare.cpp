// compare(): the solver comparison of `neurodyn compare` (analysis/solver_comparison.hpp) on a problem resolved as
// simulate() resolves one, its runs as columns (the rows of compare.csv), its summaries and verdict; progress
// through an optional Python callback after each method.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "interrupts.hpp"
#include "neurodyn/analysis/solver_comparison.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "simulate_arguments.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

py::dict summary_dict(const MethodSummary& summary) {
  py::dict result;
  result["method"] = summary.method;
  result["adaptive"] = summary.adaptive;
  result["largest_reliable_step_ms"] = summary.largest_reliable_step_ms;
  result["fitted_order"] = summary.fitted_order;
  result["not_applicable"] = summary.not_applicable;
  return result;
}

// One array (or list, for text and flags) per column of compare.csv; NaN where a value was not measured.
py::dict run_columns(const std::vector<ComparisonRun>& runs) {
  const auto column = [&runs](auto field) {
    py::array_t<double> values(static_cast<py::ssize_t>(runs.size()));
    std::ranges::transform(runs, values.mutable_data(),
                           [&](const ComparisonRun& run) { return static_cast<double>(field(run)); });
    return values;
  };
  py::list method, status, message, adaptive, right;
  for (const ComparisonRun& run : runs) {
    method.append(run.method);
    status.append(std::string(to_string(run.status)));
    message.append(run.message);
    adaptive.append(run.adaptive);
    right.append(run.spike_count_right);
  }
  py::dict columns;
  columns["method"] = method;
  columns["adaptive"] = adaptive;
  columns["setting"] = column([](const ComparisonRun& r) { return r.setting; });
  columns["status"] = status;
  columns["message"] = message;
  columns["spike_count"] = column([](const ComparisonRun& r) { return r.spike_count; });
  columns["spike_count_right"] = right;
  columns["max_spike_error_ms"] = column([](const ComparisonRun& r) { return r.max_spike_error_ms; });
  columns["mean_spike_error_ms"] = column([](const ComparisonRun& r) { return r.mean_spike_error_ms; });
  columns["max_voltage_error_mV"] = column([](const ComparisonRun& r) { return r.max_voltage_error_mV; });
  columns["steps"] = column([](const ComparisonRun& r) { return r.statistics.steps; });
  columns["rejected_steps"] = column([](const ComparisonRun& r) { return r.statistics.rejected_steps; });
  columns["rhs_evaluations"] = column([](const ComparisonRun& r) { return r.statistics.rhs_evaluations; });
  columns["jacobian_evaluations"] = column([](const ComparisonRun& r) { return r.statistics.jacobian_evaluations; });
  columns["wall_ms"] = column([](const ComparisonRun& r) { return r.wall_ms; });
  return columns;
}

py::dict report_dict(const ComparisonReport& report) {
  py::dict reference;
  reference["method"] = report.reference_method;
  reference["tolerance"] = report.reference_tolerance;
  reference["spike_times"] = py::array_t<double>(static_cast<py::ssize_t>(report.reference_spike_times.size()),
                                                 report.reference_spike_times.data());
  reference["wall_ms"] = report.reference_wall_ms;
  reference["cross_check_method"] = report.cross_check_method;
  reference["cross_check_setting"] = report.cross_check_setting;
  reference["cross_check_status"] = std::string(to_string(report.cross_check_status));
  reference["cross_check_message"] = report.cross_check_message;
  reference["cross_check_spike_count"] = report.cross_check_spike_count;
  reference["agreement_ms"] = report.reference_agreement_ms;
  reference["agree"] = report.references_agree();
  py::list summaries;
  for (const MethodSummary& summary : report.summaries) summaries.append(summary_dict(summary));
  py::dict result;
  result["reference"] = reference;
  result["runs"] = run_columns(report.runs);
  result["summaries"] = summaries;
  result["verdict"] = comparison_verdict(report);
  return result;
}

struct LadderChoices {
  std::optional<std::vector<std::string>> methods;
  std::optional<std::vector<double>> steps, tolerances;
  int repeats = ComparisonOptions{}.repeats;
  std::optional<py::function> progress;
};

py::dict compare(const RunKeywords& keywords, py::handle stimulus, const LadderChoices& choices) {
  SimulateArguments arguments = simulate_arguments(keywords, stimulus, py::dict());
  arguments.settings = with_comparison_defaults(std::move(arguments.settings));
  ComparisonOptions options;
  options.methods = choices.methods.value_or(default_comparison_methods());
  if (choices.steps) options.steps = *choices.steps;
  if (choices.tolerances) options.tolerances = *choices.tolerances;
  options.repeats = choices.repeats;
  // Runs with the GIL released: take it after each method for a pending Ctrl-C and the callback. An exception of
  // either leaves compare_solvers (nothing else is running) and reaches the caller.
  options.on_method_done = [&progress = choices.progress](const MethodSummary& summary,
                                                          std::span<const ComparisonRun>) {
    py::gil_scoped_acquire locked;
    raise_pending_interrupt();
    if (progress) (*progress)(summary_dict(summary));
  };
  ComparisonReport report;
  {
    py::gil_scoped_release unlocked;
    report = compare_solvers(resolve_run(arguments).problem, options);  // ReferenceFailed: RuntimeError
  }
  return report_dict(report);
}

}  // namespace

void add_compare(py::module_& module) {
  module.def(
      "compare",
      [](std::optional<std::string> preset, std::optional<std::string> model,
         std::optional<std::map<std::string, double>> params, py::handle stimulus, std::optional<double> v0,
         std::optional<double> u0, std::optional<double> t_end, std::optional<std::filesystem::path> config,
         std::optional<std::vector<std::string>> methods, std::optional<std::vector<double>> steps,
         std::optional<std::vector<double>> tolerances, int repeats, std::optional<py::function> progress) {
        const RunKeywords keywords =
            problem_keywords(std::move(preset), std::move(model), std::move(params), v0, u0, t_end, std::move(config));
        return compare(keywords, stimulus,
                       {std::move(methods), std::move(steps), std::move(tolerances), repeats, std::move(progress)});
      },
      py::kw_only(), py::arg("preset") = py::none(), py::arg("model") = py::none(), py::arg("params") = py::none(),
      py::arg("stimulus") = py::none(), py::arg("v0") = py::none(), py::arg("u0") = py::none(),
      py::arg("t_end") = py::none(), py::arg("config") = py::none(), py::arg("methods") = py::none(),
      py::arg("steps") = py::none(), py::arg("tolerances") = py::none(),
      py::arg("repeats") = ComparisonOptions{}.repeats, py::arg("progress") = py::none(),
      "The solver comparison of `neurodyn compare` (preset izh2007-RS unless a preset or model is given): every "
      "method over a ladder of steps (ms; fixed-step methods) or tolerances (rtol = atol; adaptive ones) against a "
      "CVODE reference cross-checked by a second method; wall times are the median of `repeats` runs. Returns "
      "{reference: {method, tolerance, spike_times (ms), wall_ms, cross_check_*, agreement_ms, agree}, runs: the "
      "columns of compare.csv (method, adaptive, setting, status, message, spike_count, spike_count_right, "
      "max_spike_error_ms, mean_spike_error_ms, max_voltage_error_mV (NaN where not measured), steps, "
      "rejected_steps, rhs_evaluations, jacobian_evaluations, wall_ms), summaries: [{method, adaptive, "
      "largest_reliable_step_ms, fitted_order, not_applicable}], verdict}. progress(summary) is called after each "
      "method; an exception it raises stops the comparison and propagates. RuntimeError when the reference run "
      "fails.");
}

}  // namespace neurodyn::python
