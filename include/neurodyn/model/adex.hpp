#pragma once
// Adaptive exponential integrate-and-fire, Brette R, Gerstner W (2005) J Neurophysiol 94:3637:
//
//   C v'      = -g_L (v - E_L) + g_L DeltaT exp((v - V_T)/DeltaT) - w + I
//   tau_w w'  = a (v - E_L) - w
//   if v >= V_peak:  v <- V_r,  w <- w + b
//
// Time in ms, v in mV, I and w in pA, C in pF, g_L and a in nS. The defaults are the tonic-spiking set of
// Naud R, Marcille N, Clopath C, Gerstner W (2008) Biol Cybern 99:335 (docs/reference.md section 3), with
// V_peak = 0 mV as in NEST's aeif models (the exponential makes v diverge, so the cutoff only needs to be
// well above V_T).
//
// v blows up in finite time (from -30 mV in microseconds with the defaults), so a numerical stage of a step
// that holds a spike can land far beyond V_peak, where exp overflows and w' takes absurd values that the
// located crossing would inherit. As NEST's aeif models do for the exponential, the whole field is evaluated
// at min(v, V_peak): the dynamics below the cutoff are untouched, and above it the field is frozen at its
// cutoff value, so an overshooting stage stays finite and w stays sane (RK4 at 0.01 ms then gets the
// adex-initial-burst spike times within 0.01 ms, against 2.7 ms wrong with the exponential alone capped).
#include <array>
#include <optional>

#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/scalar_ops.hpp"

namespace neurodyn {

template <class P>
struct BasicAdEx {
  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "adex";
  static constexpr std::string_view title = "Adaptive exponential integrate-and-fire (AdEx)";
  static constexpr std::string_view citation = "Brette R, Gerstner W (2005) J Neurophysiol 94:3637-3642";
  static constexpr std::string_view current_unit = "pA";
  static constexpr bool has_reset = true;

  P C;       // pF  membrane capacitance
  P g_L;     // nS  leak conductance
  P E_L;     // mV  leak reversal potential
  P V_T;     // mV  threshold of the exponential term
  P DeltaT;  // mV  slope factor (sharpness of the spike initiation)
  P a;       // nS  subthreshold adaptation
  P tau_w;   // ms  adaptation time constant
  P b;       // pA  spike-triggered adaptation (jump of w)
  P V_r;     // mV  reset potential
  P V_peak;  // mV  spike cutoff

  static constexpr std::array<ParameterField<BasicAdEx, P>, 10> parameters{{
      {{"C", "pF", 200.0, 1.0, 10000.0, "membrane capacitance"}, &BasicAdEx::C},
      {{"g_L", "nS", 10.0, 0.1, 1000.0, "leak conductance"}, &BasicAdEx::g_L},
      {{"E_L", "mV", -70.0, -100.0, 0.0, "leak reversal potential"}, &BasicAdEx::E_L},
      {{"V_T", "mV", -50.0, -100.0, 0.0, "threshold of the exponential term"}, &BasicAdEx::V_T},
      {{"DeltaT", "mV", 2.0, 0.1, 20.0, "slope factor: sharpness of the spike initiation"}, &BasicAdEx::DeltaT},
      {{"a", "nS", 2.0, -100.0, 100.0, "subthreshold adaptation"}, &BasicAdEx::a},
      {{"tau_w", "ms", 30.0, 0.1, 10000.0, "adaptation time constant"}, &BasicAdEx::tau_w},
      {{"b", "pA", 0.0, 0.0, 1000.0, "spike-triggered adaptation: jump of w after a spike"}, &BasicAdEx::b},
      {{"V_r", "mV", -58.0, -100.0, 0.0, "reset potential after a spike"}, &BasicAdEx::V_r},
      {{"V_peak", "mV", 0.0, -40.0, 100.0, "spike cutoff: v >= V_peak is a spike"}, &BasicAdEx::V_peak},
  }};
  // Fitting ranges: the spans of Naud et al. 2008's firing-pattern sets (docs/reference.md section 3), widened.
  static constexpr std::array<FittingRange, 9> fitting_ranges{{
      {"C", 20.0, 500.0}, {"g_L", 1.0, 50.0}, {"E_L", -85.0, -50.0}, {"V_T", -60.0, -35.0}, {"DeltaT", 0.5, 6.0},
      {"a", -15.0, 20.0}, {"tau_w", 10.0, 500.0}, {"b", 0.0, 200.0}, {"V_r", -70.0, -40.0},
  }};
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
      {"w", "pA", "adaptation current", -100000, 100000},
  }};

  constexpr BasicAdEx() { set_table_defaults(*this); }

  // exp((v - V_T)/DeltaT) with v held at V_peak above the cutoff, and its derivative in v.
  template <class T>
  T spike_exponential(const T& v) const {
    return ops::exp((ops::min<T>(v, V_peak) - V_T) / DeltaT);
  }
  P spike_exponential_slope(double v) const { return v < V_peak ? spike_exponential(v) / DeltaT : 0.0; }

  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T v = ops::min<T>(x[0], V_peak);
    const T& w = x[1];
    const T spike_current = g_L * DeltaT * spike_exponential(v);
    return {(-g_L * (v - E_L) + spike_current - w + drive.current) / C, (a * (v - E_L) - w) / tau_w};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - V_peak;
  }
  template <class T>
  std::array<T, 2> reset_map(const std::array<T, 2>& x) const {
    return {ops::filled_like(x[0], V_r), x[1] + b};
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    JacobianMatrix<2> j;
    const double below = x[0] < V_peak ? 1.0 : 0.0;  // the field is frozen at the cutoff above it
    j << g_L * (DeltaT * spike_exponential_slope(x[0]) - below) / C, -1.0 / C, below * a / tau_w, -1.0 / tau_w;
    return j;
  }
  State input_gradient(const State&) const { return State(1.0 / C, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  ResetOutcome<2> reset(const State& x) const { return {state_vector(reset_map(state_values(x))), 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State(1.0, 10.0); }

  // Voltage reduction: w at its steady state a (v - E_L).
  State steady_state_at(double v) const { return {v, a * (v - E_L)}; }

  // v0 given, w0 given or 0.
  State initial_state(double v0, std::optional<double> w0) const { return State(v0, w0.value_or(0.0)); }
  State default_initial_state() const { return initial_state(E_L, std::nullopt); }
};

using AdEx = BasicAdEx<double>;

static_assert(NeuronModel<AdEx>);

}  // namespace neurodyn
