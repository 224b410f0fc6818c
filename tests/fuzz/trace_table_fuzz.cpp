// Trace files of `neurodyn stats FILE` (neurodyn/io/trace_table.hpp), read with the default columns and with
// explicit voltage and current columns and seconds.
#include "fuzz_input.hpp"
#include "neurodyn/io/trace_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& path = neurodyn::fuzz::input_file(neurodyn::fuzz::as_text(data, size));
  neurodyn::fuzz::refusals_are_normal([&] { neurodyn::read_trace_table(path); });
  neurodyn::fuzz::refusals_are_normal([&] {
    neurodyn::read_trace_table(
        path, {.time_column = 0, .voltage_column = 1, .current_column = 2, .time_scale_ms = 1000.0});
  });
  return 0;
}
