// efel_features(): eFEL's features of a voltage trace (analysis/efel_features.hpp), the values `neurodyn
// recording features` writes, each as an array (None where eFEL gives None).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "neurodyn/analysis/efel_features.hpp"

namespace neurodyn::python {

namespace py = pybind11;

namespace {

using Samples = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::span<const double> samples(const Samples& array, const char* name) {
  if (array.ndim() != 1) throw py::value_error(std::string(name) + " must be a 1-D array");
  return {array.data(), static_cast<std::size_t>(array.size())};
}

py::dict efel_features_dict(const Samples& t_ms, const Samples& v_mV, const EfelStimulus& stimulus,
                            const std::vector<std::string>& names, const EfelSettings& settings) {
  const std::span<const double> t = samples(t_ms, "t_ms"), v = samples(v_mV, "v_mV");
  std::vector<std::pair<std::string, EfelValue>> values;
  {
    py::gil_scoped_release unlocked;  // the arrays stay alive: the caller holds them
    values = efel_features(t, v, stimulus, names, settings);
  }
  py::dict features;
  for (const auto& [name, value] : values) {
    features[py::str(name)] =
        value ? py::object(py::array_t<double>(static_cast<py::ssize_t>(value->size()), value->data()))
              : py::object(py::none());
  }
  return features;
}

}  // namespace

void add_efel(py::module_& module) {
  const EfelSettings defaults;
  module.def(
      "efel_features",
      [](const Samples& t_ms, const Samples& v_mV, double stim_start, double stim_end,
         std::optional<double> stimulus_current, const std::vector<std::string>& names, double threshold,
         double derivative_threshold, int derivative_window, double interp_step, double spike_skipf, int max_spike_skip,
         bool ignore_first_isi, double burst_factor, double voltage_base_start_perc, double voltage_base_end_perc,
         bool voltage_base_median, double precision_threshold, bool strict_stiminterval, double offset,
         double decay_start_after_stim, double decay_end_after_stim) {
        const EfelSettings settings{threshold,
                                    derivative_threshold,
                                    derivative_window,
                                    interp_step,
                                    spike_skipf,
                                    max_spike_skip,
                                    ignore_first_isi,
                                    burst_factor,
                                    voltage_base_start_perc,
                                    voltage_base_end_perc,
                                    voltage_base_median,
                                    precision_threshold,
                                    strict_stiminterval,
                                    offset,
                                    decay_start_after_stim,
                                    decay_end_after_stim};
        return efel_features_dict(t_ms, v_mV, EfelStimulus(stim_start, stim_end, stimulus_current), names, settings);
      },
      py::arg("t_ms"), py::arg("v_mV"), py::arg("stim_start"), py::arg("stim_end"), py::kw_only(),
      py::arg("stimulus_current") = py::none(), py::arg("names") = std::vector<std::string>{},
      py::arg("threshold") = defaults.threshold_mV,
      py::arg("derivative_threshold") = defaults.derivative_threshold_mV_per_ms,
      py::arg("derivative_window") = defaults.derivative_window, py::arg("interp_step") = defaults.interp_step_ms,
      py::arg("spike_skipf") = defaults.spike_skipf, py::arg("max_spike_skip") = defaults.max_spike_skip,
      py::arg("ignore_first_isi") = defaults.ignore_first_isi, py::arg("burst_factor") = defaults.burst_factor,
      py::arg("voltage_base_start_perc") = defaults.voltage_base_start_perc,
      py::arg("voltage_base_end_perc") = defaults.voltage_base_end_perc,
      py::arg("voltage_base_median") = defaults.voltage_base_median,
      py::arg("precision_threshold") = defaults.precision_threshold,
      py::arg("strict_stiminterval") = defaults.strict_stiminterval, py::arg("offset") = defaults.offset_ms,
      py::arg("decay_start_after_stim") = defaults.decay_start_after_stim_ms,
      py::arg("decay_end_after_stim") = defaults.decay_end_after_stim_ms,
      "eFEL's features (names and definitions of BlueBrain's eFEL 1b6c129) of the trace t_ms (ms, strictly "
      "increasing) and v_mV (mV) for a step stimulus from stim_start to stim_end (ms); stimulus_current (nA) for "
      "ohmic_input_resistance. names: the features to compute (default all, in eFEL's order). The settings are "
      "eFEL's of the same names (threshold mV, derivative_threshold mV/ms, interp_step ms, offset ms, "
      "decay_*_after_stim ms; voltage_base_median: voltage_base_mode 'median'). Returns {name: float64 array, or "
      "None where eFEL gives None}; indices and counts as floats, as eFEL gives them.");
}

}  // namespace neurodyn::python
