// TOML run configs (--config, and config.toml of `neurodyn stats DIR`): the bounded TOML reading, the
// run-settings reader, and resolve() as `stats` calls it. resolve() is skipped for a stimulus that reads a
// file (any path the fuzzer writes) or samples noise (its memory is bounded elsewhere, not by the reader).
#include "fuzz_input.hpp"
#include "neurodyn/io/run_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  neurodyn::fuzz::refusals_are_normal([&] {
    const neurodyn::RunSettings settings =
        neurodyn::parse_run_settings(std::string(neurodyn::fuzz::as_text(data, size)), "fuzz.toml");
    const std::string_view stimulus = settings.stimulus ? std::string_view(*settings.stimulus) : "";
    if (stimulus.find("file") != std::string_view::npos || stimulus.find("noise") != std::string_view::npos) return;
    neurodyn::resolve(settings);
  });
  return 0;
}
