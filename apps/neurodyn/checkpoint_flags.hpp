#pragma once
// --resume and --checkpoint-interval-s of the long runs that keep a checkpoint beside --out (network, sweep): the
// file DIR's hidden sibling .NAME.<kind>-checkpoint, written at most every interval and removed when the run's
// results are kept. One process keeps it: under several ranks there is none, and --resume is refused.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <string_view>

#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn::cli {

struct CheckpointFlags {
  bool resume = false;
  double interval_s = 30.0;
};

// `what` names what is kept ("the bins done", "the runs done").
void add_checkpoint_flags(CLI::App& command, CheckpointFlags& flags, std::string_view kind, std::string_view what);

// The run's checkpoint beside `out` with the run's identity (its effective config, less what does not change the
// result). Throws InputError for a negative interval, and for --resume under several ranks. Prints on stderr where
// a resumed run resumes from.
RunCheckpoint run_checkpoint(const CheckpointFlags& flags, const std::filesystem::path& out, std::string_view kind,
                             std::string identity);

}  // namespace neurodyn::cli
