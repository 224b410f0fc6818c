#pragma once
// Output files are written to a temporary name beside the target and renamed when complete, so a killed
// run never leaves a half-written file that looks whole. This keeps one file whole wherever it is written;
// a command's whole --out folder is all or nothing through result_folder.hpp.
#include <filesystem>
#include <fstream>
#include <string_view>

namespace neurodyn {

class AtomicFile {
 public:
  // Opens DIR/.NAME.tmp-<pid> for writing. Throws FileError naming the path if it cannot.
  explicit AtomicFile(std::filesystem::path target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();

  std::ofstream& stream() { return stream_; }
  // Flushes, checks for write errors, and renames onto the target. Throws FileError on failure.
  void commit();

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temporary_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

// Writes `contents` to `target` atomically.
void write_file_atomically(const std::filesystem::path& target, std::string_view contents);

}  // namespace neurodyn
