#include "neurodyn/analysis/voltage_peaks.hpp"

#include <fmt/format.h>

#include <cmath>

#include "neurodyn/error.hpp"

namespace neurodyn {

PeakFinder::PeakFinder(double prominence) : prominence_(prominence) {
  if (!(prominence > 0.0) || !std::isfinite(prominence)) {
    throw InputError(fmt::format("peak prominence = {:g} is not allowed; allowed: a finite value > 0", prominence));
  }
}

}  // namespace neurodyn
