#pragma once
// Where a PINN run keeps its state so that a stopped run resumes: a file in LibTorch's archive format
// (torch::serialize), written at most every interval_s and atomically (a temporary beside it, then renamed), holding
// the run's identity. Every mode keeps one: the global networks their weights, Adam's moments and the schedule's
// state; the event-driven PINN the windows done so far; the inverse mode the Levenberg-Marquardt iterate.
#include <chrono>
#include <filesystem>
#include <string>

namespace neurodyn {

struct TrainingCheckpoint {
  std::filesystem::path path;  // empty: no checkpoint
  std::string identity;        // the run's problem and settings (not its budget); another identity is refused
  double interval_s = 30.0;
  bool resume = false;  // start from the checkpoint at `path` when it exists

  bool resumes() const { return resume && !path.empty() && std::filesystem::exists(path); }
};

// When the next write is due: at most every interval_s, and whenever the caller says so (the end of a phase).
class CheckpointSchedule {
 public:
  explicit CheckpointSchedule(const TrainingCheckpoint& checkpoint) : checkpoint_(checkpoint) {}
  bool due(bool now) {
    if (checkpoint_.path.empty()) return false;
    const auto clock = std::chrono::steady_clock::now();
    if (!now && std::chrono::duration<double>(clock - last_).count() < checkpoint_.interval_s) return false;
    last_ = clock;
    return true;
  }

 private:
  const TrainingCheckpoint& checkpoint_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace neurodyn
