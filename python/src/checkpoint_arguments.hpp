#pragma once
// The checkpoint arguments of the long runs (network, sweep): checkpoint (a file kept every checkpoint_interval_s
// and removed when the run completes), resume (continue from it).
#include <filesystem>
#include <optional>
#include <string>

#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn::python {

struct CheckpointChoice {
  std::optional<std::filesystem::path> path;  // none: no checkpoint
  bool resume = false;
  double interval_s = 30.0;
};

// The run's checkpoint with its identity. Throws InputError (ValueError) for resume without a checkpoint file and
// for an interval outside [0, 1e9] s.
RunCheckpoint checkpoint_of(const CheckpointChoice& choice, std::string identity);

// Removes the checkpoint of a completed run.
void remove_completed(const RunCheckpoint& checkpoint);

}  // namespace neurodyn::python
