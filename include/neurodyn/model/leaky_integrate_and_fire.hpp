#pragma once
// Leaky integrate-and-fire (Lapicque 1907; in the form of Gerstner W et al. (2014) Neuronal Dynamics, ch. 1):
//
//   C v' = -g_L (v - E_L) + I        i.e. tau_m v' = -(v - E_L) + R I,  tau_m = C/g_L,  R = 1/g_L
//   if v >= v_threshold:  v <- v_reset, held there for t_ref
//
// Time in ms, v in mV, I in pA, C in pF, g_L in nS (so tau_m in ms and R in GOhm: R I in mV for I in pA).
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <optional>

#include "neurodyn/error.hpp"
#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

struct LeakyIntegrateAndFire {
  static constexpr int dimension = 1;
  using State = StateVector<1>;
  static constexpr std::string_view name = "lif";
  static constexpr std::string_view title = "Leaky integrate-and-fire";
  static constexpr std::string_view citation =
      "Lapicque L (1907); Gerstner W, Kistler WM, Naud R, Paninski L (2014) Neuronal Dynamics, ch. 1";
  static constexpr std::string_view current_unit = "pA";
  static constexpr bool has_reset = true;

  double C = 250.0;           // pF  membrane capacitance
  double g_L = 25.0;          // nS  leak conductance
  double E_L = -70.0;         // mV  leak reversal (resting) potential
  double v_threshold = -50.0; // mV  spike threshold
  double v_reset = -70.0;     // mV  reset potential
  double t_ref = 2.0;         // ms  refractory period: v is held at v_reset this long

  static constexpr std::array<ParameterField<LeakyIntegrateAndFire>, 6> parameters{{
      {{"C", "pF", 250.0, 1.0, 10000.0, "membrane capacitance"}, &LeakyIntegrateAndFire::C},
      {{"g_L", "nS", 25.0, 0.1, 1000.0, "leak conductance (tau_m = C/g_L, R = 1/g_L)"},
       &LeakyIntegrateAndFire::g_L},
      {{"E_L", "mV", -70.0, -100.0, 0.0, "leak reversal (resting) potential"}, &LeakyIntegrateAndFire::E_L},
      {{"v_threshold", "mV", -50.0, -100.0, 50.0, "spike threshold: v >= v_threshold is a spike"},
       &LeakyIntegrateAndFire::v_threshold},
      {{"v_reset", "mV", -70.0, -100.0, 0.0, "reset potential after a spike"}, &LeakyIntegrateAndFire::v_reset},
      {{"t_ref", "ms", 2.0, 0.0, 100.0, "refractory period: v is held at v_reset"}, &LeakyIntegrateAndFire::t_ref},
  }};
  static constexpr std::array<StateVariableInfo, 1> state_variables{{
      {"v", "mV", "membrane potential"},
  }};

  double membrane_time_constant_ms() const { return C / g_L; }
  double resistance_gohm() const { return 1.0 / g_L; }

  State rhs(const State& x, Drive drive) const {
    return State::Constant((-g_L * (x[0] - E_L) + drive.current) / C);
  }
  JacobianMatrix<1> jacobian(const State&, Drive) const { return JacobianMatrix<1>::Constant(-g_L / C); }
  State input_gradient(const State&) const { return State::Constant(1.0 / C); }
  double guard(const State& x) const { return x[0] - v_threshold; }
  ResetOutcome<1> reset(const State&) const { return {State::Constant(v_reset), t_ref}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State::Constant(1.0); }

  State initial_state(double v0, std::optional<double> u0) const {
    if (u0) {
      throw InputError(fmt::format("u0 = {:g} is not allowed: lif has no recovery variable u; give v0 alone", *u0));
    }
    return State::Constant(v0);
  }
  State default_initial_state() const { return initial_state(E_L, std::nullopt); }
};

static_assert(NeuronModel<LeakyIntegrateAndFire>);

// The exact f-I curve (Hz) for a constant current I (pA), from v_reset after each refractory period:
// v(t) = E_L + R I + (v_reset - E_L - R I) exp(-t/tau_m) reaches v_threshold after
// tau_m ln((R I - (v_reset - E_L)) / (R I - (v_threshold - E_L))), so
//   f = 1000 / (t_ref + tau_m ln(...))   for R I > v_threshold - E_L, and 0 otherwise
// (REFERENCE.md section 3, there with v_reset = E_L). Assumes v_reset < v_threshold.
inline double lif_exact_rate_hz(const LeakyIntegrateAndFire& model, double current_pA) {
  const double drive_mV = model.resistance_gohm() * current_pA;
  const double threshold_rel = model.v_threshold - model.E_L, reset_rel = model.v_reset - model.E_L;
  if (!(drive_mV > threshold_rel)) return 0.0;
  const double time_to_threshold =
      model.membrane_time_constant_ms() * std::log((drive_mV - reset_rel) / (drive_mV - threshold_rel));
  return 1000.0 / (model.t_ref + time_to_threshold);
}

}  // namespace neurodyn
