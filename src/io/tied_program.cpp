#include "tied_program.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "neurodyn/error.hpp"

namespace neurodyn {

namespace {

std::string system_reason(int error) { return std::error_code(error, std::generic_category()).message(); }

// read(2), retried when a signal interrupts it.
ssize_t read_some(int descriptor, void* buffer, std::size_t size) {
  ssize_t count = 0;
  do {
    count = ::read(descriptor, buffer, size);
  } while (count < 0 && errno == EINTR);
  return count;
}

// The exit status of `child` once it ended: its exit code, or -1 when a signal ended it.
int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// In the forked child: reports errno to the parent through `exec_error` and ends.
[[noreturn]] void fail_in_child(int exec_error) {
  const int code = errno;
  [[maybe_unused]] const ssize_t written = ::write(exec_error, &code, sizeof code);
  ::_exit(127);
}

// In the forked child: only async-signal-safe calls until exec, since another thread may have held a lock
// at the fork.
[[noreturn]] void become(char* const argv[], pid_t parent, int output, int exec_error) {
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail_in_child(exec_error);
  // The parent may have died before prctl took effect; then no signal would come.
  if (::getppid() != parent) ::_exit(127);
  const int input = ::open("/dev/null", O_RDONLY);
  if (input < 0 || ::dup2(input, STDIN_FILENO) < 0 || ::dup2(output, STDOUT_FILENO) < 0 ||
      ::dup2(output, STDERR_FILENO) < 0) {
    fail_in_child(exec_error);
  }
  ::execv(argv[0], argv);
  fail_in_child(exec_error);
}

}  // namespace

ProgramRun run_tied_program(const std::filesystem::path& program, const std::vector<std::string>& arguments) {
  std::vector<std::string> words{program.string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);

  // Close-on-exec, so that no other program started meanwhile holds an end open.
  int output[2];
  int exec_error[2];
  if (::pipe2(output, O_CLOEXEC) != 0) {
    throw FileError(fmt::format("cannot start {}: {}", program.string(), system_reason(errno)));
  }
  if (::pipe2(exec_error, O_CLOEXEC) != 0) {
    const int error = errno;
    ::close(output[0]);
    ::close(output[1]);
    throw FileError(fmt::format("cannot start {}: {}", program.string(), system_reason(error)));
  }
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child == 0) become(argv.data(), parent, output[1], exec_error[1]);
  const int fork_error = errno;
  ::close(output[1]);
  ::close(exec_error[1]);
  if (child < 0) {
    ::close(output[0]);
    ::close(exec_error[0]);
    throw FileError(fmt::format("cannot start {}: {}", program.string(), system_reason(fork_error)));
  }

  // Nothing arrives here when exec succeeds: the pipe closes with it.
  int start_error = 0;
  const bool failed_to_start = read_some(exec_error[0], &start_error, sizeof start_error) == sizeof start_error;
  ::close(exec_error[0]);
  ProgramRun run;
  if (!failed_to_start) {
    try {
      char chunk[4096];
      while (const ssize_t count = read_some(output[0], chunk, sizeof chunk)) {
        if (count < 0) break;
        run.output.append(chunk, static_cast<std::size_t>(count));
      }
    } catch (...) {
      ::kill(child, SIGKILL);
      ::close(output[0]);
      wait_for(child);
      throw;
    }
  }
  ::close(output[0]);
  run.exit_status = wait_for(child);
  if (failed_to_start) {
    throw FileError(fmt::format("cannot start {}: {}", program.string(), system_reason(start_error)));
  }
  return run;
}

}  // namespace neurodyn
