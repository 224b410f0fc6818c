#pragma once
// The file of a network's or a sweep's checkpoint (RunCheckpoint): the run's identity, then named sections of
// numbers written as their bytes, so that every double comes back bit for bit.
//
//   neurodyn <kind> checkpoint 1\n         the kind (network, sweep) and the format's version
//   <identity length in bytes>\n<identity>  the effective config of the run that wrote it
//   then per section: <name>\n, an 8-byte count, count 8-byte values (doubles or signed integers) or bytes (text),
//   in this machine's byte order (a checkpoint is resumed where it was written)
//   end\n                                   nothing after it: a file cut short lacks it
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn::population_detail {

class CheckpointOut {
 public:
  CheckpointOut(std::string_view kind, const std::string& identity);
  void doubles(std::string_view name, std::span<const double> values);
  void integers(std::string_view name, std::span<const std::int64_t> values);
  void text(std::string_view name, std::string_view text);
  // Writes the file at checkpoint.path atomically (a temporary beside it, then renamed). Throws FileError.
  void save(const RunCheckpoint& checkpoint);

 private:
  void section(std::string_view name, std::uint64_t count, const void* data, std::size_t bytes);
  std::string bytes_;
};

class CheckpointIn {
 public:
  // Reads checkpoint.path. Throws InputError naming the file when there is none, when it is not a checkpoint of
  // `kind` in this version, or when it was written by a run of another identity (naming the first line that
  // differs); FileError when it cannot be read.
  CheckpointIn(const RunCheckpoint& checkpoint, std::string_view kind);
  // The next section, which must be `name`; throws InputError naming the file when it is missing or cut short.
  std::vector<double> doubles(std::string_view name);
  std::vector<std::int64_t> integers(std::string_view name);
  std::string text(std::string_view name);
  // Throws InputError unless the end marker, and nothing after it, follows.
  void finish();
  // Throws InputError naming the file as damaged at `what` (a section whose values do not fit the run).
  [[noreturn]] void damaged(std::string_view what) const;

 private:
  std::string_view section(std::string_view name, std::size_t item_bytes, std::uint64_t& count);
  std::filesystem::path path_;
  std::string bytes_;
  std::size_t at_ = 0;
};

}  // namespace neurodyn::population_detail
