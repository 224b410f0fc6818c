#pragma once
// What every harness shares: the input as text or as a file, and the rule that a documented refusal
// (InputError, FileError) is a normal outcome while anything else escapes, and libFuzzer reports it as a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "neurodyn/error.hpp"

namespace neurodyn::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Where the input file goes: in memory when the system has /dev/shm (on ext4, truncating and rewriting a file
// flushes it to disk on close, which made file readers 30 times slower to fuzz).
inline std::filesystem::path input_directory() {
  std::error_code status;
  return std::filesystem::is_directory("/dev/shm", status) ? "/dev/shm" : std::filesystem::temp_directory_path();
}

// A file of this process for readers that take a path, rewritten for every input and removed at exit.
class InputFile {
 public:
  InputFile() : path_(input_directory() / ("neurodyn-fuzz-input-" + std::to_string(::getpid()))) {}
  ~InputFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::filesystem::path& holding(std::string_view text) const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(text.data(), static_cast<std::streamsize>(text.size()));
    return path_;
  }

 private:
  std::filesystem::path path_;
};

inline const std::filesystem::path& input_file(std::string_view text) {
  static const InputFile file;
  return file.holding(text);
}

template <class Read>
void refusals_are_normal(Read&& read) {
  try {
    read();
  } catch (const InputError&) {
  } catch (const FileError&) {
  }
}

}  // namespace neurodyn::fuzz
