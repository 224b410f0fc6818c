#include "pending_output.hpp"

#include <fmt/format.h>

#include <system_error>
#include <utility>

#include "neurodyn/error.hpp"

namespace neurodyn {

namespace {

std::filesystem::path directory_of(const std::filesystem::path& target) {
  return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

}  // namespace

void require_parent_directory(const std::filesystem::path& target) {
  const auto directory = directory_of(target);
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw FileError(
        fmt::format("cannot write {}: the directory {} does not exist", target.string(), directory.string()));
  }
}

void rename_onto(const std::filesystem::path& temporary, const std::filesystem::path& target) {
  std::error_code error;
  std::filesystem::rename(temporary, target, error);
  if (error) {
    throw FileError(fmt::format("cannot write {}: renaming the finished temporary file {} onto it failed: {}",
                                target.string(), temporary.string(), error.message()));
  }
}

PendingOutput::PendingOutput(std::filesystem::path target)
    : target_(std::move(target)), temporary_(temporary_path_for(target_)) {
  require_parent_directory(target_);
}

PendingOutput::PendingOutput(PendingOutput&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      settled_(std::exchange(other.settled_, true)) {}

PendingOutput::~PendingOutput() {
  if (settled_) return;
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void PendingOutput::commit() {
  std::error_code error;
  if (!std::filesystem::is_regular_file(temporary_, error)) {
    throw FileError(
        fmt::format("cannot write {}: the temporary file {} was not produced", target_.string(), temporary_.string()));
  }
  rename_onto(temporary_, target_);
  settled_ = true;
}

}  // namespace neurodyn
