#pragma once
// Izhikevich 2003, "Simple model of spiking neurons", IEEE Trans. Neural Networks 14:1569.
//
//   v' = k2 v^2 + k1 v + k0 - u + I          (k2, k1, k0 = 0.04, 5, 140; panels G and L of the
//   u' = a (b (v - vu) - u_decay u)           2004 figure use 0.04, 4.1, 108)
//   if v >= vpeak:  v <- c,  u <- u + d
//
// The defaults vu = 0, u_decay = 1 give the paper's u' = a (b v - u); panel R ("accommodation") of the 2004
// figure uses u' = a b (v + 65), i.e. vu = -65, u_decay = 0. Time in ms, v in mV, I and u in the model's own
// units (mV/ms).
#include <array>
#include <cmath>
#include <optional>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

struct Izhikevich2003 {
  static constexpr int dimension = 2;
  using State = StateVector<2>;
  static constexpr std::string_view name = "izh2003";
  static constexpr std::string_view title = "Izhikevich 2003 simple model";
  static constexpr std::string_view citation = "Izhikevich EM (2003) IEEE Trans Neural Netw 14:1569-1572";
  static constexpr std::string_view current_unit = "mV/ms (model units)";
  static constexpr bool has_reset = true;
  static constexpr bool has_published_scheme = true;

  double a = 0.02;        // 1/ms     time scale of the recovery variable u
  double b = 0.2;         // 1        sensitivity of u to v
  double c = -65.0;       // mV       reset value of v after a spike
  double d = 8.0;         // mV/ms    jump of u after a spike
  double vpeak = 30.0;    // mV       spike cutoff
  double k2 = 0.04;       // 1/(mV ms) quadratic coefficient of v'
  double k1 = 5.0;        // 1/ms     linear coefficient of v'
  double k0 = 140.0;      // mV/ms    constant term of v'
  double vu = 0.0;        // mV       voltage offset in the u equation (-65 for panel R)
  double u_decay = 1.0;   // 1        weight of -u in the u equation (0 for panel R)

  static constexpr std::array<ParameterField<Izhikevich2003>, 10> parameters{{
      {{"a", "1/ms", 0.02, -1.0, 2.0, "time scale of the recovery variable u"}, &Izhikevich2003::a},
      {{"b", "", 0.2, -2.0, 2.0, "sensitivity of u to subthreshold v"}, &Izhikevich2003::b},
      {{"c", "mV", -65.0, -100.0, 0.0, "reset value of v after a spike"}, &Izhikevich2003::c},
      {{"d", "mV/ms", 8.0, -50.0, 50.0, "jump of u after a spike"}, &Izhikevich2003::d},
      {{"vpeak", "mV", 30.0, 0.0, 100.0, "spike cutoff: v >= vpeak is a spike"}, &Izhikevich2003::vpeak},
      {{"k2", "1/(mV ms)", 0.04, 0.001, 1.0, "quadratic coefficient of v'"}, &Izhikevich2003::k2},
      {{"k1", "1/ms", 5.0, 0.0, 20.0, "linear coefficient of v'"}, &Izhikevich2003::k1},
      {{"k0", "mV/ms", 140.0, 0.0, 500.0, "constant term of v'"}, &Izhikevich2003::k0},
      {{"vu", "mV", 0.0, -100.0, 100.0, "voltage offset in the u equation (-65 for panel R)"},
       &Izhikevich2003::vu},
      {{"u_decay", "", 1.0, 0.0, 1.0, "weight of -u in the u equation (0 for panel R)"},
       &Izhikevich2003::u_decay},
  }};
  static constexpr std::array<StateVariableInfo, 2> state_variables{{
      {"v", "mV", "membrane potential"},
      {"u", "mV/ms", "recovery variable"},
  }};

  State rhs(const State& x, Drive drive) const {
    const double v = x[0], u = x[1];
    return State(k2 * v * v + k1 * v + k0 - u + drive.current, a * (b * (v - vu) - u_decay * u));
  }
  JacobianMatrix<2> jacobian(const State& x, Drive) const {
    JacobianMatrix<2> j;
    j << 2.0 * k2 * x[0] + k1, -1.0, a * b, -a * u_decay;
    return j;
  }
  State input_gradient(const State&) const { return State(1.0, 0.0); }
  double guard(const State& x) const { return x[0] - vpeak; }
  ResetOutcome<2> reset(const State& x) const { return {State(c, x[1] + d), 0.0}; }
  State on_input_jump(const State& x, double, double) const { return x; }
  State error_scale() const { return State(1.0, 1.0); }

  // The paper's initial state: v0 given, u0 = b v0 unless stated.
  State initial_state(double v0, std::optional<double> u0) const {
    return State(v0, u0.value_or(b * (v0 - vu)));
  }
  State default_initial_state() const { return initial_state(-65.0, std::nullopt); }
};

static_assert(NeuronModel<Izhikevich2003>);

}  // namespace neurodyn
