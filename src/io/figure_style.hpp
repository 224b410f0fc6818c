#pragma once
// The look shared by every figure: terminals, fonts, axes and colours.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "gnuplot_job.hpp"

namespace neurodyn {

struct FigureSize {
  int width;  // pixels of the PNG; the SVG has the same proportions
  int height;
};

// Colours of the data: the colour-blind safe palette of Okabe & Ito (2008), and a dark grey for inputs.
// v is blue and spikes vermillion throughout.
namespace figure_colour {
inline constexpr std::string_view blue = "#0072B2";
inline constexpr std::string_view vermillion = "#D55E00";
inline constexpr std::string_view bluish_green = "#009E73";
inline constexpr std::string_view reddish_purple = "#CC79A7";
inline constexpr std::string_view orange = "#E69F00";
inline constexpr std::string_view grey = "#404040";
}  // namespace figure_colour

// Adds `commands` (one complete figure, from a clean state) to the job twice: drawn to PATH.png by the
// pngcairo terminal and to PATH.svg by the svg terminal.
void add_png_and_svg(GnuplotJob& job, const std::filesystem::path& path_without_extension, FigureSize size,
                     std::string_view commands);

// An interval of values on an axis.
struct AxisRange {
  double low;
  double high;
  double span() const { return high - low; }
};

// The smallest and largest finite value; [-1, 1] around a constant (or nothing) so that the axis has a
// span.
AxisRange range_of(std::span<const double> values);

// `range` widened by `below` and `above` times its span.
AxisRange widened(AxisRange range, double below, double above);

// A round number (1, 2 or 5 times a power of ten) at most span / divisions, and near it: the step of axis
// ticks, or the length of a scale bar.
double nice_step(double span, double divisions);

// `set ytics` (or xtics, per `axis`) from the first multiple of a nice step (about span / divisions) at or above
// range.low up to range.high, so that no tick labels a value beyond the data.
std::string tics_within(std::string_view axis, AxisRange range, double divisions = 4.0);

// A gnuplot range literal: "[low:high]".
std::string range_literal(AxisRange range);

// An axis label, quoted for gnuplot: "v (mV)", or just "m" for a dimensionless quantity.
std::string axis_label(std::string_view name, std::string_view unit);

}  // namespace neurodyn
