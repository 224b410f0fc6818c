#pragma once
// Peaks of the membrane potential found as a trace is produced, without storing it: a peak is a maximum of v
// that stands at least `prominence` above the lowest v since the previous peak and after which v falls by at
// least `prominence` (a hysteresis of that height, so wiggles smaller than it are not peaks). It sees an
// oscillation whatever its level: a Hodgkin-Huxley cell driven hard oscillates with peaks below the 0 mV of
// its spike detector. Times in ms, v and the prominence in the units of the model's v.
#include <vector>

namespace neurodyn {

class PeakFinder {
 public:
  // Throws InputError unless prominence > 0 (and finite).
  explicit PeakFinder(double prominence);

  // The next sample of the trace (increasing t). Inline: the f-I curve calls it at every step of every run.
  void add(double t, double v) {
    if (!started_) {
      started_ = true;
      trough_ = top_ = v;
      top_time_ = t;
      return;
    }
    if (rising_) {
      if (v > top_) {
        top_ = v;
        top_time_ = t;
      } else if (v <= top_ - prominence_) {  // fell far enough from the top: a peak, if it rose far enough too
        if (top_ - trough_ >= prominence_) peak_times_.push_back(top_time_);
        rising_ = false;
        trough_ = v;
      }
    } else if (v < trough_) {
      trough_ = v;
    } else if (v >= trough_ + prominence_) {  // rose far enough from the trough: the next rise starts
      rising_ = true;
      top_ = v;
      top_time_ = t;
    }
  }

  const std::vector<double>& peak_times() const { return peak_times_; }

 private:
  double prominence_;
  bool rising_ = true;
  bool started_ = false;
  double trough_ = 0.0;  // the lowest v since the last peak
  double top_ = 0.0;     // the highest v since that trough, at top_time_
  double top_time_ = 0.0;
  std::vector<double> peak_times_;
};

}  // namespace neurodyn
