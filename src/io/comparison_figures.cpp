// work_precision.{png,svg} and convergence.{png,svg} (include/neurodyn/io/comparison_output.hpp): log-log
// plots of spike-time error, one line per method, the legend outside the plot on the right.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "text_buffer.hpp"

namespace neurodyn {

namespace {

// A method's look in every figure of a report: a colour, solid (fixed step) or dashed (adaptive), and a point
// shape of its own.
struct SeriesStyle {
  std::string_view colour;
  bool dashed = false;
  int point_type = 0;
  double point_size = 1.0;
};

// One line of a plot: a method's runs with a spike-time error, in ladder order.
struct Series {
  std::string method;
  std::string title;
  SeriesStyle style;
  std::vector<double> x;
  std::vector<double> y;
};

// Colours: Okabe & Ito (2008), which stay apart under every common colour-vision deficiency, plus black and
// grey. Fixed-step methods (solid) and adaptive ones (dashed) take them in turn separately, so that no two
// methods of the same dash share a colour while each kind has at most eight methods (there are eight fixed-step
// and five adaptive methods).
constexpr std::array<std::string_view, 8> series_colours{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                         "#E69F00", "#56B4E9", "#000000", "#7F7F7F"};
// Point shapes, one per method of a report: filled and open in turn (circle, square, triangle up, diamond,
// triangle down, pentagon, then crosses), an open shape drawn larger, so that a point drawn over another of
// the same value leaves it visible.
constexpr std::array<int, 15> point_types{7, 4, 9, 12, 11, 6, 5, 8, 13, 10, 15, 14, 1, 2, 3};
constexpr std::array<int, 6> open_point_types{4, 6, 8, 10, 12, 14};

// The style of each method of the report, by its place in report.summaries.
std::vector<SeriesStyle> series_styles(const ComparisonReport& report) {
  std::vector<SeriesStyle> styles;
  std::array<std::size_t, 2> colours_used{0, 0};  // fixed-step, adaptive
  for (std::size_t place = 0; place < report.summaries.size(); ++place) {
    const bool adaptive = report.summaries[place].adaptive;
    const std::size_t colour = colours_used[adaptive ? 1 : 0]++;
    const int point = point_types[place % point_types.size()];
    const bool open = std::ranges::find(open_point_types, point) != open_point_types.end();
    styles.push_back({series_colours[colour % series_colours.size()], adaptive, point, open ? 1.5 : 1.1});
  }
  return styles;
}

// A colour 85 % opaque (gnuplot's #AARRGGBB, AA the transparency), so that a line drawn over another lets it
// show through.
std::string translucent(std::string_view colour) { return fmt::format("#26{}", colour.substr(1)); }

bool has_error(const ComparisonRun& run) {
  return run.status == SolveStatus::ok && run.spike_count_right && run.max_spike_error_ms > 0.0;
}

// Two lines whose errors differ by at most this factor at every common setting are drawn over each other.
constexpr double overlap_factor = 1.15;

// "euler under backward-euler" for two series with at least two common x values at which their errors
// differ by at most overlap_factor; nothing otherwise.
std::optional<std::string> overlap(const Series& under, const Series& over) {
  int common = 0;
  for (std::size_t i = 0; i < under.x.size(); ++i) {
    for (std::size_t j = 0; j < over.x.size(); ++j) {
      if (under.x[i] != over.x[j]) continue;
      const double ratio = under.y[i] / over.y[j];
      if (!(ratio <= overlap_factor && ratio >= 1.0 / overlap_factor)) return std::nullopt;
      ++common;
    }
  }
  if (common < 2) return std::nullopt;
  return fmt::format("{} under {}", under.method, over.method);
}

struct LogLogPlot {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Series> series;
  double agreement_ms = not_measured;  // the references' agreement: a floor under every error
  std::vector<std::string> not_drawn;  // methods without a drawable run
};

// A power of ten as a tick label: plain from 0.01 to 1000 ("0.01", "1", "1000"), else "1e-3", "1e4".
std::string decade_label(int exponent) {
  if (exponent >= -2 && exponent <= 3) return fmt::format("{:g}", std::pow(10.0, exponent));
  return fmt::format("1e{}", exponent);
}

// The range of a log axis from whole decade to whole decade around the values, and its tics: every decade
// labelled (every second one beyond twelve decades), minor tics at 2 to 9 times a decade up to six decades.
std::string log_axis(std::string_view axis, const std::vector<double>& values) {
  double low = std::numeric_limits<double>::infinity(), high = 0.0;
  for (const double value : values) {
    if (!(value > 0.0) || !std::isfinite(value)) continue;
    low = std::min(low, value);
    high = std::max(high, value);
  }
  if (!(low <= high)) {  // nothing to draw
    low = 0.1;
    high = 10.0;
  }
  const int first = static_cast<int>(std::floor(std::log10(low) + 1e-9));
  const int last = std::max(first + 1, static_cast<int>(std::ceil(std::log10(high) - 1e-9)));
  const int label_every = last - first > 12 ? 2 : 1;
  std::vector<std::string> tics;
  for (int exponent = first; exponent <= last; ++exponent) {
    const double decade = std::pow(10.0, exponent);
    const bool labelled = (exponent - first) % label_every == 0;
    tics.push_back(fmt::format("{} {:g}", gnuplot_quote(labelled ? decade_label(exponent) : ""), decade));
    if (last - first > 6 || exponent == last) continue;
    for (int multiple = 2; multiple <= 9; ++multiple) tics.push_back(fmt::format("'' {:g} 1", multiple * decade));
  }
  return fmt::format("set {0}range [{1:g}:{2:g}]\nset {0}tics ({3})\n", axis, std::pow(10.0, first),
                     std::pow(10.0, last), fmt::join(tics, ", "));
}

void write_log_log(const std::filesystem::path& path_without_extension, const LogLogPlot& plot) {
  GnuplotJob job;
  fmt::memory_buffer commands;
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    for (std::size_t j = i + 1; j < plot.series.size(); ++j) {
      if (auto pair = overlap(plot.series[i], plot.series[j])) notes.push_back(std::move(*pair));
    }
  }
  if (!notes.empty()) {
    notes = {fmt::format("drawn over each other (errors within {:.0f} % at every common setting): {}",
                         100.0 * (overlap_factor - 1.0), fmt::join(notes, "; "))};
  }
  if (!plot.not_drawn.empty()) {
    notes.push_back(fmt::format("not drawn (no run with the right spike count): {}", fmt::join(plot.not_drawn, ", ")));
  }
  append(commands, "set title {} font ',13'\n", gnuplot_quote(plot.title));
  std::vector<double> xs, ys;
  for (const auto& series : plot.series) {
    xs.insert(xs.end(), series.x.begin(), series.x.end());
    ys.insert(ys.end(), series.y.begin(), series.y.end());
  }
  if (std::isfinite(plot.agreement_ms) && plot.agreement_ms > 0.0) ys.push_back(plot.agreement_ms);
  append(commands, "set logscale xy\n{}{}", log_axis("x", xs), log_axis("y", ys));
  append(commands,
         "set xlabel {}\nset ylabel {}\n"
         "set grid xtics ytics linecolor rgb '#e0e0e0' linewidth 0.8\n"
         "set key outside right top vertical Left reverse width 1 spacing 1.3\n"
         "set lmargin 11\nset bmargin {}\n",
         gnuplot_quote(plot.x_label), gnuplot_quote(plot.y_label), 4 + 2 * notes.size());
  for (std::size_t line = 0; line < notes.size(); ++line) {
    append(commands, "set label {} {} at screen 0.01, screen {:.3f} left font ',10' textcolor rgb '#555555'\n",
           10 + line, gnuplot_quote(notes[line]), 0.025 + 0.03 * static_cast<double>(notes.size() - 1 - line));
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const auto& series = plot.series[i];
    const std::string name = fmt::format("series{}", i);
    job.add_datablock(name, {series.x, series.y});
    items.push_back(fmt::format(
        "${} using 1:2 with linespoints linewidth 1.6 dashtype {} pointtype {} pointsize {} linecolor rgb '{}' "
        "title {}",
        name, series.style.dashed ? 2 : 1, series.style.point_type, series.style.point_size,
        translucent(series.style.colour), gnuplot_quote(series.title)));
  }
  if (std::isfinite(plot.agreement_ms) && plot.agreement_ms > 0.0) {
    items.push_back(fmt::format("{:.6g} with lines dashtype 3 linewidth 1.2 linecolor rgb '{}' title {}",
                                plot.agreement_ms, figure_colour::grey,
                                gnuplot_quote(fmt::format("references agree within {:.2g} ms", plot.agreement_ms))));
  }
  if (items.empty()) {
    append(commands, "set label 2 'no run got the spike count right' at graph 0.5, graph 0.5 center\n");
    items.push_back("1/0 notitle");
  }
  append(commands, "plot {}\n", fmt::join(items, ", \\\n  "));
  add_png_and_svg(job, path_without_extension, {1400, 800}, fmt::to_string(commands));
  job.run();
}

// Series of the methods accepted by `include`, x from `x_of`, each titled by `title_of`.
template <class Include, class X, class Title>
void collect(const ComparisonReport& report, LogLogPlot& plot, Include include, X x_of, Title title_of) {
  const std::vector<SeriesStyle> styles = series_styles(report);
  for (std::size_t place = 0; place < report.summaries.size(); ++place) {
    const auto& summary = report.summaries[place];
    if (!include(summary)) continue;
    Series series{summary.method, title_of(summary), styles[place], {}, {}};
    for (const auto& run : report.runs) {
      if (run.method != summary.method || !has_error(run) || !(x_of(run) > 0.0)) continue;
      series.x.push_back(x_of(run));
      series.y.push_back(run.max_spike_error_ms);
    }
    if (series.x.empty()) {
      plot.not_drawn.push_back(summary.method);
    } else {
      plot.series.push_back(std::move(series));
    }
  }
}

}  // namespace

void write_work_precision_figure(const std::filesystem::path& path_without_extension, const std::string& title,
                                 const ComparisonReport& report) {
  LogLogPlot plot{title,
                  "wall time per run (ms, median of repeats)",
                  "max spike-time error (ms)",
                  {},
                  report.reference_agreement_ms,
                  {}};
  collect(
      report, plot, [](const MethodSummary&) { return true; }, [](const ComparisonRun& run) { return run.wall_ms; },
      [](const MethodSummary& summary) {
        return fmt::format("{} ({})", summary.method, summary.adaptive ? "tolerances" : "steps");
      });
  write_log_log(path_without_extension, plot);
}

void write_convergence_figure(const std::filesystem::path& path_without_extension, const std::string& title,
                              const ComparisonReport& report) {
  LogLogPlot plot{title, "step dt (ms)", "max spike-time error (ms)", {}, report.reference_agreement_ms, {}};
  collect(
      report, plot, [](const MethodSummary& summary) { return !summary.adaptive; },
      [](const ComparisonRun& run) { return run.setting; },
      [](const MethodSummary& summary) {
        return std::isnan(summary.fitted_order)
                   ? fmt::format("{} (order not fitted)", summary.method)
                   : fmt::format("{} (order {:.2f})", summary.method, summary.fitted_order);
      });
  write_log_log(path_without_extension, plot);
}

}  // namespace neurodyn
