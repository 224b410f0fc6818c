#include "checkpoint_flags.hpp"

#include <fmt/format.h>

#include <iostream>

#include "neurodyn/error.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/population/ranks.hpp"

namespace neurodyn::cli {

void add_checkpoint_flags(CLI::App& command, CheckpointFlags& flags, std::string_view kind, std::string_view what) {
  command.add_flag(
      "--resume", flags.resume,
      fmt::format("continue a stopped run from its checkpoint beside --out (.DIR.{}-checkpoint: {}, "
                  "kept every --checkpoint-interval-s and at Ctrl-C, removed when the run completes); same "
                  "config and --out. One process only (not under mpirun)",
                  kind, what));
  command
      .add_option("--checkpoint-interval-s", flags.interval_s,
                  "seconds between checkpoints (default 30; 0: at every chance; none under mpirun)")
      ->type_name("S");
}

RunCheckpoint run_checkpoint(const CheckpointFlags& flags, const std::filesystem::path& out, std::string_view kind,
                             std::string identity) {
  require_in_range("--checkpoint-interval-s", flags.interval_s, 0.0, 1e9);
  RunCheckpoint checkpoint;
  if (Ranks::distributed()) {
    if (flags.resume) {
      throw InputError(
          fmt::format("--resume: a {} checkpoint is kept by one process, and this run has {} ranks; "
                      "resume without mpirun",
                      kind, Ranks::size()));
    }
    return checkpoint;
  }
  checkpoint.path = checkpoint_beside(out, kind);
  checkpoint.identity = std::move(identity);
  checkpoint.interval_s = flags.interval_s;
  checkpoint.resume = flags.resume;
  if (flags.resume) std::cerr << fmt::format("{}: resuming from {}\n", kind, checkpoint.path.string());
  return checkpoint;
}

}  // namespace neurodyn::cli
