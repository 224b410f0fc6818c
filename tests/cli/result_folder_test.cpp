// Every --out folder is all or nothing: a run killed at any moment leaves the previous result or the new
// one, each complete, never a mixture; a later run leaves nothing of an earlier one; a folder neurodyn did
// not write is refused before any work; gnuplot and the temporaries of a killed run do not outlive it.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

using FolderContents = std::map<std::string, std::string>;  // file name -> bytes

FolderContents contents_of(const std::filesystem::path& folder) {
  FolderContents contents;
  if (!std::filesystem::exists(folder)) return contents;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    contents[entry.path().filename()] = read_text(entry.path());
  }
  return contents;
}

std::string names_in(const FolderContents& contents) {
  std::string names;
  for (const auto& [name, bytes] : contents) names += name + " ";
  return names.empty() ? "(nothing)" : names;
}

// The names under `folder`, at any depth, of temporaries (`.X.tmp-<pid>`).
std::vector<std::string> temporaries_under(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    const std::string name = entry.path().filename();
    if (name.find(".tmp-") != std::string::npos) names.push_back(entry.path().lexically_relative(folder));
  }
  return names;
}

// The processes, other than this one, whose command line mentions `text`.
std::vector<std::string> processes_mentioning(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename();
    if (pid.find_first_not_of("0123456789") != std::string::npos || pid == std::to_string(::getpid())) continue;
    const std::string command_line = read_text(entry.path() / "cmdline");
    if (command_line.find(text) != std::string::npos) found.push_back(pid + ": " + command_line);
  }
  return found;
}

class ResultFolderTest : public CliTest {
 protected:
  // Starts `neurodyn ARGS...` in the test's directory with its output discarded; returns its pid.
  pid_t start(const std::vector<std::string>& arguments) const {
    std::vector<std::string> words{NEURODYN_EXECUTABLE};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      if (::chdir(directory().c_str()) != 0 || ::dup2(null, STDOUT_FILENO) < 0 || ::dup2(null, STDERR_FILENO) < 0) {
        ::_exit(127);
      }
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    return child;
  }
};

const std::vector<std::string> run_a{"simulate", "--preset", "izh2004-A", "--no-figures", "--out", "out"};
const std::vector<std::string> run_b{"simulate", "--preset", "izh2004-B", "--out", "out"};  // with figures

TEST_F(ResultFolderTest, AKilledRunLeavesTheEarlierResultOrTheNewOneWholeAndNothingElse) {
  std::vector<std::string> b_elsewhere = run_b;
  b_elsewhere.back() = "b";
  ASSERT_EQ(run(b_elsewhere).exit_status, 0);
  ASSERT_EQ(run(run_a).exit_status, 0);
  const FolderContents a = contents_of(out());
  const FolderContents b = contents_of(directory() / "b");
  ASSERT_NE(a.at("config.toml"), b.at("config.toml"));
  ASSERT_TRUE(b.contains("phase.png"));
  const std::string working_directory = std::filesystem::canonical(directory()).string();

  for (const int delay_ms : {0, 20, 50, 100, 200, 400}) {
    if (contents_of(out()) != a) {
      ASSERT_EQ(run(run_a).exit_status, 0);
    }
    const pid_t child = start(run_b);
    ASSERT_GT(child, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);

    const FolderContents now = contents_of(out());
    EXPECT_TRUE(now == a || now == b) << "killed after " << delay_ms << " ms, out holds " << names_in(now);
    // gnuplot dies with the run: nothing may still be working in the test's directory.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!processes_mentioning(working_directory).empty() && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_THAT(processes_mentioning(working_directory), ::testing::IsEmpty()) << "after " << delay_ms << " ms";
  }

  int status = -1;
  ::waitpid(start(run_b), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(contents_of(out()), b) << names_in(contents_of(out()));
  EXPECT_THAT(temporaries_under(directory()), ::testing::IsEmpty());
}

TEST_F(ResultFolderTest, ALaterRunLeavesNothingOfAnEarlierOne) {
  ASSERT_EQ(run({"simulate", "--preset", "hh-squid", "--out", "out"}).exit_status, 0);
  ASSERT_TRUE(std::filesystem::exists(out() / "phase.png"));
  const auto result = run({"simulate", "--preset", "lif-cortical", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(files_in(out()), UnorderedElementsAre(".neurodyn-result", "config.toml", "spikes.csv", "trace.csv",
                                                     "voltage.png", "voltage.svg"));
  EXPECT_THAT(read_text(out() / "config.toml"), HasSubstr("lif"));
  EXPECT_THAT(temporaries_under(directory()), ::testing::IsEmpty());
}

TEST_F(ResultFolderTest, ANumericalFailureLeavesTheEarlierResultAsItWas) {
  ASSERT_EQ(run(run_a).exit_status, 0);
  const FolderContents a = contents_of(out());
  // Backward Euler at 0.5 ms has no Newton solution on the 2007 RS cell (docs/reference.md 5.4).
  const auto result =
      run({"simulate", "--preset", "izh2007-RS", "--method", "backward-euler", "--dt", "0.5", "--out", "out"});
  EXPECT_EQ(result.exit_status, 1) << result.err;
  EXPECT_EQ(contents_of(out()), a);
  EXPECT_THAT(temporaries_under(directory()), ::testing::IsEmpty());
}

TEST_F(ResultFolderTest, EveryCommandRefusesAFolderNeurodynDidNotWriteBeforeAnyWork) {
  std::filesystem::create_directory(out());
  write_text(out() / "notes.txt", "mine");
  const std::vector<std::vector<std::string>> commands{
      {"simulate", "--preset", "izh2004-A", "--no-figures", "--out", "out"},
      {"fi", "--currents", "1", "--no-figures", "--out", "out"},
      {"phase", "--no-figures", "--out", "out"},
      {"compare", "--methods", "rk4", "--steps", "0.1", "--out", "out"},
      {"patterns", "--out", "out"},
      {"gallery", "--family", "lif", "--out", "out"},
      {"network", "--duration", "10", "--no-figures", "--out", "out"},
  };
  for (const auto& command : commands) {
    const auto result = run(command);
    EXPECT_EQ(result.exit_status, 2) << command.front() << ": " << result.err;
    EXPECT_THAT(result.err, AllOf(HasSubstr("--out out: the folder is not empty and no neurodyn run wrote it"),
                                  HasSubstr("allowed: a new path, an empty folder, or a folder an earlier "
                                            "neurodyn run wrote")))
        << command.front();
    EXPECT_THAT(result.err, Not(HasSubstr("rhs evaluations"))) << command.front();  // nothing was solved
    EXPECT_EQ(contents_of(out()), (FolderContents{{"notes.txt", "mine"}})) << command.front();
  }
}

TEST_F(ResultFolderTest, TheCurrentDirectoryIsRefused) {
  for (const std::string out : {".", "./", ".."}) {
    const auto result = run({"simulate", "--preset", "izh2004-A", "--no-figures", "--out", out});
    EXPECT_EQ(result.exit_status, 2) << result.err;
    EXPECT_THAT(result.err, HasSubstr("the current directory or one of its ancestors")) << out;
  }
  EXPECT_THAT(files_in(directory()), UnorderedElementsAre("stdout.txt", "stderr.txt"));
}

}  // namespace
}  // namespace neurodyn::cli_test
