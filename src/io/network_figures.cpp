// raster, rates and spectrum figures of a network (include/neurodyn/io/network_output.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "network_groups.hpp"
#include "neurodyn/io/downsample.hpp"
#include "neurodyn/io/network_output.hpp"
#include "neurodyn/population/network_activity.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

// Beyond this many spikes the raster shows every k-th neuron of each group, so that its SVG stays near 5 MB.
constexpr std::size_t max_raster_spikes = 50'000;
constexpr std::size_t max_rate_points = 4000;
constexpr double max_spectrum_hz = 200.0;

constexpr std::array<std::string_view, 6> group_colours{figure_colour::blue,         figure_colour::vermillion,
                                                        figure_colour::bluish_green, figure_colour::reddish_purple,
                                                        figure_colour::orange,       figure_colour::grey};

std::string_view colour_of(std::size_t group) { return group_colours[group % group_colours.size()]; }

std::int64_t neuron_count(const std::vector<GroupRange>& ranges) {
  return ranges.empty() ? 0 : ranges.back().first + ranges.back().count;
}

// ---- raster ----

// "2nd", "3rd", "11th", "21st".
std::string ordinal(std::int64_t k) {
  const std::int64_t tens = k % 100, ones = k % 10;
  const char* suffix = tens >= 11 && tens <= 13 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
  return fmt::format("{}{}", k, suffix);
}

constexpr double panel_left = 0.08, panel_right = 0.85;

void append_raster(GnuplotJob& job, fmt::memory_buffer& commands, const NetworkSpec& spec, const NetworkResult& result,
                   const std::vector<GroupRange>& ranges) {
  const NetworkSpikes& spikes = result.spikes;
  const std::int64_t neurons = neuron_count(ranges);
  // Every k-th neuron of each group (its first included), k so that about max_raster_spikes remain.
  const std::size_t total = spikes.time_ms.size();
  const std::int64_t every =
      total > max_raster_spikes ? static_cast<std::int64_t>((total + max_raster_spikes - 1) / max_raster_spikes) : 1;
  std::vector<std::vector<double>> times(ranges.size()), indices(ranges.size());
  std::size_t shown = 0;
  for (std::size_t s = 0; s < total; ++s) {
    const std::int64_t neuron = spikes.neuron[s];
    const std::size_t g = group_of(ranges, neuron);
    if ((neuron - ranges[g].first) % every != 0) continue;
    times[g].push_back(spikes.time_ms[s]);
    indices[g].push_back(static_cast<double>(neuron));
    ++shown;
  }

  const AxisRange time{0.0, spec.duration_ms};
  const AxisRange neuron_axis{-0.5, static_cast<double>(std::max<std::int64_t>(neurons, 1)) - 0.5};
  append(commands, "set lmargin at screen {}\nset rmargin at screen {}\n", panel_left, panel_right);
  append(commands, "set tmargin at screen 0.89\nset bmargin at screen 0.40\n");
  append(commands, "set xrange {}\nset yrange {}\nset format x ''\nunset xlabel\nset ylabel 'neuron'\n",
         range_literal(time), range_literal(neuron_axis));
  append(commands, "set ytics autofreq\nset xtics autofreq\nunset key\n");
  const std::string what = every == 1 ? fmt::format("spikes of all {} neurons ({} spikes)", neurons, total)
                                      : fmt::format("spikes of every {} neuron of each group: {} of {} spikes shown",
                                                    ordinal(every), shown, total);
  append(commands, "set label 1 {} at graph 0, graph 1 left offset 0, character 0.8 font ',11'\n", gnuplot_quote(what));
  // Each group's name on the right of its rows (moved apart where groups are too small to hold two lines of text),
  // between lines that part the groups.
  constexpr double label_gap = 0.095;  // of the panel's height: two lines of text
  std::vector<double> label_at(ranges.size());
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    const double middle = static_cast<double>(ranges[g].first) + 0.5 * static_cast<double>(ranges[g].count) - 0.5;
    label_at[g] = (middle - neuron_axis.low) / neuron_axis.span();
    if (g > 0) label_at[g] = std::max(label_at[g], label_at[g - 1] + label_gap);
  }
  for (std::size_t g = ranges.size(); g-- > 0;) {
    const double highest = 1.0 - label_gap / 2 - static_cast<double>(ranges.size() - 1 - g) * label_gap;
    label_at[g] = std::min(label_at[g], highest);
  }
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    append(commands, "set label {} {} at graph 1, graph {:.4f} left offset 1, 0 textcolor rgb '{}'\n", 10 + g,
           gnuplot_quote(fmt::format("{}\n{} neurons", spec.groups[g].name, ranges[g].count)), label_at[g],
           colour_of(g));
    if (g > 0) {
      const double boundary = static_cast<double>(ranges[g].first) - 0.5;
      append(commands,
             "set arrow {} from graph 0, first {:.9g} to graph 1, first {:.9g} nohead linewidth 0.6 "
             "linecolor rgb '#999999' back\n",
             10 + g, boundary, boundary);
    }
  }
  std::vector<std::string> plots;
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    if (times[g].empty()) continue;
    const std::string name = fmt::format("raster{}", g);
    job.add_datablock(name, {times[g], indices[g]});
    plots.push_back(
        fmt::format("${} using 1:2 with points pointtype 7 pointsize 0.18 linecolor rgb '{}'", name, colour_of(g)));
  }
  if (plots.empty()) {
    append(commands, "set label 2 'no spikes' at graph 0.5, graph 0.5 center\n");
    plots.push_back("NaN");
  }
  append(commands, "plot {}\n", fmt::join(plots, ", \\\n  "));
  append(commands, "unset label\nunset arrow\n");
}

void append_population_rate(GnuplotJob& job, fmt::memory_buffer& commands, const NetworkSpec& spec,
                            const NetworkResult& result, const std::vector<GroupRange>& ranges) {
  const std::int64_t neurons = neuron_count(ranges);
  const double width = std::max(1.0, spec.bin_ms);
  const std::vector<double> rate =
      population_rate(result.spikes, 0, std::max<std::int64_t>(neurons, 1), spec.duration_ms, width);
  std::vector<double> centres(rate.size());
  for (std::size_t k = 0; k < rate.size(); ++k) {
    centres[k] = std::min(spec.duration_ms, (static_cast<double>(k) + 0.5) * width);
  }
  const auto kept = envelope_indices(centres, rate, max_rate_points);
  job.add_datablock("rate", {pick(centres, kept), pick(rate, kept)});
  const AxisRange rate_axis{0.0, std::max(1.0, range_of(rate).high * 1.05)};
  append(commands, "set tmargin at screen 0.31\nset bmargin at screen 0.09\n");
  append(commands, "set yrange {}\nset format x '%g'\nset xlabel 'time (ms)'\nset ylabel 'rate (Hz)'\n",
         range_literal(rate_axis));
  append(commands, "set ytics autofreq\n");
  append(commands, "set label 1 {} at graph 0, graph 1 left offset 0, character 0.8 font ',11'\n",
         gnuplot_quote(fmt::format("population rate: all {} neurons, bins of {:g} ms (per neuron)", neurons, width)));
  append(commands, "plot $rate using 1:2 with lines linewidth 1.0 linecolor rgb '{}'\nunset label 1\n",
         figure_colour::grey);
}

void add_raster(GnuplotJob& job, const std::filesystem::path& directory, std::string_view title,
                const NetworkSpec& spec, const NetworkResult& result, const std::vector<GroupRange>& ranges) {
  fmt::memory_buffer commands;
  const std::string heading =
      result.ok ? std::string(title) : fmt::format("{} (the run failed: {})", title, single_line(result.message));
  append(commands, "set multiplot title {} font ',13'\n", gnuplot_quote(heading));
  append_raster(job, commands, spec, result, ranges);
  append_population_rate(job, commands, spec, result, ranges);
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, directory / "raster", {1400, 900}, fmt::to_string(commands));
}

// ---- rates ----

struct Histogram {
  std::vector<double> centres;
  std::vector<double> counts;
  double width;
};

// Bins for rates that are multiples of `quantum` (one spike in the run): as numpy's "auto", the smaller of the
// Freedman-Diaconis width 2 IQR / n^(1/3) and Sturges' range / (log2 n + 1) (Sturges' alone where the quartiles
// coincide), at most 60 bins, rounded up to a whole number of quanta; the edges lie halfway between multiples of the
// quantum, so that no rate lies on one.
Histogram histogram_of(std::vector<double> values, double quantum) {
  std::sort(values.begin(), values.end());
  Histogram histogram;
  if (values.empty()) return histogram;
  const double low = values.front(), high = values.back();
  const auto quantile = [&](double q) {
    return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
  };
  const double n = static_cast<double>(values.size());
  const double sturges = (high - low) / (std::log2(n) + 1.0);
  const double freedman_diaconis = 2.0 * (quantile(0.75) - quantile(0.25)) / std::cbrt(n);
  double width = freedman_diaconis > 0.0 ? std::min(freedman_diaconis, sturges) : sturges;
  width = std::max(width, (high - low) / 60.0);
  width = std::max(quantum, std::ceil(width / quantum - 1e-9) * quantum);
  const double start = low - 0.5 * quantum;
  const auto bins = static_cast<std::size_t>(std::floor((high - start) / width)) + 1;
  histogram.width = width;
  histogram.counts.assign(bins, 0.0);
  for (std::size_t b = 0; b < bins; ++b) histogram.centres.push_back(start + (static_cast<double>(b) + 0.5) * width);
  for (const double value : values) {
    const auto bin = std::min(bins - 1, static_cast<std::size_t>(std::floor((value - start) / width)));
    histogram.counts[bin] += 1.0;
  }
  return histogram;
}

// One panel per group, up to three in a row, each with its heading above it.
void add_rates(GnuplotJob& job, const std::filesystem::path& directory, std::string_view title, const NetworkSpec& spec,
               const NetworkResult& result, const std::vector<GroupRange>& ranges) {
  const std::size_t groups = std::max<std::size_t>(ranges.size(), 1);
  const std::size_t columns = std::min<std::size_t>(groups, 3);
  const std::size_t rows = (groups + columns - 1) / columns;
  // Pixels: the figure's title above the panels; each panel's margins hold its tick labels, axis labels and heading.
  constexpr int panel_width = 560, panel_height = 400, title_height = 50;
  constexpr int left = 80, right = 30, top = 45, bottom = 60;
  const FigureSize size{panel_width * static_cast<int>(columns), title_height + panel_height * static_cast<int>(rows)};
  const auto x_at = [&](int pixels) { return static_cast<double>(pixels) / size.width; };
  const auto y_at = [&](int pixels_from_top) { return 1.0 - static_cast<double>(pixels_from_top) / size.height; };
  const double quantum = 1000.0 / spec.duration_ms;
  fmt::memory_buffer commands;
  append(commands, "set multiplot title {} font ',13'\n",
         gnuplot_quote(fmt::format("{}: the neurons' rates over {:g} ms", title, spec.duration_ms)));
  append(commands,
         "unset key\nset style fill solid 0.55 border linecolor rgb '#333333'\nset xlabel 'rate (Hz)'\n"
         "set ylabel 'neurons'\n");
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    const int column = static_cast<int>(g % columns), row = static_cast<int>(g / columns);
    append(commands, "set lmargin at screen {:.4f}\nset rmargin at screen {:.4f}\n", x_at(column * panel_width + left),
           x_at((column + 1) * panel_width - right));
    append(commands, "set tmargin at screen {:.4f}\nset bmargin at screen {:.4f}\n",
           y_at(title_height + row * panel_height + top), y_at(title_height + (row + 1) * panel_height - bottom));
    const std::vector<double> rates = neuron_rates(result.spikes, ranges[g].first, ranges[g].count, spec.duration_ms);
    const Histogram histogram = histogram_of(rates, quantum);
    const double mean = std::accumulate(rates.begin(), rates.end(), 0.0) / static_cast<double>(rates.size());
    const std::string name = fmt::format("rates{}", g);
    job.add_datablock(name, {histogram.centres, histogram.counts});
    const AxisRange x =
        widened({histogram.centres.front() - 0.5 * histogram.width, histogram.centres.back() + 0.5 * histogram.width},
                0.03, 0.03);
    append(commands, "set xrange {}\n", range_literal(x));
    const double most = *std::max_element(histogram.counts.begin(), histogram.counts.end());
    // Whole neurons on the axis.
    append(commands, "set yrange [0:{:.9g}]\nset ytics 0, {:.9g}\n", std::max(1.0, most * 1.08),
           std::max(1.0, nice_step(most, 5.0)));
    append(commands, "set label 1 {} at graph 0, graph 1 left offset 0, character 1.2 font ',11'\n",
           gnuplot_quote(fmt::format("{} ({}, {} neurons): mean {:.3g} Hz; bins of {:.3g} Hz", spec.groups[g].name,
                                     spec.groups[g].model, ranges[g].count, mean, histogram.width)));
    append(commands, "plot ${} using 1:2:({:.9g}) with boxes linecolor rgb '{}'\n", name, histogram.width,
           colour_of(g));
  }
  if (ranges.empty()) append(commands, "set label 1 'no groups' at graph 0.5, graph 0.5 center\nplot NaN\n");
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, directory / "rates", size, fmt::to_string(commands));
}

// ---- spectrum ----

void add_spectrum(GnuplotJob& job, const std::filesystem::path& directory, std::string_view title,
                  const NetworkSpec& spec, const NetworkResult& result, const std::vector<GroupRange>& ranges) {
  const double nyquist_hz = 500.0 / spectrum_bin_ms(spec.bin_ms);
  const double top_hz = std::min(max_spectrum_hz, nyquist_hz);
  fmt::memory_buffer commands;
  std::vector<std::string> plots;
  std::vector<double> shown_densities;
  std::size_t segments = 0;
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    const RateSpectrum spectrum =
        population_spectrum(result.spikes, ranges[g].first, ranges[g].count, spec.duration_ms, spec.bin_ms);
    segments = std::max(segments, spectrum.segments);
    std::vector<double> frequencies, densities;
    // 0 Hz is left out (each segment's mean is removed), and zero densities, which a log axis cannot show.
    for (std::size_t f = 1; f < spectrum.frequency_hz.size(); ++f) {
      if (spectrum.frequency_hz[f] > top_hz || !(spectrum.density[f] > 0.0)) continue;
      frequencies.push_back(spectrum.frequency_hz[f]);
      densities.push_back(spectrum.density[f]);
    }
    const bool varies = std::any_of(spectrum.density.begin(), spectrum.density.end(), [](double d) { return d > 0.0; });
    const auto peak = [&](double low, double high) {
      const double frequency = spectrum_peak(spectrum, low, high);
      return varies && frequency > 0.0 ? fmt::format("{:.3g} Hz", frequency) : std::string("none");
    };
    const std::string key =
        fmt::format("{}: alpha peak {}, gamma peak {}", spec.groups[g].name,
                    peak(alpha_band.low_hz, alpha_band.high_hz), peak(gamma_band.low_hz, gamma_band.high_hz));
    if (frequencies.empty()) {
      plots.push_back(
          fmt::format("NaN title {} linecolor rgb '{}'", gnuplot_quote(key + " (no variation)"), colour_of(g)));
      continue;
    }
    shown_densities.insert(shown_densities.end(), densities.begin(), densities.end());
    const std::string name = fmt::format("spectrum{}", g);
    job.add_datablock(name, {frequencies, densities});
    plots.push_back(fmt::format("${} using 1:2 with lines linewidth 1.4 linecolor rgb '{}' title {}", name,
                                colour_of(g), gnuplot_quote(key)));
  }
  const double sample_rate_hz = 1000.0 / spectrum_bin_ms(spec.bin_ms);
  append(commands, "set title {} font ',13'\n",
         gnuplot_quote(fmt::format("{}: spectrum of each group's population rate\n(bins of {:g} ms; Welch, {} segments "
                                   "of {} bins, frequency step {:.3g} Hz)",
                                   title, spectrum_bin_ms(spec.bin_ms), segments, spectrum_segment_bins,
                                   sample_rate_hz / static_cast<double>(spectrum_segment_bins))));
  append(commands, "set lmargin 12\nset rmargin 4\nset tmargin 5\n");
  append(commands, "set xrange [0:{:.9g}]\nset xlabel 'frequency (Hz)'\nset ylabel 'spectral density (Hz²/Hz)'\n",
         top_hz);
  append(commands, "set logscale y\nset format y '%g'\nset mytics 10\n");
  if (!shown_densities.empty()) {
    // Five decades below the largest density at most: the troughs between harmonics would flatten the peaks.
    const double high = *std::max_element(shown_densities.begin(), shown_densities.end());
    const double low = std::max(*std::min_element(shown_densities.begin(), shown_densities.end()), high * 1e-5);
    append(commands, "set yrange [{:.9g}:{:.9g}]\n", low / 1.5, high * 3.0);
  } else {
    append(commands, "set yrange [1e-3:1]\nset label 2 'the rates never vary' at graph 0.5, graph 0.5 center\n");
  }
  append(commands, "set key below left Left reverse samplen 2\n");
  const std::array<std::array<double, 2>, 2> bands{
      {{alpha_band.low_hz, alpha_band.high_hz}, {gamma_band.low_hz, gamma_band.high_hz}}};
  const std::array<std::string_view, 2> band_names{"alpha", "gamma"};
  for (std::size_t b = 0; b < bands.size(); ++b) {
    if (bands[b][0] >= top_hz) continue;
    append(commands,
           "set object {} rectangle from {:.9g}, graph 0 to {:.9g}, graph 1 behind fillcolor rgb '#d9d9d9' "
           "fillstyle solid 1.0 noborder\n",
           b + 1, bands[b][0], std::min(bands[b][1], top_hz));
    append(commands,
           "set label {} {} at {:.9g}, graph 1 center offset 0, character 0.6 font ',10' textcolor rgb '#404040'\n",
           10 + b, gnuplot_quote(band_names[b]), 0.5 * (bands[b][0] + std::min(bands[b][1], top_hz)));
  }
  if (plots.empty()) plots.push_back("NaN notitle");
  append(commands, "plot {}\n", fmt::join(plots, ", \\\n  "));
  add_png_and_svg(job, directory / "spectrum", {1200, 760}, fmt::to_string(commands));
}

}  // namespace

void write_network_figures(const std::filesystem::path& directory, std::string_view title, const NetworkSpec& spec,
                           const NetworkResult& result) {
  const std::vector<GroupRange> ranges = group_ranges(spec, result);
  GnuplotJob job;
  add_raster(job, directory, title, spec, result, ranges);
  add_rates(job, directory, title, spec, result, ranges);
  add_spectrum(job, directory, title, spec, result, ranges);
  job.run();
}

}  // namespace neurodyn
