#include "figure_style.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

namespace {

// Sans-serif text at print-readable size, thin dark axes on the left and bottom only, ticks outside.
constexpr std::string_view common_style =
    "reset\n"
    "set encoding utf8\n"
    "set border 3 linewidth 1.0 linecolor rgb '#333333'\n"
    "set tics nomirror out scale 0.6 textcolor rgb '#222222'\n"
    "set key noautotitle nobox samplen 2.5 spacing 1.15\n";

constexpr std::string_view font = "DejaVu Sans";

}  // namespace

void add_png_and_svg(GnuplotJob& job, const std::filesystem::path& path_without_extension, FigureSize size,
                     std::string_view commands) {
  const auto png = job.add_output(std::filesystem::path(path_without_extension).concat(".png"));
  const auto svg = job.add_output(std::filesystem::path(path_without_extension).concat(".svg"));
  auto& script = job.script();
  append(script, "set terminal pngcairo size {},{} noenhanced font '{},12' linewidth 1.3 rounded\n", size.width,
         size.height, font);
  append(script, "set output {}\n{}{}\nunset output\n", png, common_style, commands);
  append(script,
         "set terminal svg size {},{} dynamic noenhanced font '{},12' linewidth 1.3 rounded "
         "background rgb 'white'\n",
         size.width, size.height, font);
  append(script, "set output {}\n{}{}\nunset output\n", svg, common_style, commands);
}

AxisRange range_of(std::span<const double> values) {
  AxisRange range{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const double value : values) {
    if (!std::isfinite(value)) continue;
    range.low = std::min(range.low, value);
    range.high = std::max(range.high, value);
  }
  if (range.low > range.high) return {-1.0, 1.0};
  if (range.low == range.high) {
    const double half_width = range.low == 0.0 ? 1.0 : 0.1 * std::abs(range.low);
    return {range.low - half_width, range.high + half_width};
  }
  return range;
}

AxisRange widened(AxisRange range, double below, double above) {
  return {range.low - below * range.span(), range.high + above * range.span()};
}

double nice_step(double span, double divisions) {
  const double target = span / divisions;
  const double decade = std::pow(10.0, std::floor(std::log10(target)));
  for (const double multiple : {5.0, 2.0}) {
    if (multiple * decade <= target) return multiple * decade;
  }
  return decade;
}

std::string tics_within(std::string_view axis, AxisRange range, double divisions) {
  const double step = nice_step(range.span(), divisions);
  const double first = std::ceil(range.low / step) * step + 0.0;  // + 0.0: 0, not -0, where the range starts below 0
  return fmt::format("set {}tics {:.9g}, {:.9g}, {:.9g}\n", axis, first, step, range.high + 1e-9 * step);
}

std::string range_literal(AxisRange range) { return fmt::format("[{:.9g}:{:.9g}]", range.low, range.high); }

std::string axis_label(std::string_view name, std::string_view unit) {
  unit = unit_symbol(unit);
  return gnuplot_quote(unit.empty() ? std::string(name) : fmt::format("{} ({})", name, unit));
}

}  // namespace neurodyn
