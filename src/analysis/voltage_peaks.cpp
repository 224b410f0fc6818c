#include "neurodyn/analysis/voltage_peaks.hpp"

#include <cmath>
#include <fmt/format.h>

#include "neurodyn/error.hpp"

namespace neurodyn {

PeakFinder::PeakFinder(double prominence) : prominence_(prominence) {
  if (!(prominence > 0.0) || !std::isfinite(prominence)) {
    throw InputError(fmt::format("peak prominence = {:g} is not allowed; allowed: a finite value > 0", prominence));
  }
}

void PeakFinder::add(double t, double v) {
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

}  // namespace neurodyn
