// Current tables of the `file:` stimulus (src/stimulus/table_file.hpp), read with the default columns and
// with a time column in seconds and a current column further right.
#include "fuzz_input.hpp"
#include "stimulus/table_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using neurodyn::stimulus_detail::read_current_table;
  const std::string path = neurodyn::fuzz::input_file(neurodyn::fuzz::as_text(data, size)).string();
  neurodyn::fuzz::refusals_are_normal([&] { read_current_table(path, 0, 1, 1.0); });
  neurodyn::fuzz::refusals_are_normal([&] { read_current_table(path, 1, 3, 1000.0); });
  return 0;
}
