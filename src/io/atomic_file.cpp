#include "neurodyn/io/atomic_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <system_error>
#include <utility>

#include "neurodyn/error.hpp"
#include "pending_output.hpp"

namespace neurodyn {

namespace {

// The reason of the last failed system call, read right after a stream operation failed.
std::string last_system_error() { return std::error_code(errno, std::generic_category()).message(); }

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), temporary_(temporary_path_for(target_)) {
  require_parent_directory(target_);
  errno = 0;
  stream_.open(temporary_, std::ios::out | std::ios::binary | std::ios::trunc);
  if (!stream_) {
    throw FileError(fmt::format("cannot write {}: creating the temporary file {} failed: {}", target_.string(),
                                temporary_.string(), last_system_error()));
  }
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
  errno = 0;
  stream_.flush();
  if (!stream_) {
    throw FileError(fmt::format("cannot write {}: writing failed: {}", target_.string(), last_system_error()));
  }
  stream_.close();
  if (stream_.fail()) {
    throw FileError(fmt::format("cannot write {}: closing the file failed: {}", target_.string(), last_system_error()));
  }
  rename_onto(temporary_, target_);
  committed_ = true;
}

void write_file_atomically(const std::filesystem::path& target, std::string_view contents) {
  AtomicFile file(target);
  file.stream().write(contents.data(), static_cast<std::streamsize>(contents.size()));
  file.commit();
}

}  // namespace neurodyn
