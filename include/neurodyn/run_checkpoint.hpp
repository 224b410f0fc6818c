#pragma once
// Where a long run keeps its state so that a stopped run resumes (a PINN's training, a network, a sweep): a file
// written at most every interval_s and atomically (a temporary beside it, then renamed), holding the run's identity.
// Each kind of run defines what the file holds (pinn/training_checkpoint.hpp, population/network.hpp,
// population/sweep.hpp).
#include <chrono>
#include <filesystem>
#include <string>

namespace neurodyn {

struct RunCheckpoint {
  std::filesystem::path path;  // empty: no checkpoint
  std::string identity;        // the run's problem and settings (not its budget); another identity is refused
  double interval_s = 30.0;
  bool resume = false;  // start from the checkpoint at `path`

  bool resumes() const { return resume && !path.empty() && std::filesystem::exists(path); }
};

// When the next write is due: at most every interval_s, and whenever the caller says so (the end of a phase).
class CheckpointSchedule {
 public:
  explicit CheckpointSchedule(const RunCheckpoint& checkpoint) : checkpoint_(checkpoint) {}
  bool due(bool now) {
    if (checkpoint_.path.empty()) return false;
    const auto clock = std::chrono::steady_clock::now();
    if (!now && std::chrono::duration<double>(clock - last_).count() < checkpoint_.interval_s) return false;
    last_ = clock;
    return true;
  }

 private:
  const RunCheckpoint& checkpoint_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace neurodyn
