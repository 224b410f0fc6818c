// phase.{png,svg} of `neurodyn phase` (include/neurodyn/io/phase_output.hpp): vector field, nullclines, fixed
// points by type and the trajectory of a run.
#include <fmt/format.h>

#include <cmath>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "plane_field.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

constexpr std::size_t arrows_per_axis = 21;
constexpr double arrow_length = 0.028;  // of each axis's span

// A curve sampled with NaN where it has no point: the finite stretches, separated by blank lines.
struct Pieces {
  std::vector<double> x, y;
  std::vector<std::size_t> breaks;
};

Pieces finite_pieces(const std::vector<double>& x, const std::vector<double>& y) {
  Pieces pieces;
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

}  // namespace

void write_phase_plane_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                              const AnyModel& model, const PhaseAnalysis& analysis, const PhasePlaneDrawing& drawing) {
  const ModelInfo& info = model_info(analysis.model);
  if (info.state_variables.size() != 2) {
    throw InputError(fmt::format("a phase plane needs a model with two state variables; {} has {}", info.name,
                                 info.state_variables.size()));
  }
  const auto& x_info = info.state_variables[0];
  const auto& y_info = info.state_variables[1];
  GnuplotJob job;
  add_field(job, model, analysis.current, drawing);
  const Pieces first = finite_pieces(drawing.nullclines.v, drawing.nullclines.first);
  const Pieces second = finite_pieces(drawing.nullclines.v, drawing.nullclines.second);
  job.add_datablock("first", {first.x, first.y}, first.breaks);
  job.add_datablock("second", {second.x, second.y}, second.breaks);
  if (!drawing.trajectory_x.empty()) {
    job.add_datablock("trajectory", {drawing.trajectory_x, drawing.trajectory_y}, drawing.trajectory_breaks);
  }
  if (!drawing.projected_x.empty()) job.add_datablock("projected", {drawing.projected_x, drawing.projected_y});

  fmt::memory_buffer commands;
  append(commands, "set title {} font ',13'\n", gnuplot_quote(title));
  append(commands, "set xlabel {}\nset ylabel {}\nset xrange [{:.9g}:{:.9g}]\nset yrange [{:.9g}:{:.9g}]\n",
         axis_label(x_info.name, x_info.unit), axis_label(y_info.name, y_info.unit), drawing.x_low, drawing.x_high,
         drawing.y_low, drawing.y_high);
  append(commands, "set key outside right top vertical reverse Left\nset rmargin 26\n");
  append(commands, "set key title {} left\n",
         gnuplot_quote(fmt::format("I = {:.4g} {}", analysis.current, unit_symbol(info.current_unit))));
  append(commands,
         "plot $field using 1:2:3:4 with vectors head size screen 0.006,25 filled linewidth 0.8 "
         "linecolor rgb '#B0B0B0' title 'flow', \\\n"
         "  $first using 1:2 with lines linewidth 1.8 dashtype 2 linecolor rgb '{}' title {}, \\\n"
         "  $second using 1:2 with lines linewidth 1.8 dashtype 2 linecolor rgb '{}' title {}",
         figure_colour::vermillion, gnuplot_quote(fmt::format("{}' = 0", x_info.name)), figure_colour::bluish_green,
         gnuplot_quote(fmt::format("{}' = 0", y_info.name)));
  if (!drawing.trajectory_x.empty()) {
    append(commands, ", \\\n  $trajectory using 1:2 with lines linewidth 1.2 linecolor rgb '{}' title 'trajectory'",
           figure_colour::blue);
  }
  if (!drawing.projected_x.empty()) {
    append(commands, ", \\\n  $projected using 1:2 with lines linewidth 1.3 dashtype 3 linecolor rgb '{}' title {}",
           figure_colour::grey, gnuplot_quote(drawing.projected_label));
  }
  for (std::size_t k = 0; k < analysis.fixed_points.size(); ++k) {
    const FixedPoint& point = analysis.fixed_points[k];
    const Marker marker = marker_of(point.type);
    const std::string name = fmt::format("point{}", k);
    job.add_datablock(name, {std::span(point.state).first(1), std::span(point.state).subspan(1, 1)});
    append(commands, ", \\\n  ${} using 1:2 with points pointtype {} pointsize 1.8 linecolor rgb '{}' title {}", name,
           marker.point_type, marker.colour, gnuplot_quote(to_string(point.type)));
  }
  append(commands, "\n");
  add_png_and_svg(job, path_without_extension, {1150, 800}, fmt::to_string(commands));
  job.run();
}

}  // namespace neurodyn
