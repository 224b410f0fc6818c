#pragma once
// The step-size rule of the adaptive methods (Hairer, Norsett & Wanner I, section II.4): the next step is
// the last one times safety * error_norm^(-1/error_order), clamped to [min_factor, max_factor]; a step with
// a non-finite result shrinks by non_finite_factor.
#include <algorithm>
#include <cmath>

namespace neurodyn::detail {

class StepSizeController {
 public:
  static constexpr double safety = 0.9;
  static constexpr double min_factor = 0.2;
  static constexpr double max_factor = 5.0;
  static constexpr double non_finite_factor = 0.25;

  explicit StepSizeController(double error_order) : error_order_(error_order) {}

  // The step to retry with after `step` was rejected (error_norm > 1, or a non-finite result).
  double after_rejection(double step, double error_norm, bool finite) const {
    return step * (finite ? std::max(min_factor, safety * std::pow(error_norm, -1.0 / error_order_))
                          : non_finite_factor);
  }

  // The next step after `step` was accepted with `error_norm` <= 1.
  double after_acceptance(double step, double error_norm) const {
    const double growth =
        error_norm > 0.0 ? std::min(max_factor, safety * std::pow(error_norm, -1.0 / error_order_)) : max_factor;
    return step * std::max(min_factor, growth);
  }

 private:
  double error_order_;
};

}  // namespace neurodyn::detail
