#pragma once
// Whether a repeated piece of work (a network's bin) runs faster on the threads or on one, found by timing both
// now and then and keeping the faster in between. A bin forks and joins the threads; on a machine whose cores are
// busy with other work a thread that waits for a core holds up every bin, and the threads can cost many times what
// they save (converged net.m on 2 threads: 0.15 s idle, 0.7-7 s with other work beside it, 0.28 s on one).
// The result of the work must not depend on the choice (a network's does not depend on its threads).
#include <algorithm>
#include <chrono>
#include <cstdint>

namespace neurodyn::population_detail {

class ThreadChoice {
 public:
  using Duration = std::chrono::steady_clock::duration;

  // `possible`: whether the threads may be used at all.
  explicit ThreadChoice(bool possible) : possible_(possible) {}

  // Whether the next piece of work runs on the threads; report its wall time with done().
  bool on_threads() const {
    if (!possible_) return false;
    if (since_probe_ < probe) return true;       // timing the threads
    if (since_probe_ < 2 * probe) return false;  // timing one thread
    return threads_faster_;
  }

  void done(Duration elapsed) {
    if (!possible_) return;
    if (since_probe_ < probe) {
      threads_time_ += elapsed;
    } else if (since_probe_ < 2 * probe) {
      one_time_ += elapsed;
    }
    if (++since_probe_ == 2 * probe) {
      const bool faster = threads_time_ < one_time_;
      // The same answer twice: probe half as often (down to once in max_period pieces); another: as often as at first.
      period_ = faster == threads_faster_ ? std::min(2 * period_, max_period) : min_period;
      threads_faster_ = faster;
      threads_time_ = one_time_ = Duration{};
    }
    if (since_probe_ == period_) since_probe_ = 0;
  }

 private:
  static constexpr std::int64_t probe = 8;                            // pieces timed each way
  static constexpr std::int64_t min_period = 128, max_period = 2048;  // pieces from one probe to the next
  bool possible_;
  bool threads_faster_ = true;
  std::int64_t since_probe_ = 0, period_ = min_period;
  Duration threads_time_{}, one_time_{};
};

}  // namespace neurodyn::population_detail
