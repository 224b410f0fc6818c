#include "standard_normal.hpp"

#include <cmath>

namespace neurodyn::stimulus_detail {

double StandardNormal::symmetric_uniform() {
  // The top 53 bits as an integer in [0, 2^53), scaled exactly to [0, 2) and shifted.
  const auto bits = static_cast<double>(engine_() >> 11);
  return bits * 0x1p-52 - 1.0;
}

double StandardNormal::operator()() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // A point uniform in the unit disc (rejection), mapped radially: x sqrt(-2 ln s / s) and y sqrt(...) are
  // independent standard normals.
  double x = 0.0;
  double y = 0.0;
  double s = 0.0;
  do {
    x = symmetric_uniform();
    y = symmetric_uniform();
    s = x * x + y * y;
  } while (s >= 1.0 || s == 0.0);
  const double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = y * factor;
  has_spare_ = true;
  return x * factor;
}

}  // namespace neurodyn::stimulus_detail
