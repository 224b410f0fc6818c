#include "neurodyn/pinn/theta_form.hpp"

#include <fmt/format.h>

#include <cmath>

#include "neurodyn/error.hpp"

namespace neurodyn {

double ThetaForm::theta_of(double v) const { return std::atan((v - v_star) / scale); }
double ThetaForm::voltage_of(double theta) const { return v_star + scale * std::tan(theta); }
at::Tensor ThetaForm::voltage_of(const at::Tensor& theta) const { return v_star + scale * at::tan(theta); }

at::Tensor ThetaForm::theta_rate(const at::Tensor& theta, const at::Tensor& q) const {
  const at::Tensor sine = at::sin(theta), cosine = at::cos(theta);
  return (kappa * scale) * (sine * sine) + (q / scale) * (cosine * cosine);
}

ThetaForm theta_form_from_samples(const VoltageRateSamples& f, const char* model) {
  // Wide samples (h = 64 mV, a power of two) keep the cancellation in the second difference small.
  const double kappa = (f.at_plus_64 + f.at_minus_64 - 2.0 * f.at_zero) / (2.0 * 64.0 * 64.0);
  const double slope = (f.at_plus_64 - f.at_minus_64) / (2.0 * 64.0);
  const auto quadratic = [&](double v) { return f.at_zero + slope * v + kappa * v * v; };
  const double size = std::abs(f.at_zero) + std::abs(f.at_plus_20) + std::abs(f.at_minus_20);
  const bool is_quadratic = std::abs(quadratic(20.0) - f.at_plus_20) <= 1e-9 * size &&
                            std::abs(quadratic(-20.0) - f.at_minus_20) <= 1e-9 * size;
  if (!(kappa > 0.0) || !is_quadratic) {
    throw InputError(
        fmt::format("the theta form needs v' quadratic in v with a positive curvature, as in izh2003 "
                    "and izh2007; {}'s v' is not (curvature {:g} 1/(mV ms))",
                    model, kappa));
  }
  ThetaForm form;
  form.kappa = kappa;
  form.v_star = -slope / (2.0 * kappa);
  form.scale = 1.0 / kappa;
  return form;
}

}  // namespace neurodyn
