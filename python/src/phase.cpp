// phase_plane(): the analysis of `neurodyn phase` (io/phase_run.hpp) as the dict of its fixed_points.json, and
// on request the nullclines of the plane (analysis/nullclines.hpp) over a range of v as arrays.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "json_to_python.hpp"
#include "neurodyn/analysis/nullclines.hpp"
#include "neurodyn/analysis/planar_reduction.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/phase_run.hpp"
#include "simulate_arguments.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

py::array_t<double> array(const std::vector<double>& values) {
  return py::array_t<double>(static_cast<py::ssize_t>(values.size()), values.data());
}

// The nullclines of the plane the analysis was made in: the model's own, or its reduction's.
py::dict nullcline_arrays(const EffectiveRun& run, double current, std::pair<double, double> v_range,
                          std::size_t points) {
  const std::optional<PlanarReduction> reduction = planar_reduction(run.problem.model);
  if (!reduction) {
    throw InputError(
        fmt::format("v_range: model {} has no phase plane (not two state variables, no reduction)", run.model));
  }
  Nullclines curves;
  {
    py::gil_scoped_release unlocked;
    curves = nullclines(reduction->plane, current, v_range.first, v_range.second, points);
  }
  py::dict result;
  result["v"] = array(curves.v);
  result["first"] = array(curves.first);
  result["second"] = array(curves.second);
  return result;
}

py::dict phase_plane(const RunKeywords& keywords, py::handle stimulus, std::optional<double> current,
                     double reference_current, std::optional<std::pair<double, double>> v_range, std::size_t points) {
  SimulateArguments arguments = simulate_arguments(keywords, stimulus, py::dict());
  arguments.settings = with_phase_defaults(std::move(arguments.settings));
  EffectiveRun run;
  PhaseOfRun phase;
  {
    py::gil_scoped_release unlocked;
    run = resolve_run(arguments);
    phase = phase_of_run(run, current, reference_current);
  }
  py::dict result = to_python(fixed_points_json(phase));
  if (v_range) result["nullclines"] = nullcline_arrays(run, phase.analysis.current, *v_range, points);
  return result;
}

}  // namespace

void add_phase(py::module_& module) {
  module.def(
      "phase_plane",
      [](std::optional<std::string> preset, std::optional<std::string> model,
         std::optional<std::map<std::string, double>> params, py::handle stimulus, std::optional<double> v0,
         std::optional<double> u0, std::optional<double> t_end, std::optional<std::filesystem::path> config,
         std::optional<double> current, double reference_current, std::optional<std::pair<double, double>> v_range,
         std::size_t points) {
        const RunKeywords keywords =
            problem_keywords(std::move(preset), std::move(model), std::move(params), v0, u0, t_end, std::move(config));
        return phase_plane(keywords, stimulus, current, reference_current, v_range, points);
      },
      py::kw_only(), py::arg("preset") = py::none(), py::arg("model") = py::none(), py::arg("params") = py::none(),
      py::arg("stimulus") = py::none(), py::arg("v0") = py::none(), py::arg("u0") = py::none(),
      py::arg("t_end") = py::none(), py::arg("config") = py::none(), py::arg("current") = py::none(),
      py::arg("reference_current") = 0.0, py::arg("v_range") = py::none(), py::arg("points") = 400,
      "The analysis of `neurodyn phase` (preset izh2003-RS unless a preset or model is given): the fixed points at "
      "`current` (model units; default the stimulus at t_end) with their types and eigenvalues (1/ms), where the "
      "rest followed from reference_current is lost and by which bifurcation, and the same in the plane of the "
      "model's reduction (hh) under 'plane'. Returns the dict of fixed_points.json (without its program line); "
      "with v_range=(low, high) (mV) also 'nullclines': {v, first (v' = 0), second (the second variable's "
      "derivative = 0)}, arrays of `points` samples of the plane's second variable, NaN where there is none.");
}

}  // namespace neurodyn::python
