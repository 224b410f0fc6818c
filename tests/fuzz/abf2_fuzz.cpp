// ABF2 recordings (neurodyn/io/abf2.hpp), decoded from the fuzzer's bytes in memory: the section map, every
// section it points to, the strings, the samples and the command rebuilt from the epoch table.
#include <span>

#include "fuzz_input.hpp"
#include "neurodyn/io/abf2.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  neurodyn::fuzz::refusals_are_normal(
      [&] { neurodyn::parse_abf2(std::span<const unsigned char>(data, size), "fuzz-input.abf"); });
  return 0;
}
