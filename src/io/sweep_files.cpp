// runs.csv and spikes.csv of a sweep (include/neurodyn/io/sweep_output.hpp).
#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/sweep_config.hpp"
#include "neurodyn/io/sweep_output.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

void write_sweep_runs_csv(const std::filesystem::path& path, const SweepSpec& spec, const SweepResult& result) {
  fmt::memory_buffer out;
  const ModelInfo& model = model_info(spec.model);
  append(out, "# neurodyn {} sweep: {} runs of {} ({})\n", version, result.rows.size(), spec.model, model.title);
  append(out, "# units: time ms, rate Hz, I {}\n", model.current_unit);
  append(out,
         "# protocol: a constant current I from {:g} ms to {:g} ms (0 before), from the base initial state; "
         "steady_rate_hz: 1000 / the mean ISI of the spikes in [{:g}, {:g}] ms (0 with fewer than two); pattern: "
         "the firing-pattern class from the onset of I to the end\n",
         spec.stimulus_start_ms, spec.duration_ms, spec.window_start_ms.value_or(spec.duration_ms / 2.0),
         spec.duration_ms);
  append(out, "# config:\n");
  std::istringstream lines(sweep_to_toml(spec));
  for (std::string line; std::getline(lines, line);) append(out, "#   {}\n", line);
  append(out, "run");
  for (const SweepAxis& axis : spec.axes) append(out, ",{}", axis.name);
  append(out, ",spike_count,window_spike_count,steady_rate_hz,first_spike_ms,pattern,status,message\n");
  for (std::size_t run = 0; run < result.rows.size(); ++run) {
    const SweepRow& row = result.rows[run];
    append(out, "{}", run);
    for (const double value : row.values) append(out, ",{}", value);
    append(out, ",{},{},{},{},{},{},{}\n", row.spike_count, row.window_spike_count, row.steady_rate_hz,
           std::isnan(row.first_spike_ms) ? std::string() : fmt::format("{}", row.first_spike_ms),
           to_string(row.pattern), row.ok ? "ok" : "unstable", csv_field(row.message));
  }
  write_file_atomically(path, fmt::to_string(out));
}

void write_sweep_spikes_csv(const std::filesystem::path& path, const SweepResult& result) {
  fmt::memory_buffer out;
  append(out, "# neurodyn {} sweep: every spike of every run (located inside the step), time in ms\n", version);
  append(out, "run,time_ms\n");
  for (std::size_t run = 0; run < result.rows.size(); ++run) {
    for (const double time : result.rows[run].spike_times_ms) append(out, "{},{}\n", run, time);
  }
  write_file_atomically(path, fmt::to_string(out));
}

}  // namespace neurodyn
