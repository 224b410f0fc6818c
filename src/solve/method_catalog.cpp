#include <algorithm>
#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/method.hpp"

namespace neurodyn {

const std::vector<MethodInfo>& method_catalog() {
  static const std::vector<MethodInfo> catalog{
      {"euler", "explicit (forward) Euler", 1, false, false, "x1 = x0 + h f(x0)"},
      {"izhikevich-published", "the scheme of Izhikevich's published code", 1, false, false,
       "Euler for v, then u from the new v, reset in the same step, spikes on the grid, samples labelled "
       "with the step's start (REFERENCE.md 1.1); switches: --u-from-old-v, --reset-next-step, --v-substeps 2"},
      {"backward-euler", "backward (implicit) Euler", 1, false, true,
       "x1 = x0 + h f(x1) solved by Newton with the analytic Jacobian; a step without solution is reported "
       "(--newton-failure fail|halve-step)"},
      {"midpoint", "explicit midpoint (RK2)", 2, false, false, "x1 = x0 + h f(x0 + h/2 f(x0))"},
      {"heun", "Heun's method (explicit trapezoid, RK2)", 2, false, false,
       "x1 = x0 + h/2 (f(x0) + f(x0 + h f(x0)))"},
      {"rk4", "classic Runge-Kutta 4", 4, false, false, "the classic four-stage fourth-order method"},
      {"rosenbrock-euler", "linearly implicit (Rosenbrock) Euler, adaptive", 2, true, true,
       "x1 = x0 + h (I - hJ)^-1 f(x0) with step doubling for the error estimate and local extrapolation; "
       "per-variable error norm (mV, pA scaled). The replaced project called it 'adaptive exponential "
       "Rosenbrock'"},
      {"exp-rosenbrock-euler", "exponential Rosenbrock-Euler", 2, false, true,
       "x1 = x0 + h phi1(hJ) f(x0) + h^2 phi2(hJ) df/dt, phi-functions of the exact Jacobian through the "
       "exponential of an augmented matrix (Hochbruck, Ostermann & Schweitzer 2009)"},
      {"exprb32", "adaptive exponential Rosenbrock 3(2)", 3, true, true,
       "exprb32 of Hochbruck, Ostermann & Schweitzer 2009: third order with exponential Rosenbrock-Euler as "
       "the embedded second-order estimate; the method the replaced project's name promised"},
      {"dopri5", "Dormand-Prince 5(4), adaptive", 5, true, false,
       "fifth-order explicit Runge-Kutta with an embedded fourth-order error estimate (per-variable norm), "
       "spike crossings located on its fourth-order dense output"},
      {"cvode-bdf", "SUNDIALS CVODE, BDF (orders 1-5)", 0, true, true,
       "variable-order, variable-step backward differentiation formulas with Newton and the analytic Jacobian; "
       "spikes by CVODE's rootfinding; restarted at every reset and input jump"},
      {"cvode-adams", "SUNDIALS CVODE, Adams-Moulton (orders 1-12)", 0, true, true,
       "variable-order, variable-step Adams-Moulton with Newton; spikes by CVODE's rootfinding; at rtol = atol = "
       "1e-14 the reference of `neurodyn compare`"},
      {"parker-sochacki", "Parker-Sochacki power series", 0, false, false,
       "Taylor series of the solution by Cauchy-product recurrences on a polynomial right-hand side (Stewart & "
       "Bair 2009), summed to --series-order terms or until they fall below atol/rtol; crossings located on "
       "the series. izh2003, izh2007, fhn, lif; inputs made of steps, pulses and ramps"},
  };
  return catalog;
}

const MethodInfo& method_info(std::string_view method_name) {
  const auto& catalog = method_catalog();
  const auto found = std::find_if(catalog.begin(), catalog.end(),
                                  [&](const MethodInfo& info) { return info.name == method_name; });
  if (found == catalog.end()) {
    std::vector<std::string_view> names;
    for (const auto& info : catalog) names.push_back(info.name);
    throw InputError(fmt::format("method = '{}' is not a known method; allowed: {}", method_name,
                                 fmt::join(names, ", ")));
  }
  return *found;
}

MethodOptions method_at(std::string_view method_name, double setting) {
  MethodOptions options;
  options.name = std::string(method_name);
  if (method_info(method_name).adaptive) {
    options.rtol = options.atol = setting;
  } else {
    options.dt = setting;
  }
  return options;
}

std::string_view to_string(SpikeHandling handling) {
  return handling == SpikeHandling::grid ? "grid" : "located";
}

SpikeHandling parse_spike_handling(std::string_view text) {
  if (text == "grid") return SpikeHandling::grid;
  if (text == "located") return SpikeHandling::located;
  throw InputError(fmt::format("spikes = '{}' is not a spike handling; allowed: grid, located", text));
}

}  // namespace neurodyn
