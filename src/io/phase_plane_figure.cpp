// phase.{png,svg} of `neurodyn phase` and of `neurodyn simulate` (include/neurodyn/io/phase_output.hpp): vector
// field, nullclines, fixed points by type and the trajectory of a run, its resets dotted and its start marked.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "plane_field.hpp"
#include "run_figures.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

constexpr std::size_t arrows_per_axis = 21;
constexpr double arrow_length = 0.028;  // of each axis's span
constexpr std::size_t nullcline_points = 1201;
// Samples of each run drawn: enough for the figure at any zoom of the SVG, few enough for gnuplot to be quick.
constexpr std::size_t max_plane_points = 20000;
constexpr double x_margin = 0.06, y_margin = 0.1;  // of each axis's span

// A run's samples on the plane's two axes, broken at its resets.
struct PlaneCurve {
  std::vector<double> x, y;
  std::vector<std::size_t> breaks;
};

// Samples before which the line is broken: where v falls across a spike time, the jump of a reset. The sample
// at the cutoff (at the spike time, before the reset) still ends the upstroke.
std::vector<std::size_t> reset_breaks(const FigureTrace& trace, const std::vector<double>& spike_times) {
  std::vector<std::size_t> breaks;
  const auto& t = trace.times;
  const auto& v = trace.states[0];
  for (std::size_t k = 1; k < t.size(); ++k) {
    const auto spike = std::lower_bound(spike_times.begin(), spike_times.end(), t[k - 1]);
    if (spike != spike_times.end() && *spike <= t[k] && v[k] < v[k - 1]) breaks.push_back(k);
  }
  return breaks;
}

PlaneCurve plane_curve(const PlaneRun& run) {
  FigureTrace trace = figure_trace(run.solution, max_plane_points);
  PlaneCurve curve{trace.states[run.axes[0]], trace.states[run.axes[1]], {}};
  if (model_info(run.model).has_reset) curve.breaks = reset_breaks(trace, run.solution.spike_times);
  return curve;
}

// Appends to `y` the turns of a sampled curve (its local extrema in y between finite samples: the knee of a
// parabola, the two of a cubic) that lie within one span of `near` (a turn far from the runs and fixed points
// would shrink them to a strip).
void append_turns(const std::vector<double>& curve_y, AxisRange near, std::vector<double>& y) {
  for (std::size_t i = 1; i + 1 < curve_y.size(); ++i) {
    const double before = curve_y[i] - curve_y[i - 1], after = curve_y[i + 1] - curve_y[i];
    const bool turn = std::isfinite(before) && std::isfinite(after) && before * after < 0.0;
    if (turn && curve_y[i] >= near.low - near.span() && curve_y[i] <= near.high + near.span()) y.push_back(curve_y[i]);
  }
}

// A curve sampled with NaN where it has no point: the finite stretches, separated by blank lines.
PlaneCurve finite_pieces(const std::vector<double>& x, const std::vector<double>& y) {
  PlaneCurve pieces;
  bool gap = false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(y[i])) {
      gap = true;
      continue;
    }
    if (gap && !pieces.x.empty()) pieces.breaks.push_back(pieces.x.size());
    gap = false;
    pieces.x.push_back(x[i]);
    pieces.y.push_back(y[i]);
  }
  return pieces;
}

// Arrows of one length on screen, pointing along the flow.
void add_field(GnuplotJob& job, const AnyModel& model, double current, const PhasePlaneDrawing& drawing) {
  const auto field =
      plane_field(model, current, drawing.x_low, drawing.x_high, drawing.y_low, drawing.y_high, arrows_per_axis);
  const double x_span = drawing.x_high - drawing.x_low, y_span = drawing.y_high - drawing.y_low;
  std::vector<double> x, y, dx, dy;
  for (std::size_t k = 0; k < field->x.size(); ++k) {
    const double ux = field->dx[k] / x_span, uy = field->dy[k] / y_span;
    const double norm = std::hypot(ux, uy);
    if (!(norm > 0.0) || !std::isfinite(norm)) continue;
    x.push_back(field->x[k]);
    y.push_back(field->y[k]);
    dx.push_back(arrow_length * x_span * ux / norm);
    dy.push_back(arrow_length * y_span * uy / norm);
  }
  job.add_datablock("field", {x, y, dx, dy});
}

// The jumps of the resets of a curve broken at them: from the sample before each break (the cutoff) to the one
// after (the reset point), two rows each.
void append_resets(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::size_t>& breaks,
                   PlaneCurve& resets) {
  for (const std::size_t k : breaks) {
    if (!resets.x.empty()) resets.breaks.push_back(resets.x.size());
    resets.x.insert(resets.x.end(), {x[k - 1], x[k]});
    resets.y.insert(resets.y.end(), {y[k - 1], y[k]});
  }
}

struct Marker {
  int point_type;
  std::string_view colour;
};

Marker marker_of(FixedPointType type) {
  switch (type) {
    case FixedPointType::stable_node:
    case FixedPointType::stable_focus:
      return {7, "#000000"};
    case FixedPointType::saddle:
    case FixedPointType::saddle_focus:
      return {5, figure_colour::reddish_purple};
    case FixedPointType::non_hyperbolic:
      return {9, figure_colour::orange};
    case FixedPointType::unstable_node:
    case FixedPointType::unstable_focus:
      break;
  }
  return {6, "#000000"};
}

// The plot items of the runs: the projected one below (a solid line, as its repeated cycles draw a closed
// curve; grey beside the plane's own trajectory, blue alone), the trajectory, the reset jumps dotted, and the
// start.
void append_runs(GnuplotJob& job, const PhasePlaneDrawing& drawing, std::string_view plane_model,
                 std::vector<std::string>& items) {
  PlaneCurve resets;
  const bool projected_only = drawing.trajectory_x.empty();
  if (!drawing.projected_x.empty()) {
    job.add_datablock("projected", {drawing.projected_x, drawing.projected_y}, drawing.projected_breaks);
    items.push_back(fmt::format("$projected using 1:2 with lines linewidth 1.0 linecolor rgb '{}' title {}",
                                projected_only ? figure_colour::blue : figure_colour::grey,
                                gnuplot_quote(drawing.projected_label)));
    append_resets(drawing.projected_x, drawing.projected_y, drawing.projected_breaks, resets);
  }
  if (!drawing.trajectory_x.empty()) {
    job.add_datablock("trajectory", {drawing.trajectory_x, drawing.trajectory_y}, drawing.trajectory_breaks);
    const std::string label = drawing.projected_x.empty() ? "trajectory" : fmt::format("{} run", plane_model);
    items.push_back(fmt::format("$trajectory using 1:2 with lines linewidth 1.2 linecolor rgb '{}' title {}",
                                figure_colour::blue, gnuplot_quote(label)));
    append_resets(drawing.trajectory_x, drawing.trajectory_y, drawing.trajectory_breaks, resets);
  }
  if (!resets.x.empty()) {
    job.add_datablock("resets", {resets.x, resets.y}, resets.breaks);
    items.push_back(fmt::format(
        "$resets using 1:2 with lines linewidth 0.9 dashtype 3 linecolor rgb '{}' title 'reset'", figure_colour::blue));
  }
  const auto& start_x = projected_only ? drawing.projected_x : drawing.trajectory_x;
  const auto& start_y = projected_only ? drawing.projected_y : drawing.trajectory_y;
  if (!start_x.empty()) {
    job.add_datablock("start", {std::span(start_x).first(1), std::span(start_y).first(1)});
    items.push_back(
        fmt::format("$start using 1:2 with points pointtype 7 pointsize 1.4 linecolor rgb '{}' title 'start'",
                    figure_colour::blue));
  }
}

void append_fixed_points(GnuplotJob& job, const PhaseAnalysis& analysis, std::vector<std::string>& items) {
  for (std::size_t k = 0; k < analysis.fixed_points.size(); ++k) {
    const FixedPoint& point = analysis.fixed_points[k];
    const Marker marker = marker_of(point.type);
    const std::string name = fmt::format("point{}", k);
    job.add_datablock(name, {std::span(point.state).first(1), std::span(point.state).subspan(1, 1)});
    items.push_back(fmt::format("${} using 1:2 with points pointtype {} pointsize 1.8 linecolor rgb '{}' title {}",
                                name, marker.point_type, marker.colour, gnuplot_quote(to_string(point.type))));
  }
}

}  // namespace

PhasePlaneDrawing phase_plane_drawing(const AnyModel& plane_model, const PhaseAnalysis& analysis,
                                      const std::optional<PlaneRun>& trajectory,
                                      const std::optional<PlaneRun>& projected) {
  PlaneCurve path = trajectory ? plane_curve(*trajectory) : PlaneCurve{};
  PlaneCurve shadow = projected ? plane_curve(*projected) : PlaneCurve{};
  std::vector<double> all_x = path.x, all_y = path.y;
  all_x.insert(all_x.end(), shadow.x.begin(), shadow.x.end());
  all_y.insert(all_y.end(), shadow.y.begin(), shadow.y.end());
  for (const FixedPoint& point : analysis.fixed_points) {
    all_x.push_back(point.state[0]);
    all_y.push_back(point.state[1]);
  }
  const AxisRange x = widened(range_of(all_x), x_margin, x_margin);

  PhasePlaneDrawing drawing;
  drawing.nullclines = nullclines(plane_model, analysis.current, x.low, x.high, nullcline_points);
  const AxisRange near = range_of(all_y);
  append_turns(drawing.nullclines.first, near, all_y);
  append_turns(drawing.nullclines.second, near, all_y);
  const AxisRange y = widened(range_of(all_y), y_margin, y_margin);
  drawing.x_low = x.low, drawing.x_high = x.high, drawing.y_low = y.low, drawing.y_high = y.high;
  drawing.trajectory_x = std::move(path.x);
  drawing.trajectory_y = std::move(path.y);
  drawing.trajectory_breaks = std::move(path.breaks);
  drawing.projected_x = std::move(shadow.x);
  drawing.projected_y = std::move(shadow.y);
  drawing.projected_breaks = std::move(shadow.breaks);
  if (projected) drawing.projected_label = fmt::format("{} run, projected", projected->model);
  return drawing;
}

void add_phase_plane_figure(GnuplotJob& job, const std::filesystem::path& path_without_extension,
                            std::string_view quoted_title, std::string_view key_title, const AnyModel& model,
                            const PhaseAnalysis& analysis, const PhasePlaneDrawing& drawing) {
  const ModelInfo& info = model_info(analysis.model);
  if (info.state_variables.size() != 2) {
    throw InputError(fmt::format("a phase plane needs a model with two state variables; {} has {}", info.name,
                                 info.state_variables.size()));
  }
  const auto& x_info = info.state_variables[0];
  const auto& y_info = info.state_variables[1];
  add_field(job, model, analysis.current, drawing);
  const PlaneCurve first = finite_pieces(drawing.nullclines.v, drawing.nullclines.first);
  const PlaneCurve second = finite_pieces(drawing.nullclines.v, drawing.nullclines.second);
  job.add_datablock("first", {first.x, first.y}, first.breaks);
  job.add_datablock("second", {second.x, second.y}, second.breaks);
  std::vector<std::string> items{
      "$field using 1:2:3:4 with vectors head size screen 0.006,25 filled linewidth 0.8 linecolor rgb '#B0B0B0' "
      "title 'flow'",
      fmt::format("$first using 1:2 with lines linewidth 1.8 dashtype 2 linecolor rgb '{}' title {}",
                  figure_colour::vermillion, gnuplot_quote(fmt::format("{}' = 0", x_info.name))),
      fmt::format("$second using 1:2 with lines linewidth 1.8 dashtype 2 linecolor rgb '{}' title {}",
                  figure_colour::bluish_green, gnuplot_quote(fmt::format("{}' = 0", y_info.name)))};
  append_runs(job, drawing, analysis.model, items);
  append_fixed_points(job, analysis, items);

  fmt::memory_buffer commands;
  append(commands, "set title {} font ',13'\n", quoted_title);
  append(commands, "set xlabel {}\nset ylabel {}\nset xrange [{:.9g}:{:.9g}]\nset yrange [{:.9g}:{:.9g}]\n",
         axis_label(x_info.name, x_info.unit), axis_label(y_info.name, y_info.unit), drawing.x_low, drawing.x_high,
         drawing.y_low, drawing.y_high);
  append(commands, "set key outside right top vertical reverse Left\nset rmargin 28\n");
  append(commands, "set key title {} left\n", gnuplot_quote(key_title));
  append(commands, "plot {}\n", fmt::join(items, ", \\\n  "));
  add_png_and_svg(job, path_without_extension, {1150, 800}, fmt::to_string(commands));
}

void write_phase_plane_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                              const AnyModel& model, const PhaseAnalysis& analysis, const PhasePlaneDrawing& drawing) {
  GnuplotJob job;
  const std::string key_title =
      fmt::format("I = {:.4g} {}", analysis.current, unit_symbol(model_info(analysis.model).current_unit));
  add_phase_plane_figure(job, path_without_extension, gnuplot_quote(title), key_title, model, analysis, drawing);
  job.run();
}

}  // namespace neurodyn
