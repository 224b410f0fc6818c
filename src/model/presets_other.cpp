// Presets of AdEx (Naud et al. 2008 firing patterns), FitzHugh-Nagumo, LIF and Hodgkin-Huxley (full and
// reduced to the plane)
// (docs/reference.md section 3).
#include <fmt/format.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "preset_lists.hpp"

namespace neurodyn::detail {
namespace {

// One firing-pattern set of Naud R, Marcille N, Clopath C, Gerstner W (2008) Biol Cybern 99:335, table 1;
// a value the paper does not give is the tonic set's (V_T = -50 mV and DeltaT = 2 mV in every set).
struct NaudSet {
  std::string name;
  std::string pattern;
  double C = 200.0, g_L = 10.0, E_L = -70.0, a = 2.0, tau_w = 30.0, b = 0.0, V_r = -58.0;
  double current = 500.0;  // pA
};

// The step starts at 10 ms, after a short baseline at rest (v = E_L, w = 0); 500 ms show the pattern.
Preset adex_preset(const NaudSet& set) {
  return {.name = "adex-" + set.name,
          .model = "adex",
          .description = fmt::format("{}: {:g} pA step at 10 ms from rest", set.pattern, set.current),
          .source = "Naud R, Marcille N, Clopath C, Gerstner W (2008) Biol Cybern 99:335-347, table 1",
          .parameters = {{"C", set.C}, {"g_L", set.g_L}, {"E_L", set.E_L}, {"V_T", -50.0}, {"DeltaT", 2.0},
                         {"a", set.a}, {"tau_w", set.tau_w}, {"b", set.b}, {"V_r", set.V_r}, {"V_peak", 0.0}},
          .v0 = set.E_L,
          .u0 = 0.0,
          .stimulus = fmt::format("step:amp={:g},start=10", set.current),
          .t_end_ms = 500.0,
          .published_dt_ms = std::nullopt,
          .published_spike_count = std::nullopt};
}

std::vector<Preset> adex_presets() {
  const std::vector<NaudSet> sets{
      {.name = "tonic", .pattern = "tonic spiking", .current = 500},
      {.name = "adaptation", .pattern = "spike-frequency adaptation", .g_L = 12, .tau_w = 300, .b = 60,
       .current = 500},
      {.name = "initial-burst", .pattern = "initial burst", .C = 130, .g_L = 18, .E_L = -58, .a = 4,
       .tau_w = 150, .b = 120, .V_r = -50, .current = 400},
      {.name = "regular-bursting", .pattern = "regular bursting", .C = 200, .g_L = 10, .E_L = -58, .a = 2,
       .tau_w = 120, .b = 100, .V_r = -46, .current = 210},
      {.name = "delayed-accelerating", .pattern = "delayed accelerating", .g_L = 12, .a = -10, .tau_w = 300,
       .b = 0, .V_r = -58, .current = 300},
      {.name = "delayed-regular-bursting", .pattern = "delayed regular bursting", .C = 100, .g_L = 10,
       .E_L = -65, .a = -10, .tau_w = 90, .b = 30, .V_r = -47, .current = 110},
      {.name = "transient", .pattern = "transient spiking", .C = 100, .g_L = 10, .E_L = -65, .a = 10,
       .tau_w = 90, .b = 100, .V_r = -47, .current = 180},
      {.name = "irregular", .pattern = "irregular spiking", .C = 100, .g_L = 12, .E_L = -60, .a = -11,
       .tau_w = 130, .b = 30, .V_r = -48, .current = 160},
  };
  std::vector<Preset> presets;
  for (const NaudSet& set : sets) presets.push_back(adex_preset(set));
  return presets;
}

// FitzHugh-Nagumo time is dimensionless; the program shows it as "ms". The classic parameters, started at
// rest, with a step of I = 0.5 (above the Hopf point 0.3313): periodic firing.
Preset fhn_preset(std::string name, std::string model, std::string form) {
  return {.name = std::move(name),
          .model = std::move(model),
          .description = fmt::format("classic FitzHugh-Nagumo{}, periodic firing for a step I = 0.5 at t = 10 "
                                     "(dimensionless time, shown as ms)",
                                     form),
          .source = "FitzHugh R (1961) Biophys J 1:445-466 (a = 0.7, b = 0.8, e = 0.08)",
          .parameters = {{"a", 0.7}, {"b", 0.8}, {"e", 0.08}},
          .v0 = std::nullopt,
          .u0 = std::nullopt,
          .stimulus = "step:amp=0.5,start=10",
          .t_end_ms = 300.0,
          .published_dt_ms = std::nullopt,
          .published_spike_count = std::nullopt};
}

// The classic cell in physical units: v = -40 + 20 x mV, one unit of time a millisecond, 0.005 per pA, so that a
// 100 pA step is the dimensionless preset's I = 0.5 and the two fire at the same times.
Preset fhn_scaled_preset() {
  return {.name = "fhn-scaled-classic",
          .model = "fhn-scaled",
          .description = "classic FitzHugh-Nagumo in mV, ms and pA: periodic firing for a 100 pA step at 10 ms",
          .source = "FitzHugh R (1961) Biophys J 1:445-466 (a = 0.7, b = 0.8, e = 0.08), mapped by v = -40 + 20 x mV",
          .parameters = {{"a", 0.7}, {"b", 0.8}, {"e", 0.08}, {"tau", 1.0}, {"v_offset", -40.0}, {"v_scale", 20.0},
                         {"gain", 0.005}},
          .v0 = std::nullopt,
          .u0 = std::nullopt,
          .stimulus = "step:amp=100,start=10",
          .t_end_ms = 300.0,
          .published_dt_ms = std::nullopt,
          .published_spike_count = std::nullopt};
}

// LIF with the defaults (tau_m = 10 ms, R = 40 MOhm, threshold 20 mV above rest, reset at rest), started at
// rest; the exact rate is lif_exact_rate_hz.
Preset lif_preset(std::string name, std::string description, double t_ref, double current) {
  return {.name = std::move(name),
          .model = "lif",
          .description = fmt::format("{}: {:g} pA step at 10 ms, t_ref = {:g} ms", description, current, t_ref),
          .source = "Gerstner W et al. (2014) Neuronal Dynamics, ch. 1 (parameters typical of cortical cells)",
          .parameters = {{"C", 250.0}, {"g_L", 25.0}, {"E_L", -70.0}, {"v_threshold", -50.0}, {"v_reset", -70.0},
                         {"t_ref", t_ref}},
          .v0 = -70.0,
          .u0 = std::nullopt,
          .stimulus = fmt::format("step:amp={:g},start=10", current),
          .t_end_ms = 200.0,
          .published_dt_ms = std::nullopt,
          .published_spike_count = std::nullopt};
}

constexpr const char* hh_source = "Hodgkin AL, Huxley AF (1952) J Physiol 117:500-544";

// Repetitive firing for a 10 uA/cm^2 step at 10 ms from rest (v0 = -65 mV, the gates at their steady state).
Preset hh_preset(std::string name, std::string model, std::string_view cell, std::string source) {
  return {.name = std::move(name),
          .model = std::move(model),
          .description = fmt::format("{}: repetitive firing for a 10 uA/cm^2 step at 10 ms from rest", cell),
          .source = std::move(source),
          .parameters = {},
          .v0 = -65.0,
          .u0 = std::nullopt,
          .stimulus = "step:amp=10,start=10",
          .t_end_ms = 100.0,
          .published_dt_ms = std::nullopt,
          .published_spike_count = std::nullopt};
}

}  // namespace

std::vector<Preset> other_presets() {
  std::vector<Preset> presets = adex_presets();
  presets.push_back(fhn_preset("fhn-classic", "fhn", ""));
  presets.push_back(fhn_preset("fhn-lienard-classic", "fhn-lienard", " in the second-order (Lienard) form"));
  presets.push_back(fhn_scaled_preset());
  presets.push_back(lif_preset("lif-cortical", "regular firing at 50.2 Hz", 2.0, 600.0));
  presets.push_back(lif_preset("lif-refractory", "firing at 83.8 Hz, refractory for 42% of each period", 5.0, 1000.0));
  presets.push_back(hh_preset("hh-squid", "hh", "squid giant axon", hh_source));
  presets.push_back(hh_preset("hh-reduced-squid", "hh-reduced", "the squid axon reduced to (v, n)",
                              "Rinzel J (1985) Fed Proc 44:2944-2946, on " + std::string(hh_source)));
  return presets;
}

}  // namespace neurodyn::detail
