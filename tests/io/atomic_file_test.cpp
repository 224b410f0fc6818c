#include "neurodyn/io/atomic_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "neurodyn/error.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::read_text;
using testing::ScratchDirectory;
using testing::write_text;

TEST(AtomicFile, WritesUnderAHiddenTemporaryNameAndRenamesOnCommit) {
  ScratchDirectory directory;
  AtomicFile file(directory / "trace.csv");
  EXPECT_EQ(file.temporary().parent_path(), directory.path());
  EXPECT_THAT(file.temporary().filename().string(), ::testing::StartsWith(".trace.csv.tmp-"));
  file.stream() << "time_ms\n1.5\n";
  EXPECT_FALSE(std::filesystem::exists(directory / "trace.csv"));  // nothing that looks whole before commit
  file.commit();
  EXPECT_EQ(read_text(directory / "trace.csv"), "time_ms\n1.5\n");
  EXPECT_THAT(directory.entries(), ElementsAre("trace.csv"));
}

TEST(AtomicFile, RemovesTheTemporaryFileWhenNotCommitted) {
  ScratchDirectory directory;
  {
    AtomicFile file(directory / "spikes.csv");
    file.stream() << "half a file";
    EXPECT_TRUE(std::filesystem::exists(file.temporary()));
  }
  EXPECT_TRUE(directory.entries().empty());
}

TEST(AtomicFile, LeavesTheTargetUntouchedWhenAnExceptionInterruptsTheWriting) {
  ScratchDirectory directory;
  write_text(directory / "trace.csv", "the previous result\n");
  auto write_half_then_fail = [&] {
    AtomicFile file(directory / "trace.csv");
    file.stream() << "the new result, first half\n";
    throw std::runtime_error("interrupted");
  };
  EXPECT_THROW(write_half_then_fail(), std::runtime_error);
  EXPECT_EQ(read_text(directory / "trace.csv"), "the previous result\n");
  EXPECT_THAT(directory.entries(), ElementsAre("trace.csv"));
}

TEST(AtomicFile, ReplacesAnExistingTargetOnCommit) {
  ScratchDirectory directory;
  write_text(directory / "config.toml", "old");
  write_file_atomically(directory / "config.toml", "new");
  EXPECT_EQ(read_text(directory / "config.toml"), "new");
}

TEST(AtomicFile, MissingDirectoryIsAFileErrorNamingIt) {
  ScratchDirectory directory;
  const auto target = directory.path() / "no-such-dir" / "trace.csv";
  try {
    AtomicFile file(target);
    FAIL() << "expected FileError";
  } catch (const FileError& error) {
    EXPECT_THAT(error.what(), HasSubstr(target.string()));
    EXPECT_THAT(error.what(), HasSubstr("does not exist"));
  }
  EXPECT_FALSE(std::filesystem::exists(directory.path() / "no-such-dir"));  // not created behind our back
}

TEST(AtomicFile, FailedRenameIsAFileErrorAndLeavesNoTemporaryFile) {
  ScratchDirectory directory;
  // A non-empty directory where the file should go: rename(2) cannot replace it.
  std::filesystem::create_directories(directory.path() / "trace.csv" / "inside");
  {
    AtomicFile file(directory / "trace.csv");
    file.stream() << "data";
    try {
      file.commit();
      FAIL() << "expected FileError";
    } catch (const FileError& error) {
      EXPECT_THAT(error.what(), HasSubstr((directory / "trace.csv").string()));
      EXPECT_THAT(error.what(), HasSubstr("renaming"));
    }
  }
  EXPECT_THAT(directory.entries(), ElementsAre("trace.csv"));
}

TEST(AtomicFile, UnwritableDirectoryIsAFileErrorWithTheSystemReason) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write anywhere";
  ScratchDirectory directory;
  std::filesystem::permissions(directory.path(),
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  EXPECT_THROW(
      {
        try {
          write_file_atomically(directory / "trace.csv", "data");
        } catch (const FileError& error) {
          EXPECT_THAT(error.what(), HasSubstr("Permission denied"));
          throw;
        }
      },
      FileError);
  std::filesystem::permissions(directory.path(), std::filesystem::perms::owner_all);
}

TEST(AtomicFile, WriteFileAtomicallyWritesExactBytes) {
  ScratchDirectory directory;
  const std::string contents("a\0b\r\n", 5);
  write_file_atomically(directory / "bytes.bin", contents);
  EXPECT_EQ(read_text(directory / "bytes.bin"), contents);
  EXPECT_THAT(directory.entries(), ElementsAre("bytes.bin"));
}

}  // namespace
}  // namespace neurodyn
