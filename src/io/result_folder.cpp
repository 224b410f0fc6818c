#include "neurodyn/io/result_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/fs.h>  // RENAME_EXCHANGE
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/version.hpp"
#include "temporary_name.hpp"

namespace neurodyn {

namespace {

constexpr std::string_view allowed =
    "allowed: a new path, an empty folder, or a folder an earlier neurodyn run wrote";

std::string system_reason(int error) { return std::error_code(error, std::generic_category()).message(); }

// Absolute, with `.`, `..`, symbolic links and a trailing separator gone.
std::filesystem::path resolved_path(const std::filesystem::path& directory) {
  std::error_code error;
  auto path = std::filesystem::weakly_canonical(std::filesystem::absolute(directory, error), error);
  if (error) throw FileError(fmt::format("--out {}: cannot resolve the path: {}", directory.string(), error.message()));
  if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
  return path;
}

// Whether `path` is `ancestor` or lies below it; both resolved.
bool is_within(const std::filesystem::path& path, const std::filesystem::path& ancestor) {
  return std::mismatch(ancestor.begin(), ancestor.end(), path.begin(), path.end()).first == ancestor.end();
}

// renameat2(RENAME_EXCHANGE) through the system call: glibc before 2.28 has no wrapper.
bool exchange_paths(const std::filesystem::path& one, const std::filesystem::path& other) {
  return ::syscall(SYS_renameat2, AT_FDCWD, one.c_str(), AT_FDCWD, other.c_str(), RENAME_EXCHANGE) == 0;
}

}  // namespace

std::filesystem::path checkpoint_beside(const std::filesystem::path& out, std::string_view kind) {
  const std::filesystem::path absolute = std::filesystem::absolute(out).lexically_normal();
  const std::filesystem::path folder = absolute.has_filename() ? absolute : absolute.parent_path();
  return folder.parent_path() / fmt::format(".{}.{}-checkpoint", folder.filename().string(), kind);
}

ResultFolder::ResultFolder(std::filesystem::path directory, std::string command)
    : directory_(std::move(directory)), resolved_(resolved_path(directory_)), command_(std::move(command)) {
  examine();
}

ResultFolder::~ResultFolder() {
  if (temporary_.empty() || committed_) return;
  std::error_code ignored;
  std::filesystem::remove_all(temporary_, ignored);
}

ResultFolder::Existing ResultFolder::examine() const {
  std::error_code error;
  const auto working_directory = std::filesystem::canonical(std::filesystem::current_path(error), error);
  if (!error && is_within(working_directory, resolved_)) {
    throw InputError(fmt::format("--out {}: is the current directory or one of its ancestors, which neurodyn never "
                                 "replaces; {}",
                                 directory_.string(), allowed));
  }
  const auto status = std::filesystem::symlink_status(resolved_, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    require_creatable();
    return Existing::none;
  }
  if (error) throw FileError(fmt::format("--out {}: cannot examine it: {}", directory_.string(), error.message()));
  if (status.type() != std::filesystem::file_type::directory) {
    throw InputError(fmt::format("--out {}: exists and is not a folder; {}", directory_.string(), allowed));
  }

  bool only_leftovers = true;
  for (std::filesystem::directory_iterator entry(resolved_, error), end; !error && entry != end;
       entry.increment(error)) {
    const std::string name = entry->path().filename().string();
    if (name == result_folder_marker) return Existing::earlier_result;
    only_leftovers = only_leftovers && is_stale_temporary(name);
  }
  if (error) throw FileError(fmt::format("--out {}: cannot list the folder: {}", directory_.string(), error.message()));
  if (!only_leftovers) {
    throw InputError(fmt::format("--out {}: the folder is not empty and no neurodyn run wrote it (it has no {}), so "
                                 "it is not replaced; {}",
                                 directory_.string(), result_folder_marker, allowed));
  }
  return Existing::empty;
}

void ResultFolder::require_creatable() const {
  // The nearest folder above that exists must take a new folder: made and removed at once to find out (a
  // permission check alone says yes to root on /proc).
  std::filesystem::path ancestor = resolved_.parent_path();
  std::error_code error;
  while (!std::filesystem::exists(ancestor, error) && ancestor != ancestor.root_path()) ancestor = ancestor.parent_path();
  const auto probe = ancestor / fmt::format(".neurodyn-probe-{}", ::getpid());
  if (::mkdir(probe.c_str(), 0700) != 0) {
    throw FileError(fmt::format("--out {}: cannot be created: making a folder in {} failed: {}", directory_.string(),
                                ancestor.string(), system_reason(errno)));
  }
  ::rmdir(probe.c_str());
}

void ResultFolder::remove_stale_temporaries() const {
  const std::string sibling_prefix = fmt::format(".{}.tmp-", resolved_.filename().string());
  auto remove_stale_in = [](const std::filesystem::path& folder, auto&& belongs) {
    std::error_code error;
    for (std::filesystem::directory_iterator entry(folder, error), end; !error && entry != end;
         entry.increment(error)) {
      const std::string name = entry->path().filename().string();
      std::error_code ignored;  // another run may be removing the same leftover
      if (belongs(name) && is_stale_temporary(name)) std::filesystem::remove_all(entry->path(), ignored);
    }
  };
  remove_stale_in(resolved_.parent_path(), [&](const std::string& name) {
    return name.starts_with(sibling_prefix) &&
           name.find_first_not_of("0123456789", sibling_prefix.size()) == std::string::npos;
  });
  remove_stale_in(resolved_, [](const std::string&) { return true; });
}

const std::filesystem::path& ResultFolder::start_writing() {
  if (!temporary_.empty()) return temporary_;
  examine();
  const auto parent = resolved_.parent_path();
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    throw FileError(fmt::format("--out {}: cannot create the directory {}: {}", directory_.string(), parent.string(),
                                error.message()));
  }
  remove_stale_temporaries();

  const auto temporary = temporary_path_for(resolved_);
  // A folder under this process's own pid was left by an earlier process that had the same pid.
  std::filesystem::remove_all(temporary, error);
  if (!error) std::filesystem::create_directory(temporary, error);
  if (error) {
    throw FileError(fmt::format("--out {}: cannot create the temporary folder {}: {}", directory_.string(),
                                temporary.string(), error.message()));
  }
  temporary_ = temporary;
  write_file_atomically(temporary_ / result_folder_marker, fmt::format("neurodyn {}\ncommand {}\n", version, command_));
  return temporary_;
}

void ResultFolder::commit() {
  if (temporary_.empty()) throw std::logic_error("ResultFolder::commit() before start_writing()");
  swap_in(examine());
  committed_ = true;
}

void ResultFolder::swap_in(Existing existing) {
  if (existing == Existing::none) {
    if (std::rename(temporary_.c_str(), resolved_.c_str()) != 0) {
      throw FileError(fmt::format("--out {}: renaming the finished temporary folder {} onto it failed: {}",
                                  directory_.string(), temporary_.string(), system_reason(errno)));
    }
    return;
  }
  if (!exchange_paths(temporary_, resolved_)) {
    throw FileError(fmt::format("--out {}: exchanging it with the finished temporary folder {} failed: {}",
                                directory_.string(), temporary_.string(), system_reason(errno)));
  }
  // The previous contents are now at the temporary path; what cannot be removed now is stale for a later run.
  std::error_code ignored;
  if (existing == Existing::earlier_result) {
    std::filesystem::remove_all(temporary_, ignored);
  } else {
    std::filesystem::remove(temporary_, ignored);
  }
}

}  // namespace neurodyn
