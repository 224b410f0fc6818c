#pragma once
// Appending formatted text to a growing buffer (the CSV writers, config.toml, gnuplot scripts).
#include <fmt/format.h>

#include <iterator>
#include <utility>

namespace neurodyn {

template <class... Args>
void append(fmt::memory_buffer& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

}  // namespace neurodyn
