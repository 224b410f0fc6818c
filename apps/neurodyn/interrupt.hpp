#pragma once
// Ctrl-C in the long commands (fit, network, sweep, pinn): the first SIGINT asks the run to stop at its next
// chance, keeping what it has done (a fit its results so far, the others their checkpoint); a second one ends the
// process at once, as usual.
#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <string_view>
#include <utility>

#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn::cli {

inline std::atomic<bool> stop_requested{false};

extern "C" inline void request_stop(int) {
  stop_requested.store(true);
  std::signal(SIGINT, SIG_DFL);
}

// While it lives, SIGINT sets stop_requested (cleared at the start).
class StopOnInterrupt {
 public:
  StopOnInterrupt() : previous_(std::signal(SIGINT, request_stop)) { stop_requested.store(false); }
  ~StopOnInterrupt() { std::signal(SIGINT, previous_); }
  StopOnInterrupt(const StopOnInterrupt&) = delete;
  StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

 private:
  void (*previous_)(int);
};

// Runs `run` (which takes the checkpoint) with Ctrl-C as a stop request where the checkpoint keeps a file. A run so
// stopped has written its checkpoint: stderr says where and how to go on, and the process then ends by SIGINT as an
// unhandled Ctrl-C would (exit status 130 in a shell), having written no result.
template <class Run>
decltype(auto) run_stoppable(std::string_view command, RunCheckpoint checkpoint, Run&& run) {
  if (checkpoint.path.empty()) return std::forward<Run>(run)(checkpoint);
  const StopOnInterrupt interrupt;
  checkpoint.stop = &stop_requested;
  try {
    return std::forward<Run>(run)(checkpoint);
  } catch (const RunInterrupted&) {
    std::cerr << fmt::format(
        "{}: interrupted; what it has done is kept in {}: the same command with --resume goes on\n", command,
        checkpoint.path.string());
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    throw;  // SIGINT ends the process before this
  }
}

}  // namespace neurodyn::cli
