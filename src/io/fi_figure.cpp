// fi.{png,svg} (include/neurodyn/io/fi_output.hpp): stacked v(t) at a few currents beside the f-I curve.
#include <fmt/format.h>

#include <algorithm>

#include "neurodyn/io/downsample.hpp"
#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/fi_output.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

constexpr std::size_t max_trace_points = 3000;
constexpr double traces_left = 0.08, traces_right = 0.53, curve_left = 0.62, curve_right = 0.97;
constexpr double top = 0.88, bottom = 0.10;
// Of each trace's share of the height: the strip above its panel that holds its label (no trace is there), and
// the gap below it.
constexpr double label_strip = 0.028, panel_gap = 0.010;

AxisRange common_range(const std::vector<FiTrace>& traces) {
  std::vector<double> extremes;
  for (const FiTrace& trace : traces) {
    const AxisRange range = range_of(trace.voltages);
    extremes.insert(extremes.end(), {range.low, range.high});
  }
  return range_of(extremes);
}

void append_traces(GnuplotJob& job, fmt::memory_buffer& commands, const ModelInfo& model,
                   const std::vector<FiTrace>& traces) {
  const AxisRange v = common_range(traces);
  const double height = (top - bottom) / static_cast<double>(traces.size());
  append(commands, "unset key\nset lmargin at screen {}\nset rmargin at screen {}\n", traces_left, traces_right);
  for (std::size_t i = 0; i < traces.size(); ++i) {
    const FiTrace& trace = traces[i];
    const auto kept = envelope_indices(trace.times_ms, trace.voltages, max_trace_points);
    const std::string name = fmt::format("trace{}", i);
    job.add_datablock(name, {pick(trace.times_ms, kept), pick(trace.voltages, kept)});
    const double panel_top = top - height * static_cast<double>(i) - label_strip;
    append(commands, "set tmargin at screen {:.4f}\nset bmargin at screen {:.4f}\n", panel_top,
           panel_top - (height - label_strip - panel_gap));
    append(commands, "set xrange {}\nset yrange {}\nset ytics {:.9g}\n", range_literal(range_of(trace.times_ms)),
           range_literal(widened(v, 0.05, 0.05)), nice_step(v.span(), 1.5));
    append(commands, "set label 1 {} at graph 0, graph 1 left offset 0, character 0.75 front font ',10'\n",
           gnuplot_quote(fmt::format("I = {:g} {}  ({} spike{})", trace.current, unit_symbol(model.current_unit),
                                     trace.spike_times_ms.size(), trace.spike_times_ms.size() == 1 ? "" : "s")));
    const bool last = i + 1 == traces.size();
    append(commands, "{}", last ? "set format x '%g'\nset xlabel 'time (ms)'\n" : "set format x ''\nunset xlabel\n");
    append(commands, "set ylabel {}\n",
           i == traces.size() / 2 ? axis_label("v", model.state_variables[0].unit) : std::string("''"));
    append(commands, "plot ${} using 1:2 with lines linewidth 1.0 linecolor rgb '{}'\nunset label 1\n", name,
           figure_colour::blue);
  }
}

// A vertical dashed line at x with a label near the top, on an opaque box: another mark's line close to the
// right does not cross it.
void append_mark(fmt::memory_buffer& commands, int tag, double x, std::string_view text, std::string_view colour,
                 double label_height) {
  append(commands, "set arrow {} from {:.9g}, graph 0 to {:.9g}, graph 1 nohead dashtype 2 linecolor rgb '{}'\n", tag,
         x, x, colour);
  append(commands,
         "set label {} {} at {:.9g}, graph {:.3f} left offset 0.5, 0 front boxed font ',9' textcolor rgb '{}'\n", tag,
         gnuplot_quote(text), x, label_height, colour);
}

void append_curve(GnuplotJob& job, fmt::memory_buffer& commands, const ModelInfo& model, const FiResult& result) {
  std::vector<double> currents, steady, first;
  for (const FiPoint& point : result.points) {
    currents.push_back(point.current);
    steady.push_back(point.steady_rate_hz);
    first.push_back(point.first_isi_rate_hz);
  }
  job.add_datablock("curve", {currents, steady, first});
  append(commands,
         "set lmargin at screen {}\nset rmargin at screen {}\nset tmargin at screen {}\nset bmargin at "
         "screen {}\n",
         curve_left, curve_right, top, bottom);
  append(commands,
         "set xrange {}\nset yrange [0:*]\nset ytics autofreq\nset format x '%g'\nset xlabel {}\n"
         "set ylabel 'rate (Hz)'\n",
         range_literal(widened(range_of(currents), 0.02, 0.02)), axis_label("I", model.current_unit));
  append(commands, "set key at graph 0.3, graph 0.98 left top reverse Left\nset style textbox opaque noborder\n");
  if (result.rheobase) {
    append_mark(commands, 11, result.rheobase->current, "rheobase", figure_colour::grey, 0.97);
  }
  if (result.sustained_onset) {
    append_mark(commands, 12, result.sustained_onset->above, "sustained onset", figure_colour::bluish_green, 0.91);
  }
  if (result.hysteresis) {
    int tag = 20;
    for (const auto& [low, high] : result.hysteresis->bistable_ranges) {
      append(commands,
             "set object {} rectangle from {:.9g}, graph 0 to {:.9g}, graph 1 fillcolor rgb '{}' fillstyle "
             "transparent solid 0.25 noborder\n",
             tag++, low, high, figure_colour::orange);
    }
    if (!result.hysteresis->bistable_ranges.empty()) {
      append(commands,
             "set label 13 'bistable' at {:.9g}, graph 0.85 left offset 0.5, 0 font ',9' textcolor rgb '{}'\n",
             result.hysteresis->bistable_ranges.front().first, figure_colour::orange);
    }
  }
  append(commands,
         "plot $curve using 1:2 with linespoints pointtype 7 pointsize 0.6 linewidth 1.4 linecolor rgb '{}' "
         "title 'steady rate (1 / mean ISI)', \\\n"
         "  $curve using 1:3 with linespoints pointtype 6 pointsize 0.6 dashtype 2 "
         "linewidth 1.2 linecolor rgb '{}' title 'first-ISI rate'\n",
         figure_colour::blue, figure_colour::vermillion);
}

}  // namespace

void write_fi_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                     const ModelInfo& model, const std::vector<FiTrace>& traces, const FiResult& result) {
  GnuplotJob job;
  fmt::memory_buffer commands;
  append(commands, "set multiplot title {} font ',13'\n", gnuplot_quote(title));
  if (!traces.empty()) append_traces(job, commands, model, traces);
  append_curve(job, commands, model, result);
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, path_without_extension, {1400, 800}, fmt::to_string(commands));
  job.run();
}

}  // namespace neurodyn
