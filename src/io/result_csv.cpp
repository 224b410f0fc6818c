// trace.csv and spikes.csv (include/neurodyn/io/result_files.hpp).
#include <fmt/format.h>

#include <string>
#include <vector>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/result_files.hpp"
#include "result_header.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

void write_trace_csv(const std::filesystem::path& path, const EffectiveRun& run, const Solution& solution) {
  const ModelInfo& model = model_info(run.model);
  std::vector<std::string> columns{"time_ms"};
  fmt::memory_buffer units;
  append(units, "units: time_ms ms");
  for (const auto& variable : model.state_variables) {
    columns.push_back(column_name(variable.name, variable.unit));
    append(units, ", {} {}", variable.name, unit_label(variable.unit));
  }
  columns.push_back(column_name("I", model.current_unit));
  append(units, "; I (the stimulus current) {}", unit_label(model.current_unit));

  AtomicFile file(path);
  fmt::memory_buffer buffer;
  append(buffer, "{}{}\n", result_header(run, solution, fmt::to_string(units)), fmt::join(columns, ","));
  const std::size_t dimension = solution.dimension;
  for (std::size_t sample = 0; sample < solution.sample_count(); ++sample) {
    const double t = solution.times[sample];
    append(buffer, "{}", t);
    for (std::size_t variable = 0; variable < dimension; ++variable) {
      append(buffer, ",{}", solution.states[sample * dimension + variable]);
    }
    append(buffer, ",{}\n", run.problem.stimulus.at(t).current);
    if (buffer.size() >= chunk_bytes) write_chunk(file, buffer);
  }
  write_chunk(file, buffer);
  file.commit();
}

void write_spikes_csv(const std::filesystem::path& path, const EffectiveRun& run, const Solution& solution) {
  AtomicFile file(path);
  fmt::memory_buffer buffer;
  append(buffer, "{}time_ms\n", result_header(run, solution, "units: time_ms ms (spike times)"));
  for (const double t : solution.spike_times) {
    append(buffer, "{}\n", t);
    if (buffer.size() >= chunk_bytes) write_chunk(file, buffer);
  }
  write_chunk(file, buffer);
  file.commit();
}

}  // namespace neurodyn
