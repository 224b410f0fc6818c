// voltage.{png,svg}: v(t) with the spike times as ticks above the trace, and the stimulus in a panel below.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "figure_style.hpp"
#include "run_figures.hpp"
#include "stimulus_curve.hpp"
#include "text_buffer.hpp"

namespace neurodyn {

namespace {

constexpr std::size_t stimulus_grid_points = 4000;
constexpr double left = 0.09, right = 0.975;

// A stimulus with at most this many distinct values (a step, a pulse train) is labelled at its levels.
constexpr std::size_t max_level_ticks = 3;
// Ticks closer than this share of the levels' span would overlap in the narrow panel.
constexpr double min_tick_gap = 0.15;

// The distinct finite values of `currents`, or none when there are more than max_level_ticks.
std::vector<double> distinct_levels(const std::vector<double>& currents) {
  std::vector<double> levels;
  for (const double current : currents) {
    if (!std::isfinite(current) || std::ranges::find(levels, current) != levels.end()) continue;
    if (levels.size() == max_level_ticks) return {};
    levels.push_back(current);
  }
  return levels;
}

// The ticks of the stimulus axis: at the levels of a stimulus with few values (the amplitude of a step and 0,
// read off at a glance), round numbers for any other (noise, ramps, recorded currents); no two of them closer
// than min_tick_gap of the span, so that their labels do not overlap.
std::string current_tics(const Curve& stimulus, AxisRange levels) {
  std::vector<double> candidates = distinct_levels(stimulus.y);
  if (candidates.empty()) return tics_within("y", levels, 2.5);
  if (levels.low < 0.0 && levels.high > 0.0) candidates.push_back(0.0);
  std::vector<double> ticks;
  for (const double candidate : candidates) {
    const auto near = [&](double tick) { return std::abs(tick - candidate) < min_tick_gap * levels.span(); };
    if (std::ranges::none_of(ticks, near)) ticks.push_back(candidate);
  }
  std::ranges::sort(ticks);
  std::vector<std::string> labels;
  for (const double tick : ticks) labels.push_back(fmt::format("{:.4g}", tick));
  return fmt::format("set ytics ({})\n", fmt::join(labels, ", "));
}

void append_stimulus_panel(fmt::memory_buffer& commands, const RunFigure& figure, const Curve& stimulus) {
  const auto levels = range_of(stimulus.y);
  append(commands,
         "set tmargin at screen 0.29\nset bmargin at screen 0.10\n"
         "set format x '%g'\nset xlabel 'time (ms)'\nset ylabel {}\nset yrange {}\n{}"
         "plot $stimulus using 1:2 with lines linewidth 1.3 linecolor rgb '{}'\n",
         axis_label("I", figure.model.current_unit), range_literal(widened(levels, 0.2, 0.2)),
         current_tics(stimulus, levels), figure_colour::grey);
}

}  // namespace

void add_voltage_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure) {
  const auto& run = figure.run;
  const auto& trace = figure.trace;
  const auto& spikes = figure.solution.spike_times;
  const bool has_stimulus = !run.problem.stimulus.empty();

  job.add_datablock("voltage", {trace.times, trace.states[0]});
  const auto v = range_of(trace.states[0]);
  // Spike ticks sit in a band above the highest voltage.
  const double tick_bottom = v.high + 0.06 * v.span(), tick_length = 0.08 * v.span();
  if (!spikes.empty()) job.add_datablock("spikes", {spikes});
  const Curve stimulus =
      stimulus_curve(run.problem.stimulus, run.problem.t_start, run.problem.t_end, stimulus_grid_points);
  if (has_stimulus) job.add_datablock("stimulus", {stimulus.x, stimulus.y});

  fmt::memory_buffer commands;
  append(commands, "set multiplot title {} font ',13'\n", figure.title);
  append(commands, "set lmargin at screen {}\nset rmargin at screen {}\nset xrange [{:.9g}:{:.9g}]\n", left, right,
         run.problem.t_start, run.problem.t_end);
  append(commands, "set tmargin at screen 0.88\nset bmargin at screen {}\n", has_stimulus ? 0.35 : 0.10);
  append(commands, "set key at graph 1, graph 1.02 right bottom horizontal reverse Left width 1.5\n");
  append(commands, "set ylabel {}\nset yrange {}\n{}", axis_label("v", figure.model.state_variables[0].unit),
         range_literal({v.low - 0.05 * v.span(), tick_bottom + tick_length + 0.03 * v.span()}), tics_within("y", v));
  if (has_stimulus) {
    append(commands, "set format x ''\n");
  } else {
    append(commands, "set xlabel 'time (ms)'\n");
  }
  append(commands, "plot $voltage using 1:2 with lines linewidth 1.2 linecolor rgb '{}' title 'v'",
         figure_colour::blue);
  if (!spikes.empty()) {
    append(commands,
           ", \\\n  $spikes using 1:({:.9g}):(0):({:.9g}) with vectors nohead linewidth 1.5 linecolor rgb '{}' "
           "title '{} spike{}'",
           tick_bottom, tick_length, figure_colour::vermillion, spikes.size(), spikes.size() == 1 ? "" : "s");
  }
  append(commands, "\n");
  if (has_stimulus) append_stimulus_panel(commands, figure, stimulus);
  append(commands, "unset multiplot\n");

  add_png_and_svg(job, directory / "voltage", {1200, 700}, fmt::to_string(commands));
}

}  // namespace neurodyn
