#include "checkpoint_file.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "neurodyn/error.hpp"

namespace neurodyn::population_detail {

namespace {

constexpr int version = 1;
constexpr std::string_view end_marker = "end\n";

std::string first_line(std::string_view kind) { return fmt::format("neurodyn {} checkpoint {}\n", kind, version); }

// The first line where two texts differ, as "line N is `A` where this run's is `B`".
std::string first_difference(const std::string& written, const std::string& expected) {
  std::istringstream a(written), b(expected);
  std::string line_a, line_b;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return "they differ in white space";
    if (!more_a) line_a = "(nothing)";
    if (!more_b) line_b = "(nothing)";
    if (!more_a || !more_b || line_a != line_b) {
      return fmt::format("line {} of its config is `{}` where this run's is `{}`", line, line_a, line_b);
    }
  }
}

}  // namespace

CheckpointOut::CheckpointOut(std::string_view kind, const std::string& identity)
    : bytes_(first_line(kind) + fmt::format("{}\n", identity.size()) + identity) {}

void CheckpointOut::section(std::string_view name, std::uint64_t count, const void* data, std::size_t bytes) {
  bytes_ += name;
  bytes_ += '\n';
  bytes_.append(reinterpret_cast<const char*>(&count), sizeof count);
  bytes_.append(static_cast<const char*>(data), bytes);
}

void CheckpointOut::doubles(std::string_view name, std::span<const double> values) {
  section(name, values.size(), values.data(), values.size_bytes());
}

void CheckpointOut::integers(std::string_view name, std::span<const std::int64_t> values) {
  section(name, values.size(), values.data(), values.size_bytes());
}

void CheckpointOut::text(std::string_view name, std::string_view text) {
  section(name, text.size(), text.data(), text.size());
}

void CheckpointOut::save(const RunCheckpoint& checkpoint) {
  std::filesystem::path temporary = checkpoint.path;
  temporary += ".tmp";
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream.write(bytes_.data(), static_cast<std::streamsize>(bytes_.size()));
    stream.write(end_marker.data(), static_cast<std::streamsize>(end_marker.size()));
    stream.flush();
    if (!stream) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw FileError(fmt::format("checkpoint {}: cannot be written", checkpoint.path.string()));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, checkpoint.path, error);
  if (error) {
    throw FileError(fmt::format("checkpoint {}: cannot be written: {}", checkpoint.path.string(), error.message()));
  }
}

CheckpointIn::CheckpointIn(const RunCheckpoint& checkpoint, std::string_view kind) : path_(checkpoint.path) {
  if (!std::filesystem::exists(path_)) {
    throw InputError(fmt::format(
        "checkpoint {}: there is none to resume from (--resume needs the file an interrupted run with the same "
        "--out left); run without --resume",
        path_.string()));
  }
  std::ifstream stream(path_, std::ios::binary);
  if (!stream) throw FileError(fmt::format("checkpoint {}: cannot be read", path_.string()));
  bytes_.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
  const std::string expected = first_line(kind);
  if (!std::string_view(bytes_).starts_with(expected)) {
    throw InputError(
        fmt::format("checkpoint {}: not a neurodyn {} checkpoint of version {} (its first line is not "
                    "'{}'); remove it, or run without --resume",
                    path_.string(), kind, version, expected.substr(0, expected.size() - 1)));
  }
  at_ = expected.size();
  const auto newline = bytes_.find('\n', at_);
  std::size_t length = 0;
  try {
    std::size_t parsed = 0;
    length = std::stoull(bytes_.substr(at_, newline - at_), &parsed);
    if (newline == std::string::npos || parsed != newline - at_) damaged("the identity's length");
  } catch (const std::logic_error&) {
    damaged("the identity's length");
  }
  at_ = newline + 1;
  if (length > bytes_.size() - at_) damaged("the identity");
  const std::string identity = bytes_.substr(at_, length);
  at_ += length;
  if (identity != checkpoint.identity) {
    throw InputError(
        fmt::format("checkpoint {}: written by a run of another config ({}); remove it, or run without --resume",
                    path_.string(), first_difference(identity, checkpoint.identity)));
  }
}

void CheckpointIn::damaged(std::string_view what) const {
  throw InputError(fmt::format("checkpoint {}: damaged or cut short (at {}); remove it, or run without --resume",
                               path_.string(), what));
}

std::string_view CheckpointIn::section(std::string_view name, std::size_t item_bytes, std::uint64_t& count) {
  const std::string header = std::string(name) + '\n';
  if (bytes_.compare(at_, header.size(), header) != 0) damaged(fmt::format("section '{}'", name));
  at_ += header.size();
  if (bytes_.size() - at_ < sizeof count) damaged(fmt::format("section '{}'", name));
  std::memcpy(&count, bytes_.data() + at_, sizeof count);
  at_ += sizeof count;
  if (count > (bytes_.size() - at_) / item_bytes) damaged(fmt::format("section '{}'", name));
  const std::string_view data(bytes_.data() + at_, count * item_bytes);
  at_ += data.size();
  return data;
}

std::vector<double> CheckpointIn::doubles(std::string_view name) {
  std::uint64_t count = 0;
  const std::string_view data = section(name, sizeof(double), count);
  std::vector<double> values(count);
  if (count > 0) std::memcpy(values.data(), data.data(), data.size());
  return values;
}

std::vector<std::int64_t> CheckpointIn::integers(std::string_view name) {
  std::uint64_t count = 0;
  const std::string_view data = section(name, sizeof(std::int64_t), count);
  std::vector<std::int64_t> values(count);
  if (count > 0) std::memcpy(values.data(), data.data(), data.size());
  return values;
}

std::string CheckpointIn::text(std::string_view name) {
  std::uint64_t count = 0;
  return std::string(section(name, 1, count));
}

void CheckpointIn::finish() {
  if (std::string_view(bytes_).substr(at_) != end_marker) damaged("its end");
}

}  // namespace neurodyn::population_detail
