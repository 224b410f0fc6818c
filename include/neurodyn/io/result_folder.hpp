#pragma once
// A result folder, the `--out DIR` of every neurodyn subcommand, appears whole or not at all.
//
// Its files are written into a temporary sibling folder, PARENT/.NAME.tmp-<pid> (the same parent, so the
// same file system), which commit() swaps in at once: a rename when DIR does not exist, an exchange of the
// two folders (Linux renameat2 with RENAME_EXCHANGE) when it does, after which the previous contents, now
// at the temporary path, are removed. At every moment DIR is either the previous result or the new one,
// each complete: a run that fails, or is killed (even by SIGKILL) before commit, leaves DIR as it was.
// Every folder written so carries a marker file, `.neurodyn-result`, holding the version and the command.
//
// neurodyn never deletes or replaces a folder it did not create. DIR may be
//   - a path that does not exist (its missing parent directories are created when writing starts),
//   - an empty folder,
//   - a folder an earlier neurodyn run wrote (it holds the marker).
// A new path whose nearest existing folder cannot be written to (`--out /proc/x`) is refused (FileError) before
// any work too. Anything else is refused before any work is done: a folder with other contents and no marker, something
// that is not a folder, and the current directory or one of its ancestors (`--out .`). A symbolic link is
// followed: the folder it points to is the one replaced.
//
// Temporaries left by runs that were killed are removed when writing starts: sibling folders
// PARENT/.NAME.tmp-<pid> and entries DIR/.X.tmp-<pid> whose process no longer exists. Those of a running
// process are left alone. An existing folder holding nothing but such leftovers counts as empty.
#include <filesystem>
#include <string>
#include <string_view>

namespace neurodyn {

// The marker file inside every result folder neurodyn wrote.
inline constexpr std::string_view result_folder_marker = ".neurodyn-result";

// Where a long run that writes `out` keeps its checkpoint: beside the folder, which appears only whole, as its hidden
// sibling PARENT/.NAME.<kind>-checkpoint (kind: fit, network, sweep).
std::filesystem::path checkpoint_beside(const std::filesystem::path& out, std::string_view kind);

class ResultFolder {
 public:
  // Checks that `directory` may be written; changes nothing on disk. `command` (the subcommand) goes into
  // the marker. Throws InputError naming `--out`, the path and what is allowed if it is refused, FileError
  // if it cannot be examined.
  ResultFolder(std::filesystem::path directory, std::string command);
  ResultFolder(const ResultFolder&) = delete;
  ResultFolder& operator=(const ResultFolder&) = delete;
  // Removes the temporary folder with everything written into it, unless commit() succeeded.
  ~ResultFolder();

  // Starts writing: checks the directory again, removes stale temporaries, creates the missing parent
  // directories and the temporary folder with its marker. Returns the temporary folder: every result file
  // goes there under its final name. Throws as the constructor, or FileError if a folder cannot be created.
  const std::filesystem::path& start_writing();

  // Swaps the temporary folder in for the directory (checked once more) and removes the previous contents.
  // Throws FileError (or InputError) if it cannot; the directory is then unchanged. Requires
  // start_writing().
  void commit();

  // The directory as given, for messages.
  const std::filesystem::path& directory() const { return directory_; }

 private:
  enum class Existing { none, empty, earlier_result };

  // What is at the directory now; throws InputError if it is refused.
  Existing examine() const;
  // Throws FileError unless a folder can be made in the nearest existing folder above the directory.
  void require_creatable() const;
  void remove_stale_temporaries() const;
  void swap_in(Existing existing);

  std::filesystem::path directory_;  // as given
  std::filesystem::path resolved_;   // absolute, symbolic links resolved: the folder that is replaced
  std::string command_;
  std::filesystem::path temporary_;  // empty until start_writing()
  bool committed_ = false;
};

}  // namespace neurodyn
