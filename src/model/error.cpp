#include "neurodyn/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace neurodyn {

void require_in_range(const std::string& field, double value, double min, double max) {
  if (std::isnan(value)) {
    throw InputError(fmt::format("{} = nan is not a number; allowed: [{:g}, {:g}]", field, min, max));
  }
  if (!(value >= min && value <= max)) {
    throw InputError(fmt::format("{} = {:g} is out of range; allowed: [{:g}, {:g}]", field, value, min, max));
  }
}

}  // namespace neurodyn
