// sweep.{png,svg} (include/neurodyn/io/sweep_output.hpp): the steady rate and the firing pattern of every run,
// over the first axis (a curve and a strip) or the first two (two maps).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/sweep_output.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

constexpr int pattern_count = static_cast<int>(FiringPattern::rebound_burst) + 1;

// Ten colours, one per pattern: the Okabe-Ito palette and greys.
constexpr std::string_view pattern_colours[pattern_count] = {"#DDDDDD", "#0072B2", "#56B4E9", "#D55E00", "#E69F00",
                                                             "#CC79A7", "#009E73", "#000000", "#F0E442", "#8C564B"};

std::string axis_title(const SweepSpec& spec, std::size_t axis) {
  const std::string& name = spec.axes[axis].name;
  if (name == "I") return axis_label("I", unit_symbol(model_info(spec.model).current_unit));
  const ModelInfo& model = model_info(spec.model);
  for (const ParameterInfo& parameter : model.parameters) {
    if (parameter.name == name) return axis_label(name, unit_symbol(parameter.unit));
  }
  return gnuplot_quote(name);
}

// The runs shown: with more than two axes, those at the first value of the others.
std::vector<std::size_t> shown_runs(const SweepSpec& spec, const SweepResult& result) {
  std::vector<std::size_t> runs;
  for (std::size_t run = 0; run < result.rows.size(); ++run) {
    bool first_of_others = true;
    for (std::size_t a = 2; a < spec.axes.size() && !spec.samples; ++a) {
      first_of_others = first_of_others && result.rows[run].values[a] == spec.axes[a].values.front();
    }
    if (first_of_others) runs.push_back(run);
  }
  return runs;
}

std::string pattern_palette() {
  std::string palette = "set palette maxcolors 10 defined (";
  for (int k = 0; k < pattern_count; ++k) palette += fmt::format("{}{} '{}'", k ? ", " : "", k, pattern_colours[k]);
  palette += ")\nset cbrange [-0.5:9.5]\nset cbtics (";
  for (int k = 0; k < pattern_count; ++k) {
    palette += fmt::format("{}{} {}", k ? ", " : "", gnuplot_quote(to_string(static_cast<FiringPattern>(k))), k);
  }
  return palette + ") font ',9'\n";
}

}  // namespace

void write_sweep_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                        const SweepSpec& spec, const SweepResult& result) {
  const auto runs = shown_runs(spec, result);
  const auto evenly_spaced = [](const std::vector<double>& values) {
    for (std::size_t i = 2; i < values.size(); ++i) {
      const double step = values[1] - values[0], gap = values[i] - values[i - 1];
      if (!(std::abs(gap - step) <= 1e-9 * std::max(std::abs(step), 1e-300))) return false;
    }
    return true;
  };
  const bool two_axes = spec.axes.size() >= 2;
  std::vector<double> x, y, rate, pattern;
  for (const std::size_t run : runs) {
    const SweepRow& row = result.rows[run];
    x.push_back(row.values[0]);
    y.push_back(two_axes ? row.values[1] : 0.0);
    rate.push_back(row.steady_rate_hz);
    pattern.push_back(static_cast<double>(static_cast<int>(row.pattern)));
  }
  // A grid of evenly spaced values on both axes is drawn as an image (one cell a run), anything else as squares.
  const bool image = two_axes && !spec.samples && evenly_spaced(spec.axes[0].values) &&
                     evenly_spaced(spec.axes[1].values) && spec.axes[0].values.size() > 1 &&
                     spec.axes[1].values.size() > 1;
  std::vector<std::size_t> row_starts;
  for (std::size_t i = 1; i < x.size(); ++i) {
    if (x[i] != x[i - 1]) row_starts.push_back(i);
  }
  GnuplotJob job;
  job.add_datablock("runs", {x, y, rate, pattern},
                    image ? std::span<const std::size_t>(row_starts) : std::span<const std::size_t>());
  const std::string style = "with image";
  fmt::memory_buffer commands;
  std::string subtitle;
  if (spec.axes.size() > 2) {
    for (std::size_t a = 2; a < spec.axes.size(); ++a) {
      subtitle +=
          fmt::format("{}{} = {:g}", subtitle.empty() ? " (at " : ", ", spec.axes[a].name, spec.axes[a].values.front());
    }
    subtitle += ")";
  }
  append(commands, "set multiplot title {} font ',13'\n", gnuplot_quote(std::string(title) + subtitle));
  const AxisRange xs = widened(range_of(x), 0.03, 0.03);
  append(commands, "set xrange {}\nset xlabel {}\n", range_literal(xs), axis_title(spec, 0));
  // A marker's size from the spacing of the runs: squares that tile a grid of up to a few hundred per side.
  const double per_side = two_axes ? std::sqrt(static_cast<double>(runs.size())) : static_cast<double>(runs.size());
  const double marker = std::clamp(40.0 / std::max(1.0, per_side), 0.3, 2.5);
  if (two_axes) {
    const AxisRange ys = widened(range_of(y), 0.03, 0.03);
    append(commands, "set yrange {}\nset ylabel {}\nunset key\n", range_literal(ys), axis_title(spec, 1));
    append(commands,
           "set origin 0,0\nset size 0.44,0.94\nset title 'steady rate (Hz)'\nset palette defined (0 '#440154', 1 "
           "'#3B528B', 2 '#21908C', 3 '#5DC863', 4 '#FDE725')\nset cbrange [0:*]\n"
           "set colorbox\nplot $runs using 1:2:3 {}\n",
           image ? style : fmt::format("with points pointtype 5 pointsize {:.3g} palette", marker));
    append(commands,
           "set origin 0.48,0\nset size 0.52,0.94\nset rmargin 16\nunset ylabel\nset title 'firing pattern'\n{}",
           pattern_palette());
    append(commands, "plot $runs using 1:2:4 {}\n",
           image ? style : fmt::format("with points pointtype 5 pointsize {:.3g} palette", marker));
  } else {
    append(commands,
           "set origin 0,0\nset size 0.44,0.94\nset title 'steady rate'\nset ylabel 'rate (Hz)'\nunset key\n"
           "set yrange [0:*]\nplot $runs using 1:3 with linespoints pointtype 7 pointsize 0.6 linecolor rgb '{}'\n",
           figure_colour::blue);
    append(commands,
           "set origin 0.48,0\nset size 0.52,0.94\nset rmargin 16\nset title 'firing pattern'\nset yrange "
           "[-0.5:0.5]\nunset ytics\n"
           "unset ylabel\n{}plot $runs using 1:2:4 with points pointtype 5 pointsize {:.3g} palette\n",
           pattern_palette(), std::max(marker, 1.5));
  }
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, path_without_extension, {1400, 600}, fmt::to_string(commands));
  job.run();
}

}  // namespace neurodyn
