#pragma once
// Runs another program (gnuplot) so that it never outlives this process.
#include <filesystem>
#include <string>
#include <vector>

namespace neurodyn {

struct ProgramRun {
  int exit_status = -1;  // -1 when a signal ended the program
  std::string output;    // stdout and stderr, interleaved as written
};

// Runs `program` with `arguments` (its argv after argv[0]) and stdin from /dev/null, and waits for it.
// The child is killed (SIGKILL) when the calling thread ends, and so when this process dies by any means,
// SIGKILL included (prctl PR_SET_PDEATHSIG, Linux): a killed run leaves no program running on. Throws
// FileError naming the program and the system's reason if it cannot be started.
ProgramRun run_tied_program(const std::filesystem::path& program, const std::vector<std::string>& arguments);

}  // namespace neurodyn
