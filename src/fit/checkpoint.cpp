// The checkpoint file of a fit (include/neurodyn/fit/checkpoint.hpp).
#include "neurodyn/fit/checkpoint.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/io/result_folder.hpp"

namespace neurodyn {

namespace {

constexpr std::string_view first_line = "# neurodyn fit checkpoint";

std::vector<double> hex_numbers(const std::string& text, const std::filesystem::path& path, std::size_t line) {
  std::vector<double> numbers;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    char* end = nullptr;
    const double value = std::strtod(word.c_str(), &end);
    if (end != word.c_str() + word.size()) {
      throw InputError(fmt::format("{} line {}: '{}' is not a number", path.string(), line, word));
    }
    numbers.push_back(value);
  }
  return numbers;
}

}  // namespace

std::filesystem::path checkpoint_path(const std::filesystem::path& out) { return checkpoint_beside(out, "fit"); }

CheckpointWriter::CheckpointWriter(std::filesystem::path path, bool keep) : path_(std::move(path)) {
  std::filesystem::create_directories(path_.parent_path());
  stream_.open(path_, keep ? std::ios::app : std::ios::trunc);
  if (!stream_) throw FileError(fmt::format("cannot write the checkpoint {}", path_.string()));
  if (!keep) stream_ << first_line << '\n' << std::flush;
}

void CheckpointWriter::add(const EvaluationRecord& record) {
  std::string line = fmt::format("{} {:a} {} {} {:a} ;", record.index, record.score, record.rhs_evaluations,
                                 record.failures, record.elapsed_s);
  for (const double x : record.unit_point) line += fmt::format(" {:a}", x);
  line += " ;";
  for (const double g : record.gradient) line += fmt::format(" {:a}", g);
  line += " ;";
  for (const double o : record.objectives) line += fmt::format(" {:a}", o);
  stream_ << line << '\n' << std::flush;
  if (!stream_) throw FileError(fmt::format("cannot write the checkpoint {}", path_.string()));
}

std::vector<EvaluationRecord> read_checkpoint(const std::filesystem::path& path) {
  std::ifstream stream(path);
  if (!stream) {
    throw FileError(
        fmt::format("cannot read the checkpoint {} (--resume needs the file an interrupted fit with the "
                    "same --out left)",
                    path.string()));
  }
  std::string text((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  std::vector<std::string> lines;
  std::istringstream all(text);
  for (std::string line; std::getline(all, line);) lines.push_back(line);
  // A file not ending in a newline was cut while its last line was written.
  if (!text.empty() && text.back() != '\n' && !lines.empty()) lines.pop_back();
  if (lines.empty() || lines.front() != first_line) {
    throw InputError(
        fmt::format("{} is not a neurodyn fit checkpoint (its first line is not '{}')", path.string(), first_line));
  }
  std::vector<EvaluationRecord> records;
  for (std::size_t k = 1; k < lines.size(); ++k) {
    const std::string& line = lines[k];
    const auto first = line.find(';'), second = line.find(';', first == std::string::npos ? 0 : first + 1);
    const auto third = line.find(';', second == std::string::npos ? 0 : second + 1);
    if (first == std::string::npos || second == std::string::npos || third == std::string::npos) {
      throw InputError(fmt::format(
          "{} line {}: expected 'index score rhs failures elapsed ; x ; gradient ; objectives'", path.string(), k + 1));
    }
    const std::vector<double> head = hex_numbers(line.substr(0, first), path, k + 1);
    if (head.size() != 5 || head[0] != static_cast<double>(records.size() + 1)) {
      throw InputError(fmt::format("{} line {}: expected evaluation {} with five numbers before the first ';'",
                                   path.string(), k + 1, records.size() + 1));
    }
    EvaluationRecord record;
    record.index = static_cast<long long>(head[0]);
    record.score = head[1];
    record.rhs_evaluations = static_cast<long long>(head[2]);
    record.failures = static_cast<int>(head[3]);
    record.elapsed_s = head[4];
    record.unit_point = hex_numbers(line.substr(first + 1, second - first - 1), path, k + 1);
    record.gradient = hex_numbers(line.substr(second + 1, third - second - 1), path, k + 1);
    record.objectives = hex_numbers(line.substr(third + 1), path, k + 1);
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace neurodyn
