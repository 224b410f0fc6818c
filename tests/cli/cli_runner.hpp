#pragma once
// Runs the built `neurodyn` executable in a fresh temporary directory per test and captures its exit
// status, stdout and stderr.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace neurodyn::cli_test {

struct CommandResult {
  int exit_status = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// The spike times of a spikes.csv: '#' lines, the header row `time_ms`, one time per row.
inline std::vector<double> read_spike_times(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line) && line.starts_with('#')) {
  }
  EXPECT_EQ(line, "time_ms") << path;
  std::vector<double> times;
  while (std::getline(in, line)) times.push_back(std::stod(line));
  return times;
}

// The rows of CSV text after its '#' lines, split at commas (the header row first).
inline std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with('#')) continue;
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// The `name: value` lines of a command's output.
inline std::map<std::string, std::string> named_values(const std::string& out) {
  std::map<std::string, std::string> values;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(": ");
    if (colon != std::string::npos) values.emplace(line.substr(0, colon), line.substr(colon + 2));
  }
  return values;
}

inline std::string shell_quoted(const std::string& word) {
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += '\'';
  return quoted;
}

inline const std::filesystem::path source_dir{NEURODYN_SOURCE_DIR};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(test->test_suite_name()) + "-" + test->name();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    directory_ = std::filesystem::temp_directory_path() / fmt::format("neurodyn-cli-{}-{}", name, ::getpid());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Runs `neurodyn ARGS...` with the test's directory as working directory.
  CommandResult run(const std::vector<std::string>& arguments) const { return run_in(directory_, arguments); }

  // The same with `working_directory` as working directory (stdout and stderr still land in the test's); the
  // words of `launcher` (such as mpirun's) come first.
  CommandResult run_in(const std::filesystem::path& working_directory, const std::vector<std::string>& arguments,
                       const std::vector<std::string>& launcher = {}) const {
    std::string command = fmt::format("cd {} &&", shell_quoted(working_directory.string()));
    for (const auto& word : launcher) command += fmt::format(" {}", shell_quoted(word));
    command += fmt::format(" {}", shell_quoted(NEURODYN_EXECUTABLE));
    for (const auto& argument : arguments) command += fmt::format(" {}", shell_quoted(argument));
    command += fmt::format(" >{} 2>{}", shell_quoted((directory_ / "stdout.txt").string()),
                           shell_quoted((directory_ / "stderr.txt").string()));
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text(directory_ / "stdout.txt");
    result.err = read_text(directory_ / "stderr.txt");
    return result;
  }

  // Runs examples/NAME.toml without figures into OUT (relative to the test's directory).
  CommandResult run_example(const std::string& name, const std::string& out_name = "out") const {
    const auto config = source_dir / "examples" / (name + ".toml");
    return run({"simulate", "--config", config.string(), "--no-figures", "--out", out_name});
  }

  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path out() const { return directory_ / "out"; }

  // The names of the files under `path` (empty when it does not exist).
  static std::vector<std::string> files_in(const std::filesystem::path& path) {
    std::vector<std::string> names;
    if (!std::filesystem::exists(path)) return names;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
      names.push_back(entry.path().lexically_relative(path).string());
    }
    return names;
  }

 private:
  std::filesystem::path directory_;
};

}  // namespace neurodyn::cli_test
