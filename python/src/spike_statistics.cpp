// spike_statistics(): the statistics and firing pattern `neurodyn stats` prints, of any spike train in any
// window, as the dict Result.spike_statistics gives for a run (serve's spike_train_json, shared).
#include <pybind11/numpy.h>

#include "bindings.hpp"
#include "json_to_python.hpp"
#include "neurodyn/analysis/bursts.hpp"
#include "run_json.hpp"

namespace neurodyn::python {

namespace py = pybind11;

void add_spike_statistics(py::module_& module) {
  module.def(
      "spike_statistics",
      [](const py::array_t<double, py::array::c_style | py::array::forcecast>& spike_times, double start, double end,
         double burst_ratio) {
        if (spike_times.ndim() != 1) throw py::value_error("spike_times must be a 1-D array of times (ms)");
        const std::span<const double> spikes(spike_times.data(), static_cast<std::size_t>(spike_times.size()));
        return to_python(serve_detail::spike_train_json(spikes, SpikeTrainWindow(start, end), burst_ratio));
      },
      py::arg("spike_times"), py::arg("start"), py::arg("end"), py::kw_only(),
      py::arg("burst_ratio") = BurstRule{}.min_gap_ratio,
      "Statistics of the spikes (ms, strictly increasing) within [start, end] (ms), as `neurodyn stats --window "
      "START:END` prints them: a dict of window_ms, spike_count, rate_hz (Hz), mean_isi_ms, isi_cv, "
      "first_spike_latency_ms (from start), adaptation_index, burst_count, mean_spikes_per_burst, firing_pattern, "
      "firing_pattern_reason; None where undefined. burst_ratio: how much longer an interval between bursts is "
      "than one within (> 1; --burst-ratio).");
}

}  // namespace neurodyn::python
