// The stimulus spec parser (neurodyn/stimulus/parse.hpp), as given to --stimulus and to the API. Specs with a
// `file:` component are left to stimulus_table_fuzz: they would read whatever path the fuzzer writes.
#include "fuzz_input.hpp"
#include "neurodyn/stimulus/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view spec = neurodyn::fuzz::as_text(data, size);
  if (spec.find("file") != std::string_view::npos) return 0;
  // A span of 0 ms samples noise once: the parser is under test here, not the sampler's memory.
  neurodyn::fuzz::refusals_are_normal([&] { neurodyn::parse_stimulus(spec, 0.0); });
  return 0;
}
