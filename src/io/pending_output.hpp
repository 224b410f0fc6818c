#pragma once
// Shared pieces of atomic output: the directory check, the final rename of a temporary (named as in
// temporary_name.hpp), and outputs written by another program (gnuplot) under a temporary name and renamed
// when it succeeded.
#include <filesystem>

#include "temporary_name.hpp"

namespace neurodyn {

// Throws FileError naming the target if its directory does not exist.
void require_parent_directory(const std::filesystem::path& target);

// Renames `temporary` onto `target`; throws FileError naming the target and the system's reason.
void rename_onto(const std::filesystem::path& temporary, const std::filesystem::path& target);

// A file that something else writes under temporary() and commit() renames onto target(); removed on
// destruction unless committed.
class PendingOutput {
 public:
  explicit PendingOutput(std::filesystem::path target);
  PendingOutput(PendingOutput&& other) noexcept;
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;
  PendingOutput& operator=(PendingOutput&&) = delete;
  ~PendingOutput();

  // Throws FileError if the temporary file was not produced or cannot be renamed.
  void commit();

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temporary_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool settled_ = false;  // committed, or moved from
};

}  // namespace neurodyn
