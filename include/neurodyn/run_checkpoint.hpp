#pragma once
// Where a long run keeps its state so that a stopped run resumes (a PINN's training, a network, a sweep): a file
// written at most every interval_s and atomically (a temporary beside it, then renamed), holding the run's identity.
// Each kind of run defines what the file holds (pinn/training_checkpoint.hpp, population/network.hpp,
// population/sweep.hpp).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace neurodyn {

struct RunCheckpoint {
  std::filesystem::path path;  // empty: no checkpoint
  std::string identity;        // the run's problem and settings (not its budget); another identity is refused
  double interval_s = 30.0;
  bool resume = false;  // start from the checkpoint at `path`
  // Set by the caller (a Ctrl-C handler) to stop the run at its next chance: the run writes its checkpoint then,
  // whatever the interval, and throws RunInterrupted.
  const std::atomic<bool>* stop = nullptr;

  bool resumes() const { return resume && !path.empty() && std::filesystem::exists(path); }
  bool stop_requested() const { return stop != nullptr && stop->load(); }
};

// What a run throws when RunCheckpoint::stop stopped it, after writing its checkpoint.
class RunInterrupted : public std::runtime_error {
 public:
  RunInterrupted() : std::runtime_error("interrupted") {}
};

// When the next write is due: at most every interval_s, whenever the caller says so (the end of a phase), and when
// the run is asked to stop. A run calls stop_if_requested() after the write.
class CheckpointSchedule {
 public:
  explicit CheckpointSchedule(const RunCheckpoint& checkpoint) : checkpoint_(checkpoint) {}
  bool due(bool now) {
    if (checkpoint_.path.empty()) return false;
    const auto clock = std::chrono::steady_clock::now();
    if (!now && !checkpoint_.stop_requested() &&
        std::chrono::duration<double>(clock - last_).count() < checkpoint_.interval_s) {
      return false;
    }
    last_ = clock;
    return true;
  }
  void stop_if_requested() const {
    if (checkpoint_.stop_requested()) throw RunInterrupted();
  }

 private:
  const RunCheckpoint& checkpoint_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace neurodyn
