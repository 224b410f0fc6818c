#pragma once
// What the Hodgkin-Huxley model and its two-variable reduction share: the membrane's parameters, their table,
// and the opening and closing rates of the gates. Hodgkin AL, Huxley AF (1952) J Physiol 117:500, in the
// modern sign convention with rest near -65 mV and the constants of Dayan P, Abbott LF (2001) Theoretical
// Neuroscience, section 5.6:
//
//   alpha_m = 0.1 (v + 40) / (1 - exp(-(v + 40)/10))    beta_m = 4 exp(-(v + 65)/18)
//   alpha_h = 0.07 exp(-(v + 65)/20)                    beta_h = 1 / (1 + exp(-(v + 35)/10))
//   alpha_n = 0.01 (v + 55) / (1 - exp(-(v + 55)/10))   beta_n = 0.125 exp(-(v + 65)/80)      (1/ms)
//
// v in mV, C_m in uF/cm^2, conductances in mS/cm^2, currents in uA/cm^2.
#include <array>
#include <cmath>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

namespace hodgkin_huxley_detail {

// x / (1 - exp(-x)) and its derivative, without the 0/0 of x = 0 (the alpha_m and alpha_n singularities at
// v = -40 and -55 mV are removable). Near 0 the Taylor series 1 + x/2 + x^2/12 - x^4/720 (derivative
// 1/2 + x/6 - x^3/180) is exact to rounding for |x| < 1e-2; elsewhere expm1 avoids cancellation.
inline double x_over_one_minus_exp(double x) {
  if (std::abs(x) < 1e-2) return 1.0 + x / 2.0 + x * x / 12.0 - x * x * x * x / 720.0;
  return x / -std::expm1(-x);
}
// For x > 0: (1 - x/(e^x - 1)) / (1 - e^-x); for x < 0 the identity f(x) = x + f(-x) gives f'(x) = 1 - f'(-x),
// which stays finite where exp(-x) overflows.
inline double x_over_one_minus_exp_derivative(double x) {
  if (std::abs(x) < 1e-2) return 0.5 + x / 6.0 - x * x * x / 180.0;
  if (x < 0.0) return 1.0 - x_over_one_minus_exp_derivative(-x);
  return (1.0 - x / std::expm1(x)) / -std::expm1(-x);
}

}  // namespace hodgkin_huxley_detail

struct HodgkinHuxleyMembrane {
  static constexpr std::string_view current_unit = "uA/cm^2";

  double C_m = 1.0;       // uF/cm^2  membrane capacitance
  double g_Na = 120.0;    // mS/cm^2  maximal sodium conductance
  double g_K = 36.0;      // mS/cm^2  maximal potassium conductance
  double g_L = 0.3;       // mS/cm^2  leak conductance
  double E_Na = 50.0;     // mV       sodium reversal potential
  double E_K = -77.0;     // mV       potassium reversal potential
  double E_L = -54.387;   // mV       leak reversal potential (sets the rest of the full model at -65 mV)
  double v_detect = 0.0;  // mV       spike detection level of v

  // The table of the members above, for a model M derived from this membrane.
  template <class M>
  static constexpr std::array<ParameterField<M>, 8> membrane_parameters() {
    return {{
        {{"C_m", "uF/cm^2", 1.0, 0.1, 10.0, "membrane capacitance"}, &HodgkinHuxleyMembrane::C_m},
        {{"g_Na", "mS/cm^2", 120.0, 0.0, 500.0, "maximal sodium conductance"}, &HodgkinHuxleyMembrane::g_Na},
        {{"g_K", "mS/cm^2", 36.0, 0.0, 200.0, "maximal potassium conductance"}, &HodgkinHuxleyMembrane::g_K},
        {{"g_L", "mS/cm^2", 0.3, 0.0, 10.0, "leak conductance"}, &HodgkinHuxleyMembrane::g_L},
        {{"E_Na", "mV", 50.0, 0.0, 100.0, "sodium reversal potential"}, &HodgkinHuxleyMembrane::E_Na},
        {{"E_K", "mV", -77.0, -120.0, 0.0, "potassium reversal potential"}, &HodgkinHuxleyMembrane::E_K},
        {{"E_L", "mV", -54.387, -100.0, 0.0, "leak reversal potential"}, &HodgkinHuxleyMembrane::E_L},
        {{"v_detect", "mV", 0.0, -50.0, 50.0, "spike detection: an upward crossing of this v is a spike"},
         &HodgkinHuxleyMembrane::v_detect},
    }};
  }

  // The opening and closing rates of one gate at v (1/ms) and their derivatives in v (1/(ms mV)).
  struct GateRates {
    double alpha, beta, alpha_slope, beta_slope;
    double steady_state() const { return alpha / (alpha + beta); }
    // d x_inf / dv = (alpha' beta - alpha beta') / (alpha + beta)^2
    double steady_state_slope() const {
      const double sum = alpha + beta;
      return (alpha_slope * beta - alpha * beta_slope) / (sum * sum);
    }
    double rate(double x) const { return alpha * (1.0 - x) - beta * x; }
    double rate_slope_v(double x) const { return alpha_slope * (1.0 - x) - beta_slope * x; }
    double rate_slope_x() const { return -(alpha + beta); }
  };
  static GateRates m_rates(double v) {
    using namespace hodgkin_huxley_detail;
    const double beta = 4.0 * std::exp(-(v + 65.0) / 18.0);
    // 0.1 (v + 40) / (1 - exp(-(v + 40)/10)) = f((v + 40)/10), f(x) = x / (1 - exp(-x))
    return {x_over_one_minus_exp((v + 40.0) / 10.0), beta,
            x_over_one_minus_exp_derivative((v + 40.0) / 10.0) / 10.0, -beta / 18.0};
  }
  static GateRates h_rates(double v) {
    const double alpha = 0.07 * std::exp(-(v + 65.0) / 20.0);
    const double beta = 1.0 / (1.0 + std::exp(-(v + 35.0) / 10.0));
    return {alpha, beta, -alpha / 20.0, beta * (1.0 - beta) / 10.0};
  }
  static GateRates n_rates(double v) {
    using namespace hodgkin_huxley_detail;
    const double beta = 0.125 * std::exp(-(v + 65.0) / 80.0);
    // 0.01 (v + 55) / (1 - exp(-(v + 55)/10)) = 0.1 f((v + 55)/10)
    return {0.1 * x_over_one_minus_exp((v + 55.0) / 10.0), beta,
            0.01 * x_over_one_minus_exp_derivative((v + 55.0) / 10.0), -beta / 80.0};
  }

  // The total ionic current g_Na m^3 h (v - E_Na) + g_K n^4 (v - E_K) + g_L (v - E_L) (uA/cm^2).
  double ionic_current(double v, double m, double h, double n) const {
    return g_Na * m * m * m * h * (v - E_Na) + g_K * n * n * n * n * (v - E_K) + g_L * (v - E_L);
  }
};

}  // namespace neurodyn
