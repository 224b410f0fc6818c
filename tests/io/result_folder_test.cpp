// A result folder appears whole or not at all: written into a temporary sibling and swapped in by
// commit(); a folder neurodyn did not write is refused; leftovers of dead processes are removed.
#include "neurodyn/io/result_folder.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/version.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using testing::read_text;
using testing::ScratchDirectory;
using testing::write_text;

constexpr std::string_view what_is_allowed =
    "allowed: a new path, an empty folder, or a folder an earlier neurodyn run wrote";

// A pid that no process has: that of a child which has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

// Writes one result, the files named, each holding its own name.
void write_result(const std::filesystem::path& directory, std::initializer_list<std::string> files) {
  ResultFolder folder(directory, "simulate");
  const auto& staging = folder.start_writing();
  for (const std::string& file : files) write_text(staging / file, file);
  folder.commit();
}

std::vector<std::string> entries_of(const std::filesystem::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// Runs the test in another working directory and returns to the previous one.
class ScopedWorkingDirectory {
 public:
  explicit ScopedWorkingDirectory(const std::filesystem::path& directory)
      : previous_(std::filesystem::current_path()) {
    std::filesystem::current_path(directory);
  }
  ScopedWorkingDirectory(const ScopedWorkingDirectory&) = delete;
  ScopedWorkingDirectory& operator=(const ScopedWorkingDirectory&) = delete;
  ~ScopedWorkingDirectory() { std::filesystem::current_path(previous_); }

 private:
  std::filesystem::path previous_;
};

TEST(ResultFolder, NewFolderAppearsWholeOnCommitWithItsMarker) {
  ScratchDirectory scratch;
  const auto out = scratch / "runs" / "out";  // the missing parent is created
  ResultFolder folder(out, "simulate");
  EXPECT_FALSE(std::filesystem::exists(scratch / "runs"));  // nothing on disk before writing starts
  const auto& staging = folder.start_writing();
  EXPECT_EQ(staging.parent_path(), std::filesystem::canonical(scratch / "runs"));
  EXPECT_THAT(staging.filename().string(), StartsWith(".out.tmp-"));
  write_text(staging / "trace.csv", "time_ms\n");
  EXPECT_FALSE(std::filesystem::exists(out));
  folder.commit();

  EXPECT_THAT(entries_of(out), ElementsAre(".neurodyn-result", "trace.csv"));
  EXPECT_EQ(read_text(out / "trace.csv"), "time_ms\n");
  EXPECT_EQ(read_text(out / ".neurodyn-result"), fmt::format("neurodyn {}\ncommand simulate\n", version));
  EXPECT_THAT(entries_of(scratch / "runs"), ElementsAre("out"));
}

TEST(ResultFolder, ReplacesAFolderAnEarlierRunWroteAsAWhole) {
  ScratchDirectory scratch;
  write_result(scratch / "out", {"trace.csv", "phase.png"});
  write_result(scratch / "out", {"trace.csv", "voltage.png"});
  EXPECT_THAT(entries_of(scratch / "out"), ElementsAre(".neurodyn-result", "trace.csv", "voltage.png"));
  EXPECT_THAT(scratch.entries(), ElementsAre("out"));  // the previous contents are gone
}

TEST(ResultFolder, AcceptsAnEmptyFolder) {
  ScratchDirectory scratch;
  std::filesystem::create_directory(scratch / "out");
  write_result(scratch / "out", {"spikes.csv"});
  EXPECT_THAT(entries_of(scratch / "out"), ElementsAre(".neurodyn-result", "spikes.csv"));
  EXPECT_THAT(scratch.entries(), ElementsAre("out"));
}

TEST(ResultFolder, RefusesAFolderNeurodynDidNotWrite) {
  ScratchDirectory scratch;
  std::filesystem::create_directory(scratch / "thesis");
  write_text(scratch / "thesis" / "chapter1.tex", "precious");
  try {
    ResultFolder folder(scratch / "thesis", "simulate");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr(fmt::format("--out {}", (scratch / "thesis").string())));
    EXPECT_THAT(error.what(), HasSubstr("not empty and no neurodyn run wrote it"));
    EXPECT_THAT(error.what(), HasSubstr(what_is_allowed));
  }
  EXPECT_THAT(entries_of(scratch / "thesis"), ElementsAre("chapter1.tex"));
  EXPECT_THAT(scratch.entries(), ElementsAre("thesis"));

  write_text(scratch / "notes.txt", "a file");
  EXPECT_THROW(ResultFolder(scratch / "notes.txt", "simulate"), InputError);
}

TEST(ResultFolder, RefusesAFolderThatLostItsMarkerBeforeCommit) {
  ScratchDirectory scratch;
  ResultFolder folder(scratch / "out", "simulate");
  write_text(folder.start_writing() / "trace.csv", "new");
  std::filesystem::create_directory(scratch / "out");
  write_text(scratch / "out" / "mine.txt", "created meanwhile");
  EXPECT_THROW(folder.commit(), InputError);
  EXPECT_THAT(entries_of(scratch / "out"), ElementsAre("mine.txt"));
}

TEST(ResultFolder, RefusesTheCurrentDirectoryAndItsAncestors) {
  ScratchDirectory scratch;
  std::filesystem::create_directories(scratch / "work");
  const ScopedWorkingDirectory inside(scratch / "work");  // empty, and still refused
  using std::filesystem::path;
  for (const path& directory : {path("."), path("./"), path(".."), scratch.path(), path("/")}) {
    try {
      ResultFolder folder(directory, "simulate");
      ADD_FAILURE() << directory << ": expected InputError";
    } catch (const InputError& error) {
      EXPECT_THAT(error.what(), HasSubstr(fmt::format("--out {}:", directory.string())));
      EXPECT_THAT(error.what(), HasSubstr("the current directory or one of its ancestors"));
      EXPECT_THAT(error.what(), HasSubstr(what_is_allowed));
    }
  }
  EXPECT_THAT(scratch.entries(), ElementsAre("work"));
  EXPECT_THAT(entries_of(scratch / "work"), IsEmpty());
}

TEST(ResultFolder, RemovesLeftoversOfDeadProcessesAndKeepsThoseOfLiveOnes) {
  ScratchDirectory scratch;
  write_result(scratch / "out", {"trace.csv"});
  const pid_t dead = dead_pid();
  const pid_t live = ::getppid();
  const auto dead_sibling = scratch / fmt::format(".out.tmp-{}", dead);
  const auto live_sibling = scratch / fmt::format(".out.tmp-{}", live);
  const auto other_target = scratch / fmt::format(".other.tmp-{}", dead);  // not a temporary of `out`
  for (const std::filesystem::path& sibling : {dead_sibling, live_sibling, other_target}) {
    std::filesystem::create_directory(sibling);
    write_text(sibling / "trace.csv", "half");
  }
  const auto dead_inside = scratch / "out" / fmt::format(".trace.csv.tmp-{}", dead);
  const auto live_inside = scratch / "out" / fmt::format(".trace.csv.tmp-{}", live);
  write_text(dead_inside, "half");
  write_text(live_inside, "half");

  ResultFolder folder(scratch / "out", "simulate");
  folder.start_writing();
  EXPECT_FALSE(std::filesystem::exists(dead_sibling));
  EXPECT_FALSE(std::filesystem::exists(dead_inside));
  EXPECT_TRUE(std::filesystem::exists(live_sibling / "trace.csv"));
  EXPECT_TRUE(std::filesystem::exists(live_inside));
  EXPECT_TRUE(std::filesystem::exists(other_target / "trace.csv"));
  folder.commit();
  EXPECT_TRUE(std::filesystem::exists(live_sibling / "trace.csv"));
}

TEST(ResultFolder, AFolderHoldingOnlyLeftoversOfDeadProcessesCountsAsEmpty) {
  ScratchDirectory scratch;
  std::filesystem::create_directory(scratch / "out");
  write_text(scratch / "out" / fmt::format(".trace.csv.tmp-{}", dead_pid()), "half");
  write_result(scratch / "out", {"trace.csv"});
  EXPECT_THAT(entries_of(scratch / "out"), ElementsAre(".neurodyn-result", "trace.csv"));
  EXPECT_THAT(scratch.entries(), ElementsAre("out"));
}

TEST(ResultFolder, LeavesNothingWhenTheWriterThrowsBeforeCommit) {
  ScratchDirectory scratch;
  auto write_then_fail = [](const std::filesystem::path& directory) {
    ResultFolder folder(directory, "simulate");
    write_text(folder.start_writing() / "trace.csv", "the new result, first half");
    throw std::runtime_error("interrupted");
  };
  EXPECT_THROW(write_then_fail(scratch / "new"), std::runtime_error);
  EXPECT_THAT(scratch.entries(), IsEmpty());

  write_result(scratch / "out", {"trace.csv", "spikes.csv"});
  EXPECT_THROW(write_then_fail(scratch / "out"), std::runtime_error);
  EXPECT_THAT(entries_of(scratch / "out"), ElementsAre(".neurodyn-result", "spikes.csv", "trace.csv"));
  EXPECT_EQ(read_text(scratch / "out" / "trace.csv"), "trace.csv");
  EXPECT_THAT(scratch.entries(), ElementsAre("out"));
}

TEST(ResultFolder, ASymbolicLinkIsFollowedAndStays) {
  ScratchDirectory scratch;
  write_result(scratch / "real", {"phase.png"});
  std::filesystem::create_directory_symlink("real", scratch / "link");
  write_result(scratch / "link", {"voltage.png"});
  EXPECT_TRUE(std::filesystem::is_symlink(scratch / "link"));
  EXPECT_THAT(entries_of(scratch / "real"), ElementsAre(".neurodyn-result", "voltage.png"));
  EXPECT_THAT(scratch.entries(), ElementsAre("link", "real"));
}

TEST(ResultFolder, CommitRequiresStartWriting) {
  ScratchDirectory scratch;
  ResultFolder folder(scratch / "out", "simulate");
  EXPECT_THROW(folder.commit(), std::logic_error);
}

}  // namespace
}  // namespace neurodyn
