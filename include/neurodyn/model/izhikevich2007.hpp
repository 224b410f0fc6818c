#pragma once
// Izhikevich 2007, "Dynamical Systems in Neuroscience", MIT Press, chapter 8 (the simple model in physical
// units):
//
//   C v' = k (v - vr)(v - vt) - u + I
//   u'   = a (U(v) - u),        U(v) = b (v - vr)
//   if v >= vpeak:  v <- c,  u <- u + d
//
// Time in ms, v in mV, I and u in pA, C in pF, k in nS/mV, b in nS.
//
// The book's cells (docs/reference.md section 2) bend these rules; each bend is a parameter whose default leaves
// the plain model unchanged, so a cell is a parameter set and every rule is a slider:
//   peak_u_slope   spike cutoff vpeak + peak_u_slope u                 (LTS -0.1, TC +0.1)
//   reset_u_slope  reset v <- c + reset_u_slope u, u before its jump   (LTS +0.04, TC -0.1)
//   u_max          u <- min(u + d, u_max) at a spike                    (LTS 670; default 1e9 = no cap)
//   b_switch_v     U(v) = b (v - vr) for v <= b_switch_v and b_depolarized (v - vr) above
//                  (TC: b 15, b_depolarized 0; RTN: b 10, b_depolarized 2; both switch at -65 mV;
//                  default 1e9 mV = never); u' is then discontinuous in v and the Jacobian takes the active side
//   u_cubic, vb    when u_cubic > 0: U(v) = 0 for v < vb and u_cubic (v - vb)^3 above, replacing b (v - vr)
//                  (FS: u_cubic 0.025 pA/mV^3, vb -55 mV)
#include <array>
#include <optional>

#include "neurodyn/error.hpp"
#include "neurodyn/model/model_traits.hpp"
#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/power_series.hpp"
#include "neurodyn/model/scalar_ops.hpp"

namespace neurodyn {

template <class P>
struct BasicIzhikevich2007 {
  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "izh2007";
  static constexpr std::string_view title = "Izhikevich 2007 simple model (physical units)";
  static constexpr std::string_view citation =
      "Izhikevich EM (2007) Dynamical Systems in Neuroscience, MIT Press, ch. 8";
  static constexpr std::string_view current_unit = "pA";
  static constexpr bool has_reset = true;
  static constexpr bool has_published_scheme = true;

  P C;              // pF       membrane capacitance
  P k;              // nS/mV    gain of the quadratic current
  P vr;             // mV       resting potential
  P vt;             // mV       instantaneous threshold potential
  P vpeak;          // mV       spike cutoff
  P a;              // 1/ms     time scale of the recovery current u
  P b;              // nS       sensitivity of u to v (below b_switch_v)
  P c;              // mV       reset value of v after a spike
  P d;              // pA       jump of u after a spike
  P peak_u_slope;   // mV/pA    the cutoff is vpeak + peak_u_slope u
  P reset_u_slope;  // mV/pA    the reset is c + reset_u_slope u
  P u_max;          // pA       cap of u after its jump (1e9: no cap)
  P b_switch_v;     // mV       above this v, b_depolarized replaces b (1e9: never)
  P b_depolarized;  // nS       sensitivity of u to v above b_switch_v
  P u_cubic;        // pA/mV^3  > 0: U(v) = u_cubic (v - vb)^3 above vb, 0 below (FS cell)
  P vb;             // mV       onset of the cubic U(v)

  static constexpr std::array<ParameterField<BasicIzhikevich2007, P>, 16> parameters{{
      {{"C", "pF", 100.0, 1.0, 10000.0, "membrane capacitance"}, &BasicIzhikevich2007::C},
      {{"k", "nS/mV", 0.7, 0.01, 10.0, "gain of the quadratic current k (v - vr)(v - vt)"},
       &BasicIzhikevich2007::k},
      {{"vr", "mV", -60.0, -100.0, 0.0, "resting potential"}, &BasicIzhikevich2007::vr},
      {{"vt", "mV", -40.0, -100.0, 0.0, "instantaneous threshold potential"}, &BasicIzhikevich2007::vt},
      {{"vpeak", "mV", 35.0, -50.0, 100.0, "spike cutoff: v >= vpeak + peak_u_slope u is a spike"},
       &BasicIzhikevich2007::vpeak},
      {{"a", "1/ms", 0.03, -1.0, 2.0, "time scale of the recovery current u"}, &BasicIzhikevich2007::a},
      {{"b", "nS", -2.0, -100.0, 100.0, "sensitivity of u to v (for v <= b_switch_v)"}, &BasicIzhikevich2007::b},
      {{"c", "mV", -50.0, -100.0, 0.0, "reset value of v after a spike"}, &BasicIzhikevich2007::c},
      {{"d", "pA", 100.0, -1000.0, 2000.0, "jump of u after a spike"}, &BasicIzhikevich2007::d},
      {{"peak_u_slope", "mV/pA", 0.0, -1.0, 1.0, "cutoff vpeak + peak_u_slope u (LTS -0.1, TC 0.1)"},
       &BasicIzhikevich2007::peak_u_slope},
      {{"reset_u_slope", "mV/pA", 0.0, -1.0, 1.0, "reset c + reset_u_slope u (LTS 0.04, TC -0.1)"},
       &BasicIzhikevich2007::reset_u_slope},
      {{"u_max", "pA", 1e9, 0.0, 1e9, "cap of u after its jump (LTS 670; 1e9: no cap)"},
       &BasicIzhikevich2007::u_max},
      {{"b_switch_v", "mV", 1e9, -100.0, 1e9, "above this v, b_depolarized replaces b (TC, RTN -65; 1e9: never)"},
       &BasicIzhikevich2007::b_switch_v},
      {{"b_depolarized", "nS", 0.0, -100.0, 100.0, "sensitivity of u to v above b_switch_v (TC 0, RTN 2)"},
       &BasicIzhikevich2007::b_depolarized},
      {{"u_cubic", "pA/mV^3", 0.0, 0.0, 10.0, "> 0: u tracks u_cubic (v - vb)^3 above vb and 0 below (FS 0.025)"},
       &BasicIzhikevich2007::u_cubic},
      {{"vb", "mV", -55.0, -100.0, 0.0, "onset of the cubic u-nullcline (used when u_cubic > 0)"},
       &BasicIzhikevich2007::vb},
  }};
  // Fitting ranges: the spans of the book's cells (docs/reference.md section 2), widened.
  static constexpr std::array<FittingRange, 9> fitting_ranges{{
      {"C", 20.0, 500.0}, {"k", 0.1, 3.0}, {"vr", -85.0, -50.0}, {"vt", -60.0, -25.0}, {"vpeak", 0.0, 60.0},
      {"a", 0.001, 0.3}, {"b", -10.0, 20.0}, {"c", -70.0, -35.0}, {"d", 0.0, 400.0},
  }};
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "mV", "membrane potential", -150.0, 100.0},
      {"u", "pA", "recovery current", -100000, 100000},
  }};

  constexpr BasicIzhikevich2007() { set_table_defaults(*this); }

  // The value u relaxes to at fixed v, U(v).
  template <class T>
  T u_target(const T& v) const {
    const T cubic = ops::select<T>(v < vb, 0.0, u_cubic * (v - vb) * (v - vb) * (v - vb));
    const T linear = ops::select<T>(v <= b_switch_v, b, b_depolarized) * (v - vr);
    return ops::select<T>(u_cubic > 0.0, cubic, linear);
  }
  // dU/dv, the active side at a switch.
  P u_target_slope(double v) const {
    if (u_cubic > 0.0) return v < vb ? 0.0 : 3.0 * u_cubic * (v - vb) * (v - vb);
    return v <= b_switch_v ? b : b_depolarized;
  }

  template <class T>
  std::array<T, 2> field(const std::array<T, 2>& x, const BasicDrive<T>& drive) const {
    const T &v = x[0], &u = x[1];
    return {(k * (v - vr) * (v - vt) - u + drive.current) / C, a * (u_target(v) - u)};
  }
  template <class T>
  T spike_guard(const std::array<T, 2>& x) const {
    return x[0] - (vpeak + peak_u_slope * x[1]);
  }
  // The book's code resets v with u before its jump, then caps the jumped u.
  template <class T>
  std::array<T, 2> reset_map(const std::array<T, 2>& x) const {
    return {c + reset_u_slope * x[1], ops::min<T>(x[1] + d, u_max)};
  }

  State rhs(const State& x, Drive drive) const { return state_vector(field(state_values(x), drive)); }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    const double v = x[0];
    JacobianMatrix<2> j;
    j << k * (2.0 * v - vr - vt) / C, -1.0 / C, a * u_target_slope(v), -a;
    return j;
  }
  State input_gradient(const State&) const { return State(1.0 / C, 0.0); }
  double guard(const State& x) const { return spike_guard(state_values(x)); }
  ResetOutcome<2> reset(const State& x) const { return {state_vector(reset_map(state_values(x))), 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State(1.0, 10.0); }

  // Coefficient n + 1 of the series of the solution (power_series.hpp), for the plain model
  // (require_power_series): k (v - vr)(v - vt) = k (v^2 - (vr + vt) v + vr vt).
  State series_coefficient(const SeriesCoefficients<2>& series, int n, Drive input) const {
    const auto v = [&](int j) { return series[static_cast<std::size_t>(j)][0]; };
    const double first = n == 0 ? 1.0 : 0.0;
    const double u_n = series[static_cast<std::size_t>(n)][1];
    const double quadratic = k * (cauchy(v, v, n) - (vr + vt) * v(n) + first * vr * vt);
    const double dv = (quadratic - u_n + input_coefficient(input, n)) / C;
    const double du = a * (b * (v(n) - first * vr) - u_n);
    return State(dv, du) / (n + 1);
  }
  void require_power_series() const {
    if (u_cubic > 0.0 || b_switch_v < 1e9) {
      throw InputError("method = 'parker-sochacki' needs a polynomial right-hand side; the izh2007 rules "
                       "u_cubic > 0 and b_switch_v < 1e9 are piecewise; allowed: u_cubic = 0, b_switch_v = 1e9");
    }
  }

  // Voltage reduction: u at U(v).
  State steady_state_at(double v) const { return {v, u_target(v)}; }

  // The book's protocol: v0 given, u0 = 0 unless stated.
  State initial_state(double v0, std::optional<double> u0) const { return State(v0, u0.value_or(0.0)); }
  State default_initial_state() const { return initial_state(vr, std::nullopt); }
};

using Izhikevich2007 = BasicIzhikevich2007<double>;

static_assert(NeuronModel<Izhikevich2007>);

}  // namespace neurodyn
