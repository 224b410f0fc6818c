// fi_curve(): the f-I curve of `neurodyn fi` (analysis/fi_curve.hpp, in lanes where it can), its run resolved
// as simulate() resolves one with the command line's defaults and protocol (io/fi_run.hpp), the points returned
// as arrays instead of fi.csv.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/fi_run.hpp"
#include "neurodyn/population/fi_in_lanes.hpp"
#include "simulate_arguments.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

// The points as columns: one array (or list, for the status) per field of FiPoint.
py::dict columns(const std::vector<FiPoint>& points, const FiProtocol& protocol) {
  const auto column = [&points](auto field) {
    py::array_t<double> values(static_cast<py::ssize_t>(points.size()));
    std::ranges::transform(points, values.mutable_data(),
                           [&](const FiPoint& point) { return static_cast<double>(field(point)); });
    return values;
  };
  py::list status, message;
  for (const FiPoint& point : points) {
    status.append(std::string(to_string(point.status)));
    message.append(point.message);
  }
  py::dict curve;
  curve["current"] = column([](const FiPoint& p) { return p.current; });
  curve["steady_rate_hz"] = column([](const FiPoint& p) { return p.steady_rate_hz; });
  curve["first_isi_rate_hz"] = column([](const FiPoint& p) { return p.first_isi_rate_hz; });
  curve["first_spike_ms"] = column([](const FiPoint& p) { return p.first_spike_ms; });
  curve["spike_count"] = column([](const FiPoint& p) { return p.spike_count; });
  curve["window_spike_count"] = column([](const FiPoint& p) { return p.window_spike_count; });
  curve["window_peak_count"] = column([](const FiPoint& p) { return p.window_peak_count; });
  curve["missed_oscillation"] = column([](const FiPoint& p) { return p.missed_oscillation; });
  curve["status"] = status;
  curve["message"] = message;
  curve["window_ms"] = py::make_tuple(protocol.window_start_ms, protocol.window_end_ms);
  curve["initial_state"] = protocol.initial_state;
  return curve;
}

py::dict fi_curve(const RunKeywords& keywords, std::vector<double> currents, const FiChoices& choices, unsigned threads,
                  const py::kwargs& method_options) {
  const RunSettings settings = with_fi_defaults(simulate_arguments(keywords, py::none(), method_options).settings);
  FiProtocol protocol;
  std::vector<FiPoint> points;
  {
    py::gil_scoped_release unlocked;
    protocol = fi_protocol(resolve(settings), choices);
    points = fi_curve_in_lanes(protocol, fi_currents(std::move(currents)), threads);
  }
  return columns(points, protocol);
}

}  // namespace

void add_fi(py::module_& module) {
  module.def(
      "fi_curve",
      [](std::vector<double> currents, std::optional<std::string> preset, std::optional<std::string> model,
         std::optional<std::map<std::string, double>> params, std::optional<double> v0, std::optional<double> u0,
         std::optional<double> t_end, std::optional<std::string> method, const std::string& start,
         std::optional<std::pair<double, double>> window, const std::string& detector, double prominence,
         unsigned threads, const py::kwargs& method_options) {
        RunKeywords keywords = problem_keywords(std::move(preset), std::move(model), std::move(params), v0, u0, t_end);
        keywords.method = std::move(method);
        const FiChoices choices{parse_fi_start(start), window, parse_spike_detector(detector), prominence};
        return fi_curve(keywords, std::move(currents), choices, threads, method_options);
      },
      py::arg("currents"), py::kw_only(), py::arg("preset") = py::none(), py::arg("model") = py::none(),
      py::arg("params") = py::none(), py::arg("v0") = py::none(), py::arg("u0") = py::none(),
      py::arg("t_end") = py::none(), py::arg("method") = py::none(), py::arg("start") = "rest",
      py::arg("window") = py::none(), py::arg("detector") = "events",
      py::arg("prominence") = FiChoices{}.peak_prominence, py::arg("threads") = 0u,
      "The f-I curve of `neurodyn fi` at the given currents (model units; sorted, duplicates dropped): each a run "
      "of t_end ms (default 1000) under a constant current, from the resting state at I = 0 (start='rest') or the "
      "run's initial state ('given'). Rates in Hz from the spikes in window (ms; default the second half). Returns "
      "a dict of arrays: current, steady_rate_hz, first_isi_rate_hz, first_spike_ms, spike_count, "
      "window_spike_count, window_peak_count, missed_oscillation, and status, message (lists), window_ms, "
      "initial_state. threads: 0 for all cores; the points do not depend on it.");
}

}  // namespace neurodyn::python
