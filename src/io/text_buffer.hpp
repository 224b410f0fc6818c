#pragma once
// Appending formatted text to a growing buffer (the CSV writers, config.toml, gnuplot scripts).
#include <fmt/format.h>

#include <iterator>
#include <utility>

#include "neurodyn/io/atomic_file.hpp"

namespace neurodyn {

// Long files are formatted into a buffer of about this size and written a chunk at a time.
inline constexpr std::size_t chunk_bytes = 1 << 20;

// Writes the buffer to the file and empties it.
inline void write_chunk(AtomicFile& file, fmt::memory_buffer& buffer) {
  file.stream().write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  buffer.clear();
}

template <class... Args>
void append(fmt::memory_buffer& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

}  // namespace neurodyn
