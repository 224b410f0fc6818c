// TOML fit configurations (`neurodyn fit --config`): the bounded TOML reading, the run part and the fit's own
// tables. Resolving the plan reads the recording, a file: it is not fuzzed here.
#include "fuzz_input.hpp"
#include "neurodyn/io/fit_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  neurodyn::fuzz::refusals_are_normal([&] {
    neurodyn::parse_fit_settings(std::string(neurodyn::fuzz::as_text(data, size)), "fuzz.toml", "/fuzz");
  });
  return 0;
}
