// fi.csv and hysteresis.csv (include/neurodyn/io/fi_output.hpp).
#include <fmt/format.h>

#include <cmath>
#include <sstream>
#include <string>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/fi_output.hpp"
#include "neurodyn/io/unit_key.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

std::string state_text(const ModelInfo& model, const std::vector<double>& state) {
  std::string text;
  for (std::size_t i = 0; i < state.size(); ++i) {
    const auto& variable = model.state_variables[i];
    text += fmt::format("{}{} = {:.6g}{}{}", i ? ", " : "", variable.name, state[i], variable.unit.empty() ? "" : " ",
                        unit_symbol(variable.unit));
  }
  return text;
}

// Each line of `text` behind "# ".
void append_commented(fmt::memory_buffer& out, const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) append(out, "# {}\n", line);
}

void append_header(fmt::memory_buffer& out, const EffectiveRun& run, const FiResult& result, std::string_view units) {
  const FiProtocol& protocol = result.protocol;
  const ModelInfo& model = model_info(run.model);
  const double window_s = (protocol.window_end_ms - protocol.window_start_ms) / 1000.0;
  append(out, "# neurodyn {} fi: firing rate against a constant current\n", version);
  append(out, "# units: {}\n", units);
  append(out, "# protocol: every current is constant from t = 0 to t_end = {:g} ms, from the initial state {} ({})\n",
         protocol.t_end_ms, state_text(model, protocol.initial_state), single_line(result.initial_state_origin));
  append(out,
         "# steady_rate_hz: 1000 / the mean ISI of the spikes in the window [{:g}, {:g}] ms (the first {:g} ms are a "
         "discarded transient); window_spike_count: the spikes in it ({:g} s); first_isi_rate_hz: 1000 / the first "
         "ISI of the run; 0 where there are not enough spikes\n",
         protocol.window_start_ms, protocol.window_end_ms, protocol.window_start_ms, window_s);
  append(out, "# method: {}, dt {:g} ms, spikes {}\n", protocol.method.name, protocol.method.dt,
         to_string(protocol.method.spikes));
  append(out,
         "# detector: {} (spikes: {}); window_peak_count: maxima of v at least {:g} above the troughs around them, "
         "in the window, whatever the detector; missed_oscillation: 2 or more of them and fewer than half counted as "
         "spikes\n",
         to_string(protocol.detector),
         protocol.detector == SpikeDetector::events ? "the model's own spike events" : "the peaks of v",
         protocol.peak_prominence);
  for (const ThresholdLine& line : threshold_lines(result)) {
    append(out, "# {}: {} ({})\n", line.name, line.value, single_line(line.meaning));
  }
  append(out,
         "# problem (fi replaces its stimulus by the constant currents, and its initial state as stated above):\n");
  append_commented(out, problem_to_toml(run));
}

}  // namespace

std::vector<ThresholdLine> threshold_lines(const FiResult& result) {
  std::vector<ThresholdLine> lines;
  const std::string_view unit = model_info(model_name(result.protocol.model)).current_unit;
  if (result.rheobase) {
    const Rheobase& found = *result.rheobase;
    lines.push_back(
        {unit_key("rheobase", unit), fmt::format("{:.9g}", found.current),
         fmt::format("the smallest step from the rest at I = 0 that elicits a spike within {:g} ms; "
                     "bracket [{:.9g}, {:.9g}], first spike at {:.6g} ms",
                     result.protocol.t_end_ms, found.bracket.below, found.bracket.above, found.first_spike_ms)});
  }
  if (result.sustained_onset) {
    lines.push_back({unit_key("sustained_firing_onset", unit), fmt::format("{:.9g}", result.sustained_onset->above),
                     fmt::format("the smallest current with two or more spikes in the steady window; bracket "
                                 "[{:.9g}, {:.9g}]",
                                 result.sustained_onset->below, result.sustained_onset->above)});
  }
  if (result.hysteresis) {
    if (result.hysteresis->bistable_ranges.empty()) {
      lines.push_back({"hysteresis", "none", "the sweeps up and down give the same steady rates"});
    }
    for (const auto& [low, high] : result.hysteresis->bistable_ranges) {
      lines.push_back({unit_key("bistable_range", unit), fmt::format("{:.9g} {:.9g}", low, high),
                       "the sweeps up and down differ: rest or firing depends on the history"});
    }
  }
  return lines;
}

void write_fi_csv(const std::filesystem::path& path, const EffectiveRun& run, const FiResult& result) {
  fmt::memory_buffer out;
  append_header(out, run, result,
                fmt::format("current {}; rates Hz (1000 per time unit); first_spike_ms ms (NaN without spikes)",
                            unit_label(model_info(run.model).current_unit)));
  append(out,
         "current,steady_rate_hz,first_isi_rate_hz,spike_count,window_spike_count,window_peak_count,"
         "missed_oscillation,first_spike_ms,status\n");
  for (const FiPoint& point : result.points) {
    append(out, "{},{},{},{},{},{},{},{},{}\n", point.current, point.steady_rate_hz, point.first_isi_rate_hz,
           point.spike_count, point.window_spike_count, point.window_peak_count, point.missed_oscillation,
           point.first_spike_ms, to_string(point.status));
  }
  write_file_atomically(path, fmt::to_string(out));
}

void write_hysteresis_csv(const std::filesystem::path& path, const EffectiveRun& run, const FiResult& result) {
  fmt::memory_buffer out;
  append_header(out, run, result,
                fmt::format("current {}; rates Hz: 1000 / the mean ISI in the window of the sweep up (each run from "
                            "where the previous lower current ended) and down (from the top current's state)",
                            unit_label(model_info(run.model).current_unit)));
  append(out, "current,up_rate_hz,down_rate_hz,differs\n");
  for (const HysteresisPoint& point : result.hysteresis.value().points) {
    append(out, "{},{},{},{}\n", point.current, point.up_rate_hz, point.down_rate_hz, point.differs ? 1 : 0);
  }
  write_file_atomically(path, fmt::to_string(out));
}

}  // namespace neurodyn
