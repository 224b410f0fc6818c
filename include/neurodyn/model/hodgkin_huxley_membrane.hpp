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
#include "neurodyn/model/scalar_ops.hpp"

namespace neurodyn {

namespace hodgkin_huxley_detail {

// x / (1 - exp(-x)) and its derivative, without the 0/0 of x = 0 (the alpha_m and alpha_n singularities at
// v = -40 and -55 mV are removable). Near 0 the Taylor series 1 + x/2 + x^2/12 - x^4/720 (derivative
// 1/2 + x/6 - x^3/180) is exact to rounding for |x| < 1e-2; elsewhere expm1 avoids cancellation. The branches
// take a double or a dual, not a batch.
template <class T>
T x_over_one_minus_exp(const T& x) {
  if (ops::abs(x) < 1e-2) return 1.0 + x / 2.0 + x * x / 12.0 - x * x * x * x / 720.0;
  return x / -ops::expm1(-x);
}
// For x > 0: (1 - x/(e^x - 1)) / (1 - e^-x); for x < 0 the identity f(x) = x + f(-x) gives f'(x) = 1 - f'(-x),
// which stays finite where exp(-x) overflows.
template <class T>
T x_over_one_minus_exp_derivative(const T& x) {
  if (ops::abs(x) < 1e-2) return 0.5 + x / 6.0 - x * x * x / 180.0;
  if (x < 0.0) return 1.0 - x_over_one_minus_exp_derivative<T>(-x);
  return (1.0 - x / ops::expm1(x)) / -ops::expm1(-x);
}

}  // namespace hodgkin_huxley_detail

// The opening and closing rates of one gate at v (1/ms) and their derivatives in v (1/(ms mV)).
template <class T>
struct GateRates {
  T alpha, beta, alpha_slope, beta_slope;
  T steady_state() const { return alpha / (alpha + beta); }
  // d x_inf / dv = (alpha' beta - alpha beta') / (alpha + beta)^2
  T steady_state_slope() const {
    const T sum = alpha + beta;
    return (alpha_slope * beta - alpha * beta_slope) / (sum * sum);
  }
  T rate(const T& x) const { return alpha * (1.0 - x) - beta * x; }
  T rate_slope_v(const T& x) const { return alpha_slope * (1.0 - x) - beta_slope * x; }
  T rate_slope_x() const { return -(alpha + beta); }
};

template <class P>
struct BasicHodgkinHuxleyMembrane {
  static constexpr std::string_view current_unit = "uA/cm^2";

  P C_m;       // uF/cm^2  membrane capacitance
  P g_Na;      // mS/cm^2  maximal sodium conductance
  P g_K;       // mS/cm^2  maximal potassium conductance
  P g_L;       // mS/cm^2  leak conductance
  P E_Na;      // mV       sodium reversal potential
  P E_K;       // mV       potassium reversal potential
  P E_L;       // mV       leak reversal potential (sets the rest of the full model at -65 mV)
  P v_detect;  // mV       spike detection level of v

  // Fitting ranges: the conductances and the leak reversal, around the squid axon's values.
  static constexpr std::array<FittingRange, 4> fitting_ranges{{
      {"g_Na", 50.0, 200.0}, {"g_K", 10.0, 80.0}, {"g_L", 0.05, 1.0}, {"E_L", -70.0, -45.0}}};

  // The table of the members above, for a model M derived from this membrane.
  template <class M>
  static constexpr std::array<ParameterField<M, P>, 8> membrane_parameters() {
    return {{
        {{"C_m", "uF/cm^2", 1.0, 0.1, 10.0, "membrane capacitance"}, &BasicHodgkinHuxleyMembrane::C_m},
        {{"g_Na", "mS/cm^2", 120.0, 0.0, 500.0, "maximal sodium conductance"}, &BasicHodgkinHuxleyMembrane::g_Na},
        {{"g_K", "mS/cm^2", 36.0, 0.0, 200.0, "maximal potassium conductance"}, &BasicHodgkinHuxleyMembrane::g_K},
        {{"g_L", "mS/cm^2", 0.3, 0.0, 10.0, "leak conductance"}, &BasicHodgkinHuxleyMembrane::g_L},
        {{"E_Na", "mV", 50.0, 0.0, 100.0, "sodium reversal potential"}, &BasicHodgkinHuxleyMembrane::E_Na},
        {{"E_K", "mV", -77.0, -120.0, 0.0, "potassium reversal potential"}, &BasicHodgkinHuxleyMembrane::E_K},
        {{"E_L", "mV", -54.387, -100.0, 0.0, "leak reversal potential"}, &BasicHodgkinHuxleyMembrane::E_L},
        {{"v_detect", "mV", 0.0, -50.0, 50.0, "spike detection: an upward crossing of this v is a spike"},
         &BasicHodgkinHuxleyMembrane::v_detect},
    }};
  }

  template <class T>
  static GateRates<T> m_rates(const T& v) {
    using namespace hodgkin_huxley_detail;
    const T beta = 4.0 * ops::exp(-(v + 65.0) / 18.0);
    // 0.1 (v + 40) / (1 - exp(-(v + 40)/10)) = f((v + 40)/10), f(x) = x / (1 - exp(-x))
    return {x_over_one_minus_exp<T>((v + 40.0) / 10.0), beta,
            x_over_one_minus_exp_derivative<T>((v + 40.0) / 10.0) / 10.0, -beta / 18.0};
  }
  template <class T>
  static GateRates<T> h_rates(const T& v) {
    const T alpha = 0.07 * ops::exp(-(v + 65.0) / 20.0);
    const T beta = 1.0 / (1.0 + ops::exp(-(v + 35.0) / 10.0));
    return {alpha, beta, -alpha / 20.0, beta * (1.0 - beta) / 10.0};
  }
  template <class T>
  static GateRates<T> n_rates(const T& v) {
    using namespace hodgkin_huxley_detail;
    const T beta = 0.125 * ops::exp(-(v + 65.0) / 80.0);
    // 0.01 (v + 55) / (1 - exp(-(v + 55)/10)) = 0.1 f((v + 55)/10)
    return {0.1 * x_over_one_minus_exp<T>((v + 55.0) / 10.0), beta,
            0.01 * x_over_one_minus_exp_derivative<T>((v + 55.0) / 10.0), -beta / 80.0};
  }

  // The total ionic current g_Na m^3 h (v - E_Na) + g_K n^4 (v - E_K) + g_L (v - E_L) (uA/cm^2).
  template <class T>
  T ionic_current(const T& v, const T& m, const T& h, const T& n) const {
    return g_Na * m * m * m * h * (v - E_Na) + g_K * n * n * n * n * (v - E_K) + g_L * (v - E_L);
  }
};

}  // namespace neurodyn
