#pragma once
// The phase variable of a quadratic integrate-and-fire membrane (Ermentrout B, Kopell N (1986) SIAM J Appl Math
// 46:233; Ermentrout B (1996) Neural Comput 8:979): when v' = kappa (v - v*)^2 + q(u, I), the substitution
//
//   v = v* + s tan(theta),   s = 1 / (kappa * 1 ms)
//
// gives theta' = (v' cos^2 theta) / s = kappa s sin^2 theta + (q / s) cos^2 theta, whose right-hand side is
// bounded: the spike, a blow-up of v in finite time, becomes theta passing pi/2 at a finite rate. The vertex
// v* and the curvature kappa are read off the model's own v' (three evaluations; the form is exactly
// quadratic for izh2003 and izh2007). Units: v, v*, s in mV; kappa in 1/(mV ms); theta in rad; q in mV/ms.
#include <ATen/ATen.h>

namespace neurodyn {

struct ThetaForm {
  double kappa = 0.0;   // 1/(mV ms), the quadratic coefficient of v'
  double v_star = 0.0;  // mV, the vertex of v' as a function of v
  double scale = 0.0;   // mV, s = 1 / (kappa * 1 ms)

  // theta in (-pi/2, pi/2) for any finite v, and back.
  double theta_of(double v) const;
  double voltage_of(double theta) const;
  at::Tensor voltage_of(const at::Tensor& theta) const;
  // theta' (rad/ms) from theta and q = v'(v*) (mV/ms), the value of v' at the vertex for the current u and I.
  at::Tensor theta_rate(const at::Tensor& theta, const at::Tensor& q) const;
};

// v' at v = -64, 0, 64 mV (which give the form) and at -20, 20 mV (which check that it is quadratic).
struct VoltageRateSamples {
  double at_minus_64, at_zero, at_plus_64, at_minus_20, at_plus_20;
};

// The theta form of v' = dv_dt(v) at fixed other state and input. Throws InputError naming `model` when v' is not
// quadratic in v with a positive curvature.
ThetaForm theta_form_from_samples(const VoltageRateSamples& samples, const char* model);

template <class VoltageRate>
ThetaForm theta_form_of(VoltageRate&& dv_dt, const char* model) {
  return theta_form_from_samples({dv_dt(-64.0), dv_dt(0.0), dv_dt(64.0), dv_dt(-20.0), dv_dt(20.0)}, model);
}

}  // namespace neurodyn
