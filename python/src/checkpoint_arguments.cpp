#include "checkpoint_arguments.hpp"

#include <utility>

#include "neurodyn/error.hpp"

namespace neurodyn::python {

RunCheckpoint checkpoint_of(const CheckpointChoice& choice, std::string identity) {
  require_in_range("checkpoint_interval_s", choice.interval_s, 0.0, 1e9);
  if (choice.resume && !choice.path) throw InputError("resume=True needs checkpoint=, the file to resume from");
  RunCheckpoint checkpoint;
  if (!choice.path) return checkpoint;
  checkpoint.path = std::filesystem::absolute(*choice.path);
  checkpoint.identity = std::move(identity);
  checkpoint.interval_s = choice.interval_s;
  checkpoint.resume = choice.resume;
  return checkpoint;
}

void remove_completed(const RunCheckpoint& checkpoint) {
  if (!checkpoint.path.empty()) std::filesystem::remove(checkpoint.path);
}

}  // namespace neurodyn::python
