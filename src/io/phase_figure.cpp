// phase.{png,svg}: the trajectory in the plane of the first two state variables. For two-variable models
// the nullclines (where one component of the vector field vanishes) are drawn as the zero contours of each
// component, computed by gnuplot from the field on a grid.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "figure_style.hpp"
#include "plane_field.hpp"
#include "run_figures.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

namespace {

constexpr std::size_t field_points_per_axis = 241;

// Rows before which the drawn trajectory is broken: the jumps of a reset (v falls across a spike time)
// are not part of the flow.
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

// Rows of the field grid: gnuplot reads a grid as blocks of constant x separated by blank lines.
std::vector<std::size_t> grid_rows(std::size_t n) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 1; i < n; ++i) rows.push_back(i * n);
  return rows;
}

}  // namespace

void add_phase_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure) {
  const auto& trace = figure.trace;
  const auto& model = figure.model;
  const auto& x_info = model.state_variables[0];
  const auto& y_info = model.state_variables[1];
  const auto x_range = widened(range_of(trace.states[0]), 0.06, 0.06);
  const auto y_range = widened(range_of(trace.states[1]), 0.1, 0.1);

  const auto breaks = model.has_reset ? reset_breaks(trace, figure.solution.spike_times) : std::vector<std::size_t>{};
  job.add_datablock("trajectory", {trace.times, trace.states[0], trace.states[1]}, breaks);
  job.add_datablock("start", {std::span(trace.states[0]).first(1), std::span(trace.states[1]).first(1)});

  fmt::memory_buffer commands;
  const double t_end = figure.run.problem.t_end;
  const double current = figure.run.problem.stimulus.at(t_end).current;
  const auto field = plane_field(figure.run.problem.model, current, x_range.low, x_range.high, y_range.low,
                                 y_range.high, field_points_per_axis);
  if (field) {
    job.add_datablock("field", {field->x, field->y, field->dx, field->dy}, grid_rows(field->points_per_axis));
    // Zero contours of each component into tables, then drawn as lines.
    append(commands,
           "set contour base\nunset surface\nset cntrparam linear levels discrete 0\n"
           "set table $x_nullcline\nsplot $field using 1:2:3 with lines\nunset table\n"
           "set table $y_nullcline\nsplot $field using 1:2:4 with lines\nunset table\n"
           "unset contour\n");
  }

  append(commands, "set multiplot title {} font ',13'\n", figure.title);
  append(commands, "set tmargin at screen 0.88\nset bmargin at screen 0.10\nset lmargin at screen 0.09\n");
  append(commands, "set xlabel {}\nset ylabel {}\nset xrange {}\nset yrange {}\n", axis_label(x_info.name, x_info.unit),
         axis_label(y_info.name, y_info.unit), range_literal(x_range), range_literal(y_range));
  append(commands, "set key outside right top vertical reverse Left\n");
  if (field) {
    // Say which input the nullclines belong to: they move with I.
    append(commands, "set key title {} left\n",
           gnuplot_quote(fmt::format("nullclines at\nI = {:.4g} {}\n(the input at t = {:.4g} ms)", current,
                                     unit_symbol(model.current_unit), t_end)));
  }
  append(commands, "plot ");
  if (field) {
    append(commands,
           "$x_nullcline using 1:2 with lines linewidth 1.6 dashtype 2 linecolor rgb '{}' title {}, \\\n  "
           "$y_nullcline using 1:2 with lines linewidth 1.6 dashtype 2 linecolor rgb '{}' title {}, \\\n  ",
           figure_colour::vermillion, gnuplot_quote(fmt::format("{}' = 0", x_info.name)), figure_colour::bluish_green,
           gnuplot_quote(fmt::format("{}' = 0", y_info.name)));
  }
  append(commands,
         "$trajectory using 2:3 with lines linewidth 1.2 linecolor rgb '{}' title 'trajectory', \\\n  "
         "$start using 1:2 with points pointtype 7 pointsize 1.3 linecolor rgb '{}' "
         "title 'start'\n",
         figure_colour::blue, figure_colour::blue);
  append(commands, "unset multiplot\n");

  add_png_and_svg(job, directory / "phase", {1100, 750}, fmt::to_string(commands));
}

}  // namespace neurodyn
