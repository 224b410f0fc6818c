// work_precision.{png,svg} and convergence.{png,svg} (include/neurodyn/io/comparison_output.hpp): log-log
// plots of spike-time error, one line per method, the legend outside the plot on the right.
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "text_buffer.hpp"

namespace neurodyn {

namespace {

// One line of a plot: a method's runs with a spike-time error, in ladder order.
struct Series {
  std::string title;
  std::size_t style = 0;  // the method's place in the report: its colour and point shape in every figure
  bool dashed = false;
  std::vector<double> x;
  std::vector<double> y;
};

// Colours (Okabe & Ito 2008, plus black and grey) and point shapes cycle independently, so that twelve
// methods get twelve distinct pairs.
constexpr std::array<std::string_view, 8> series_colours{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                         "#E69F00", "#56B4E9", "#000000", "#7F7F7F"};
constexpr std::array<int, 7> point_types{7, 5, 9, 11, 13, 15, 4};

bool has_error(const ComparisonRun& run) {
  return run.status == SolveStatus::ok && run.spike_count_right && run.max_spike_error_ms > 0.0;
}

struct LogLogPlot {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Series> series;
  double agreement_ms = not_measured;  // the references' agreement: a floor under every error
  std::vector<std::string> not_drawn;  // methods without a drawable run
};

void write_log_log(const std::filesystem::path& path_without_extension, const LogLogPlot& plot) {
  GnuplotJob job;
  fmt::memory_buffer commands;
  append(commands, "set title {} font ',13'\n", gnuplot_quote(plot.title));
  append(commands,
         "set logscale xy\nset format x '%g'\nset format y '1e%T'\nset xlabel {}\nset ylabel {}\n"
         "set grid xtics ytics linecolor rgb '#e0e0e0' linewidth 0.8\n"
         "set key outside right top vertical Left reverse width 1 spacing 1.3\n"
         "set lmargin 11\nset bmargin {}\n",
         gnuplot_quote(plot.x_label), gnuplot_quote(plot.y_label), plot.not_drawn.empty() ? 4 : 6);
  if (!plot.not_drawn.empty()) {
    append(commands, "set label {} at screen 0.01, screen 0.025 left font ',10' textcolor rgb '#555555'\n",
           gnuplot_quote(
               fmt::format("not drawn (no run with the right spike count): {}", fmt::join(plot.not_drawn, ", "))));
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const auto& series = plot.series[i];
    const std::string name = fmt::format("series{}", i);
    job.add_datablock(name, {series.x, series.y});
    items.push_back(fmt::format(
        "${} using 1:2 with linespoints linewidth 1.6 dashtype {} pointtype {} pointsize 1.1 linecolor rgb '{}' "
        "title {}",
        name, series.dashed ? 2 : 1, point_types[series.style % point_types.size()],
        series_colours[series.style % series_colours.size()], gnuplot_quote(series.title)));
  }
  if (std::isfinite(plot.agreement_ms) && plot.agreement_ms > 0.0) {
    items.push_back(fmt::format("{:.6g} with lines dashtype 3 linewidth 1.2 linecolor rgb '{}' title {}",
                                plot.agreement_ms, figure_colour::grey,
                                gnuplot_quote(fmt::format("references agree within {:.2g} ms", plot.agreement_ms))));
  }
  if (items.empty()) {
    append(commands, "set label 2 'no run got the spike count right' at graph 0.5, graph 0.5 center\n");
    items.push_back("1/0 notitle");
    append(commands, "set xrange [0.1:10]\nset yrange [0.1:10]\n");
  }
  append(commands, "plot {}\n", fmt::join(items, ", \\\n  "));
  add_png_and_svg(job, path_without_extension, {1400, 800}, fmt::to_string(commands));
  job.run();
}

// Series of the methods accepted by `include`, x from `x_of`, each titled by `title_of`.
template <class Include, class X, class Title>
void collect(const ComparisonReport& report, LogLogPlot& plot, Include include, X x_of, Title title_of) {
  for (std::size_t style = 0; style < report.summaries.size(); ++style) {
    const auto& summary = report.summaries[style];
    if (!include(summary)) continue;
    Series series{title_of(summary), style, summary.adaptive, {}, {}};
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
