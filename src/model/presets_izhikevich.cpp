// Presets of the Izhikevich models: the 20 panels of the 2004 figure 1, the 2003 figure 2 cells and the
// 2007 book's cells (docs/reference.md sections 1.2, 1.3 and 2).
//
// Stimulus specs follow the published code's own inequalities: `step` is on for start < t < stop (open
// edges), `edges=closed` for start <= t <= stop, `const` for a baseline, `ramp` is slope (t - start) for
// start < t < stop.
#include <algorithm>
#include <fmt/format.h>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "preset_lists.hpp"

namespace neurodyn::detail {
namespace {

// One panel of the 2004 figure 1. The published scheme starts at u0 = b v0, the model's default for a
// given v0, except where u0 is set (panel R).
struct Panel2004 {
  std::string id;
  std::string feature;
  double a, b, c, d, v0, tau, t_end;
  std::string stimulus;
  int spike_count;              // under the published scheme (docs/reference.md 1.1)
  ParameterValues extra = {};   // parameters beyond a, b, c, d
  std::optional<double> u0 = {};
};

Preset izh2004_preset(const Panel2004& panel) {
  ParameterValues parameters{{"a", panel.a}, {"b", panel.b}, {"c", panel.c}, {"d", panel.d}};
  parameters.insert(panel.extra.begin(), panel.extra.end());
  return {.name = "izh2004-" + panel.id,
          .model = "izh2003",
          .description = fmt::format("{} (2004 figure 1, panel {})", panel.feature, panel.id),
          .source = "Izhikevich EM (2004) IEEE Trans Neural Netw 15:1063-1070, figure 1 and its MATLAB code",
          .parameters = parameters,
          .v0 = panel.v0,
          .u0 = panel.u0,
          .stimulus = panel.stimulus,
          .t_end_ms = panel.t_end,
          .published_dt_ms = panel.tau,
          .published_spike_count = panel.spike_count};
}

std::vector<Preset> izh2004_presets() {
  // Panels G and L use v' = 0.04 v^2 + 4.1 v + 108 - u + I.
  const ParameterValues integrator_polynomial{{"k1", 4.1}, {"k0", 108.0}};
  // Panel L's pulses start at T1 = T/11 with T = 100, then T1 + 5: the code's own double arithmetic,
  // printed with 17 significant digits so that the parsed edges are the same doubles.
  const double t1 = 100.0 / 11.0, t2 = t1 + 5.0;
  const std::string integrator_pulses =
      fmt::format("step:amp=9,start={:.17g},stop={:.17g}+step:amp=9,start={:.17g},stop={:.17g}+"
                  "step:amp=9,start=70,stop=72+step:amp=9,start=80,stop=82",
                  t1, t1 + 2.0, t2, t2 + 2.0);
  const std::vector<Panel2004> panels{
      {"A", "tonic spiking", 0.02, 0.2, -65, 6, -70, 0.25, 100, "step:amp=14,start=10", 5},
      {"B", "phasic spiking", 0.02, 0.25, -65, 6, -64, 0.25, 200, "step:amp=0.5,start=20", 1},
      {"C", "tonic bursting", 0.02, 0.2, -50, 2, -70, 0.25, 220, "step:amp=15,start=22", 28},
      {"D", "phasic bursting", 0.02, 0.25, -55, 0.05, -64, 0.2, 200, "step:amp=0.6,start=20", 6},
      {"E", "mixed mode", 0.02, 0.2, -55, 4, -70, 0.25, 160, "step:amp=10,start=16", 6},
      {"F", "spike frequency adaptation", 0.01, 0.2, -65, 8, -70, 0.25, 85, "step:amp=30,start=8.5", 6},
      {"G", "class 1 excitable", 0.02, -0.1, -55, 6, -60, 0.25, 300, "ramp:slope=0.075,start=30", 10,
       integrator_polynomial},
      {"H", "class 2 excitable", 0.2, 0.26, -65, 0, -64, 0.25, 300, "const:amp=-0.5+ramp:slope=0.015,start=30",
       14},
      {"I", "spike latency", 0.02, 0.2, -65, 6, -70, 0.2, 100, "step:amp=7.04,start=10,stop=13", 1},
      {"J", "subthreshold oscillations", 0.05, 0.26, -60, 0, -62, 0.25, 200, "step:amp=2,start=20,stop=25", 1},
      {"K", "resonator", 0.1, 0.26, -60, -1, -62, 0.25, 400,
       "pulses:amp=0.65,start=40,width=4,period=20,count=2+pulses:amp=0.65,start=280,width=4,period=40,count=2",
       1},
      {"L", "integrator", 0.02, -0.1, -55, 6, -60, 0.25, 100, integrator_pulses, 1, integrator_polynomial},
      {"M", "rebound spike", 0.03, 0.25, -60, 4, -64, 0.2, 200, "step:amp=-15,start=20,stop=25", 1},
      {"N", "rebound burst", 0.03, 0.25, -52, 0, -64, 0.2, 200, "step:amp=-15,start=20,stop=25", 7},
      {"O", "threshold variability", 0.03, 0.25, -60, 4, -64, 0.25, 100,
       "step:amp=1,start=10,stop=15+step:amp=-6,start=70,stop=75+step:amp=1,start=80,stop=85", 1},
      {"P", "bistability", 0.1, 0.26, -60, 0, -61, 0.25, 300,
       "const:amp=0.24+step:amp=1,start=37.5,stop=42.5+step:amp=1,start=216,stop=221", 5},
      // abs(t - 10) < 1 is 9 < t < 11 exactly (t - 10 is exact for t in [5, 20]).
      {"Q", "depolarizing after-potential", 1, 0.2, -60, -21, -70, 0.1, 50, "step:amp=20,start=9,stop=11", 1},
      // I = t/25 for t < 200, 0 until 300, (t - 300)/12.5*4 until 312.5; u' = a b (v + 65), u0 = -16.
      {"R", "accommodation", 0.02, 1, -55, 4, -65, 0.5, 400,
       "ramp:slope=0.04,start=0,stop=200+ramp:slope=0.32,start=300,stop=312.5", 1, {{"vu", -65.0}, {"u_decay", 0.0}},
       -16.0},
      // I = 80 if t < 50 or t > 250, else 75: 75 on the closed interval [50, 250].
      {"S", "inhibition-induced spiking", -0.02, -1, -60, 8, -63.8, 0.5, 350,
       "const:amp=80+step:amp=-5,start=50,stop=250,edges=closed", 3},
      {"T", "inhibition-induced bursting", -0.026, -1, -45, -2, -63.8, 0.5, 350,
       "const:amp=80+step:amp=-5,start=50,stop=250,edges=closed", 12},
  };
  std::vector<Preset> presets;
  for (const Panel2004& panel : panels) presets.push_back(izh2004_preset(panel));
  return presets;
}

// One cell of the 2003 figure 2 (published scheme with tau = 0.25 ms, u0 = b v0).
struct Cell2003 {
  std::string id;
  std::string description;
  double a, b, c, d, v0, t_end;
  std::string stimulus;
};

std::vector<Preset> izh2003_presets() {
  const std::vector<Cell2003> cells{
      {"RS", "regular spiking", 0.02, 0.2, -65, 8, -63, 150, "step:amp=14,start=15"},
      {"IB", "intrinsically bursting", 0.02, 0.2, -55, 4, -70, 150, "step:amp=11,start=15"},
      {"CH", "chattering", 0.02, 0.2, -50, 2, -70, 150, "step:amp=10,start=15"},
      {"FS", "fast spiking", 0.1, 0.2, -65, 2, -70, 150, "step:amp=10,start=15"},
      {"TC", "thalamo-cortical, tonic mode", 0.02, 0.25, -65, 0.05, -63, 150, "step:amp=1.5,start=30"},
      // I = -25 for t <= 45, then 0.
      {"TC-burst", "thalamo-cortical, rebound burst after hyperpolarisation", 0.02, 0.25, -65, 0.05, -87, 150,
       "const:amp=-25+step:amp=25,start=45"},
      // I = -2 for t <= 10, then -0.5, and 10 for 60 < t < 65.
      {"RZ", "resonator", 0.1, 0.26, -65, 2, -70, 100,
       "const:amp=-2+step:amp=1.5,start=10+step:amp=10.5,start=60,stop=65"},
      {"LTS", "low-threshold spiking", 0.02, 0.25, -65, 2, -63, 250, "step:amp=10,start=25"},
  };
  std::vector<Preset> presets;
  for (const Cell2003& cell : cells) {
    presets.push_back({.name = "izh2003-" + cell.id,
                       .model = "izh2003",
                       .description = fmt::format("{} (2003 figure 2)", cell.description),
                       .source = "Izhikevich EM (2003) IEEE Trans Neural Netw 14:1569-1572, figure 2",
                       .parameters = {{"a", cell.a}, {"b", cell.b}, {"c", cell.c}, {"d", cell.d}},
                       .v0 = cell.v0,
                       .u0 = std::nullopt,
                       .stimulus = cell.stimulus,
                       .t_end_ms = cell.t_end,
                       .published_dt_ms = 0.25,
                       .published_spike_count = std::nullopt});
  }
  return presets;
}

// A cell of the 2007 book, started at the book's v0 = vr, u0 = 0.
Preset izh2007_preset(std::string id, std::string description, ParameterValues parameters, std::string stimulus,
                      double t_end) {
  const double vr = parameters.at("vr");
  return {.name = "izh2007-" + id,
          .model = "izh2007",
          .description = std::move(description),
          .source = "Izhikevich EM (2007) Dynamical Systems in Neuroscience, MIT Press, ch. 8 (docs/reference.md 2)",
          .parameters = std::move(parameters),
          .v0 = vr,
          .u0 = 0.0,
          .stimulus = std::move(stimulus),
          .t_end_ms = t_end,
          .published_dt_ms = std::nullopt,
          .published_spike_count = std::nullopt};
}

// Steps from rest at 100 ms, chosen well above each cell's rheobase. Where u tracks b (v - vr) the resting
// state is lost in a saddle-node at I* = (k (vt - vr) + b)^2 / (4 k), with the b active just above rest:
// IB 350 pA, CH 160 pA, LTS 121 pA, TC 40 pA (b_depolarized = 0), RTN 49 pA (b_depolarized = 2). The FS
// cell's cubic u makes it start firing between 60 and 100 pA (a converged simulation).
std::vector<Preset> izh2007_presets() {
  return {
      izh2007_preset("RS",
                     "regular spiking L5 pyramidal cell: 70 pA step at 100 ms, six spikes (docs/reference.md 2.1)",
                     {{"C", 100}, {"k", 0.7}, {"vr", -60}, {"vt", -40}, {"vpeak", 35}, {"a", 0.03}, {"b", -2},
                      {"c", -50}, {"d", 100}},
                     "step:amp=70,start=100", 1000),
      izh2007_preset("IB", "intrinsically bursting L5 cell: 500 pA step at 100 ms, an initial burst then tonic spikes",
                     {{"C", 150}, {"k", 1.2}, {"vr", -75}, {"vt", -45}, {"vpeak", 50}, {"a", 0.01}, {"b", 5},
                      {"c", -56}, {"d", 130}},
                     "step:amp=500,start=100", 600),
      izh2007_preset("CH", "chattering cell: 600 pA step at 100 ms, repeated bursts of three spikes",
                     {{"C", 50}, {"k", 1.5}, {"vr", -60}, {"vt", -40}, {"vpeak", 25}, {"a", 0.03}, {"b", 1},
                      {"c", -40}, {"d", 150}},
                     "step:amp=600,start=100", 600),
      izh2007_preset("LTS",
                     "low-threshold spiking interneuron: 200 pA step at 100 ms, adapting spikes (cutoff "
                     "vpeak - 0.1u, reset c + 0.04u, u capped at 670)",
                     {{"C", 100}, {"k", 1}, {"vr", -56}, {"vt", -42}, {"vpeak", 40}, {"a", 0.03}, {"b", 8},
                      {"c", -53}, {"d", 20}, {"peak_u_slope", -0.1}, {"reset_u_slope", 0.04}, {"u_max", 670}},
                     "step:amp=200,start=100", 600),
      // The book's table lists d = -55 for FS, but its code has no u jump (u is slaved to the cubic U(v)):
      // d = 0.
      izh2007_preset("FS",
                     "fast spiking interneuron: 200 pA step at 100 ms, tonic spikes without adaptation (u "
                     "tracks 0.025 (v + 55)^3 above -55 mV, no u jump)",
                     {{"C", 20}, {"k", 1}, {"vr", -55}, {"vt", -40}, {"vpeak", 25}, {"a", 0.2}, {"b", -2},
                      {"c", -45}, {"d", 0}, {"u_cubic", 0.025}, {"vb", -55}},
                     "step:amp=200,start=100", 600),
      izh2007_preset("TC",
                     "thalamo-cortical relay cell, depolarising step from rest (not the rebound burst): 100 pA at "
                     "100 ms, tonic spikes (b = 0 above -65 mV, cutoff vpeak + 0.1u, reset c - 0.1u)",
                     {{"C", 200}, {"k", 1.6}, {"vr", -60}, {"vt", -50}, {"vpeak", 35}, {"a", 0.01}, {"b", 15},
                      {"c", -60}, {"d", 10}, {"peak_u_slope", 0.1}, {"reset_u_slope", -0.1}, {"b_switch_v", -65},
                      {"b_depolarized", 0}},
                     "step:amp=100,start=100", 600),
      izh2007_preset("RTN",
                     "reticular thalamic nucleus cell, depolarising step from rest (not the rebound burst): "
                     "100 pA at 100 ms, a doublet then tonic spikes (b = 2 above -65 mV)",
                     {{"C", 40}, {"k", 0.25}, {"vr", -65}, {"vt", -45}, {"vpeak", 0}, {"a", 0.015}, {"b", 10},
                      {"c", -55}, {"d", 50}, {"b_switch_v", -65}, {"b_depolarized", 2}},
                     "step:amp=100,start=100", 600),
  };
}

}  // namespace

std::vector<Preset> izhikevich_presets() {
  std::vector<Preset> presets = izh2004_presets();
  std::ranges::move(izh2003_presets(), std::back_inserter(presets));
  std::ranges::move(izh2007_presets(), std::back_inserter(presets));
  return presets;
}

}  // namespace neurodyn::detail
