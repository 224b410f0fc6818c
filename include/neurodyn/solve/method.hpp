#pragma once
// Methods are chosen by name at run time; each has options (step or tolerances, spike handling) and the
// published-scheme switches of docs/reference.md 1.1.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace neurodyn {

// How a spike inside a step is handled.
//   grid:    detected at the end of the step, reset there (what published codes do)
//   located: the crossing found inside the step with an interpolant of the method's order, the reset
//            applied at that time, and the rest of the step integrated from the reset state
enum class SpikeHandling { grid, located };

// What happens when backward Euler's Newton iteration fails on a step.
enum class NewtonFailurePolicy { fail, halve_step };

// The switches of the published Izhikevich codes (docs/reference.md 1.1). Defaults reproduce the 2004 figure.
struct PublishedSchemeOptions {
  bool u_from_new_v = true;        // false: u from the old v (plain forward Euler; NEST's default)
  bool reset_in_same_step = true;  // false: the reset falls at the start of the next step (GeNN)
  int v_substeps = 1;              // 2: two half steps for v (the 2003 network code)
};

struct MethodOptions {
  std::string name = "rk4";
  double dt = 0.01;             // ms: the step of fixed-step methods, the first step of adaptive ones
  double rtol = 1e-6;           // adaptive methods
  double atol = 1e-6;           // adaptive methods, multiplied by each variable's scale
  double min_step = 1e-12;      // ms: adaptive methods and Newton retries stop below it
  long long max_steps = 500'000'000;
  // Runaway guard: a run whose last `runaway_window` spikes come at a mean rate above max_rate_hz ends with
  // status runaway_burst (the accurate solution of 2004 panel T bursts without bound).
  double max_rate_hz = 10'000.0;
  int runaway_window = 10;
  int series_order = 0;          // parker-sochacki: terms of the power series; 0 = as many as atol/rtol need
  SpikeHandling spikes = SpikeHandling::located;
  NewtonFailurePolicy newton_failure = NewtonFailurePolicy::fail;
  PublishedSchemeOptions published;
};

struct MethodInfo {
  std::string_view name;
  std::string_view title;
  int order;          // classical order of convergence (0 where not meaningful)
  bool adaptive;      // uses rtol/atol
  bool implicit;      // uses the Jacobian
  std::string_view description;
};

const std::vector<MethodInfo>& method_catalog();

// Throws InputError naming the method and listing the known ones.
const MethodInfo& method_info(std::string_view method_name);

// The method with one setting of a ladder: rtol = atol = setting for an adaptive method, dt = setting (ms)
// for a fixed-step one; everything else at its default.
MethodOptions method_at(std::string_view method_name, double setting);

std::string_view to_string(SpikeHandling handling);
SpikeHandling parse_spike_handling(std::string_view text);  // throws InputError

}  // namespace neurodyn
