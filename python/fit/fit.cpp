// fit(): `neurodyn fit` in process through the fit layer (include/neurodyn/fit/*.hpp): a model fitted to a
// recording's training sweeps and scored on its held-out sweeps, returned as plain dicts and arrays. Progress goes
// to an optional Python callback; an exception it raises asks the optimizer to stop (the fit layer's stop flag,
// since the optimizers' C code cannot carry an exception) and is raised again when the fit has stopped.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "interrupts.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/fit/evaluator.hpp"
#include "neurodyn/fit/fit_output.hpp"
#include "neurodyn/fit/fit_plan.hpp"
#include "neurodyn/fit/optimizers.hpp"
#include "neurodyn/io/fit_config.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

// The config file, or config text whose relative recording path starts in the working directory.
struct FitSource {
  std::optional<std::filesystem::path> config;
  std::optional<std::string> text;
};

// The settings of the config with the arguments that override it, as `neurodyn fit`'s flags do.
FitSettings fit_settings(const FitSource& source, const FitOverrides& overrides) {
  if (source.config.has_value() == source.text.has_value()) {
    throw InputError("give a fit config file or config text (text=)");
  }
  return with_overrides(
      source.config ? read_fit_settings(*source.config) : parse_fit_settings(*source.text, "fit config text", "."),
      overrides);
}

py::dict scores_dict(const FitPlan& plan, const std::vector<TargetScores>& scores) {
  py::dict result;
  for (const ObjectiveKind kind : {ObjectiveKind::features, ObjectiveKind::gamma, ObjectiveKind::trace_mse,
                                   ObjectiveKind::spike_times, ObjectiveKind::minmax_mse}) {
    result[py::str(std::string(to_string(kind)))] = mean_score(scores, kind);
  }
  result["gamma_coincidence"] = mean_gamma(scores);
  result["sweeps"] = scores.size();
  result["objective"] = std::string(to_string(plan.objective.kind));
  return result;
}

py::dict report_dict(const FitPlan& plan, const FitReport& report) {
  py::dict fitted, free;
  for (const FreeParameter& parameter : plan.free) {
    fitted[py::str(parameter.name)] = report.fitted.at(parameter.name);
    free[py::str(parameter.name)] = py::make_tuple(parameter.min, parameter.max, parameter.unit);
  }
  std::vector<double> history(report.run.history.size());
  for (std::size_t k = 0; k < history.size(); ++k) history[k] = report.run.history[k].score;
  py::dict result;
  result["fitted"] = fitted;
  result["free"] = free;
  result["parameters"] = report.fitted;
  result["held_out"] = scores_dict(plan, report.held_out);
  result["training"] = scores_dict(plan, report.training);
  result["optimizer"] = plan.optimizer.name;
  result["end"] = std::string(to_string(report.run.end));
  result["end_reason"] = report.run.end_reason;
  result["evaluations"] = report.run.history.size();
  result["best_evaluation"] = report.run.best_index;
  result["history_score"] = py::array_t<double>(static_cast<py::ssize_t>(history.size()), history.data());
  result["pareto_front"] = report.pareto.size();
  result["wall_s"] = report.run.wall_s;
  result["rhs_evaluations"] = report.run.rhs_evaluations;
  result["config"] = fitted_run_config(plan, plan.held_out.front(), report.fitted);
  return result;
}

py::dict fit(const FitSource& source, const FitOverrides& overrides, const std::optional<py::function>& progress) {
  std::atomic<bool> stop{false};
  std::optional<py::error_already_set> raised;
  FitPlan plan;
  FitReport report;
  {
    py::gil_scoped_release unlocked;
    plan = plan_fit(fit_settings(source, overrides));
    const FitEvaluator evaluator(plan);
    FitControl control;
    control.stop = &stop;
    control.progress = [&](const FitProgress& p) {
      py::gil_scoped_acquire locked;
      if (raised) return;
      try {
        raise_pending_interrupt();
        if (progress) (*progress)(p.evaluations, p.budget, p.best_score);
      } catch (py::error_already_set& error) {
        raised = std::move(error);
        stop.store(true);
      }
    };
    report = report_fit(evaluator, run_fit(evaluator, control));
  }
  if (raised) throw std::move(*raised);
  return report_dict(plan, report);
}

}  // namespace

void add_fit(py::module_& module) {
  module.def(
      "fit",
      [](std::optional<std::filesystem::path> config, std::optional<std::string> text,
         std::optional<std::filesystem::path> recording, std::optional<std::string> optimizer,
         std::optional<long long> evaluations, std::optional<long long> seed, std::optional<long long> threads,
         std::optional<std::vector<std::string>> objective, std::optional<py::function> progress) {
        return fit({std::move(config), std::move(text)},
                   {std::move(recording), std::move(optimizer), evaluations, seed, threads, std::move(objective)},
                   progress);
      },
      py::arg("config") = py::none(), py::kw_only(), py::arg("text") = py::none(), py::arg("recording") = py::none(),
      py::arg("optimizer") = py::none(), py::arg("evaluations") = py::none(), py::arg("seed") = py::none(),
      py::arg("threads") = py::none(), py::arg("objective") = py::none(), py::arg("progress") = py::none(),
      "`neurodyn fit` in process: the fit a TOML config file (or text=, whose relative recording path starts in "
      "the working directory) describes, with recording, optimizer, evaluations, seed, threads and objective (a "
      "list of kinds; several for a Pareto front) replacing the config's. Returns {fitted: {free parameter: value}, "
      "free: {name: (min, max, unit)}, parameters (every parameter of the model), training and held_out: {features, "
      "gamma, trace_mse, spike_times (ms^2), minmax_mse, gamma_coincidence, sweeps, objective}: mean scores, "
      "optimizer, end, end_reason, evaluations, best_evaluation, history_score (array), pareto_front, wall_s, "
      "rhs_evaluations, config (the fitted model as simulate's TOML, fit.toml)}. progress(evaluations, budget, "
      "best_score) is called after each evaluation; an exception it raises stops the fit after the evaluations "
      "running and is raised again.");
}

}  // namespace neurodyn::python
