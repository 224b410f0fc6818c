// The gallery figure (include/neurodyn/io/gallery_figure.hpp): traces without axes, scale bars instead,
// as in Izhikevich (2004) IEEE TNN 15:1063, figure 1.
#include "neurodyn/io/gallery_figure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/downsample.hpp"
#include "neurodyn/version.hpp"
#include "result_header.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

namespace {

constexpr std::size_t max_panel_points = 4000;
constexpr int cell_width = 300, cell_height = 230, title_line_height = 22, title_padding = 16;
constexpr int title_char_width = 12;  // pixels a character of the 14-point title takes, with room to spare

// Where a panel's pieces go, as fractions of its cell measured from the cell's top.
constexpr double label_middle = 0.07, trace_top = 0.15, trace_bottom = 0.70, stimulus_top = 0.74,
                 stimulus_bottom = 0.86, scale_bar = 0.91, caption_middle = 0.96;

void require_consistent(const GalleryPanel& panel) {
  if (panel.voltages.size() != panel.times.size() ||
      !(panel.currents.empty() || panel.currents.size() == panel.times.size())) {
    throw InputError(fmt::format(
        "gallery panel '{}': {} times, {} voltages, {} currents; allowed: one voltage per time, and one current "
        "per time or none",
        panel.label, panel.times.size(), panel.voltages.size(), panel.currents.size()));
  }
}

// A panel with fewer than two samples (a run that failed at once) shows its label and says so.
bool drawable(const GalleryPanel& panel) { return panel.times.size() >= 2; }

// The samples a panel draws: at most max_panel_points, the envelope of v.
std::vector<std::size_t> drawn_samples(const GalleryPanel& panel) {
  return envelope_indices(panel.times, panel.voltages, max_panel_points);
}

// The voltages of all panels: one range and one scale bar.
struct VoltageScale {
  AxisRange range;  // from the bar's lower end, a round voltage at or below every trace, to the highest voltage
  double bar = 1.0;
};

VoltageScale common_voltage_scale(const std::vector<GalleryPanel>& panels) {
  std::vector<double> extremes;
  for (const auto& panel : panels) {
    if (!drawable(panel)) continue;
    const auto range = range_of(panel.voltages);
    extremes.insert(extremes.end(), {range.low, range.high});
  }
  VoltageScale scale{range_of(extremes)};
  scale.bar = nice_step(scale.range.span(), 2.5);
  scale.range.low = std::floor(scale.range.low / (0.5 * scale.bar)) * (0.5 * scale.bar);
  return scale;
}

int column_count(std::size_t panels) {
  if (panels <= 3) return static_cast<int>(panels);
  return panels <= 8 ? 4 : 5;
}

struct Cell {
  double left, right, top, bottom;  // screen coordinates
  double y(double fraction_from_top) const { return top - fraction_from_top * (top - bottom); }
};

void append_margins(fmt::memory_buffer& commands, const Cell& cell, double top, double bottom) {
  append(commands, "set lmargin at screen {:.4f}\nset rmargin at screen {:.4f}\n", cell.left, cell.right);
  append(commands, "set tmargin at screen {:.4f}\nset bmargin at screen {:.4f}\n", cell.y(top), cell.y(bottom));
}

// "I: 0 to 14 pA", "I = 5 pA", or "no stimulus".
std::string current_caption(const GalleryPanel& panel) {
  if (panel.currents.empty()) return "no stimulus";
  const auto [low, high] = std::minmax_element(panel.currents.begin(), panel.currents.end());
  const auto unit = unit_symbol(panel.current_unit);
  if (*low == *high) return fmt::format("I = {:.4g} {}", *low, unit);
  return fmt::format("I: {:.4g} to {:.4g} {}", *low, *high, unit);
}

// Each line of the text broken at spaces into lines of at most `width` characters (a longer word stays whole).
std::string wrapped(std::string_view text, std::size_t width) {
  std::string result;
  std::size_t line_begin = 0;
  while (line_begin <= text.size()) {
    const std::size_t line_end = std::min(text.find('\n', line_begin), text.size());
    std::size_t length = 0;
    for (std::size_t start = line_begin; start < line_end;) {
      const std::size_t space = std::min(text.find(' ', start), line_end);
      const std::string_view word = text.substr(start, space - start);
      if (length > 0 && length + 1 + word.size() > width) {
        result += '\n';
        length = 0;
      } else if (length > 0) {
        result += ' ';
        ++length;
      }
      result += word;
      length += word.size();
      start = space + 1;
    }
    if (line_end < text.size()) result += '\n';
    line_begin = line_end + 1;
  }
  return result;
}

// An empty plot, so that the labels set for a cell are drawn.
void append_labels_only(fmt::memory_buffer& commands, const Cell& cell) {
  append_margins(commands, cell, trace_top, trace_bottom);
  append(commands,
         "set label 2 'no samples to draw' at graph 0.5, graph 0.5 center font ',10' textcolor rgb '#555555'\n"
         "set xrange [0:1]\nset yrange [0:1]\nplot 1/0\nunset label\n");
}

// The voltage scale bar, the same in every panel: at the left of the trace, up from the bottom of the range,
// labelled with the voltages at its ends ("-80 to -60 mV"); a faint dotted line under the trace at its lower
// end.
void append_voltage_bar(fmt::memory_buffer& commands, const GalleryPanel& panel, AxisRange time_range,
                        const VoltageScale& voltages) {
  const double voltage_bar = voltages.bar;
  const double base = voltages.range.low;
  const double x = time_range.low - 0.03 * time_range.span();
  append(commands, "set arrow 1 from {0:.9g}, {1:.9g} to {0:.9g}, {2:.9g} nohead linewidth 1.5\n", x, base,
         base + voltage_bar);
  append(commands,
         "set arrow 2 from {0:.9g}, {2:.9g} to {1:.9g}, {2:.9g} nohead back linewidth 0.8 dashtype 3 "
         "linecolor rgb '#b0b0b0'\n",
         x, time_range.high, base);
  const std::string unit = panel.voltage_unit.empty() ? "" : " " + panel.voltage_unit;
  append(commands, "set label 2 {} at {:.9g}, {:.9g} left rotate by 90 offset -0.9, 0 font ',9'\n",
         gnuplot_quote(fmt::format("{:g} to {:g}{}", base, base + voltage_bar, unit)), x, base);
}

void append_panel(GnuplotJob& job, fmt::memory_buffer& commands, std::size_t index, const GalleryPanel& panel,
                  const Cell& cell, const VoltageScale& voltages) {
  append(commands, "set label 1 {} at screen {:.4f}, screen {:.4f} left font ',11'\n", gnuplot_quote(panel.label),
         cell.left, cell.y(label_middle));
  if (!drawable(panel)) return append_labels_only(commands, cell);

  const auto kept = drawn_samples(panel);
  const auto times = pick(panel.times, kept);
  const std::string trace = fmt::format("trace{}", index);
  const std::string spikes = fmt::format("spikes{}", index);
  job.add_datablock(trace, {times, pick(panel.voltages, kept)});
  if (!panel.spike_times.empty()) job.add_datablock(spikes, {panel.spike_times});

  const AxisRange time_range = range_of(panel.times);
  // Room at the left of the trace for the voltage bar.
  const auto x_range = widened(time_range, 0.06, 0.01);
  const AxisRange& voltage_range = voltages.range;
  const double tick_bottom = voltage_range.high + 0.05 * voltage_range.span();
  const double tick_length = 0.07 * voltage_range.span();

  append_margins(commands, cell, trace_top, trace_bottom);
  append(commands, "set xrange {}\nset yrange {}\n", range_literal(x_range),
         range_literal({voltage_range.low, tick_bottom + tick_length}));
  append_voltage_bar(commands, panel, time_range, voltages);
  append(commands, "plot ${} using 1:2 with lines linewidth 1.0 linecolor rgb '{}'", trace, figure_colour::blue);
  if (!panel.spike_times.empty()) {
    append(commands, ", ${} using 1:({:.9g}):(0):({:.9g}) with vectors nohead linewidth 0.8 linecolor rgb '{}'", spikes,
           tick_bottom, tick_length, figure_colour::vermillion);
  }
  append(commands, "\nunset label\nunset arrow\n");

  // The stimulus beneath on its own scale, with its range written out; a time scale bar at the right.
  const double time_bar = nice_step(time_range.span(), 5.0);
  append_margins(commands, cell, stimulus_top, stimulus_bottom);
  append(commands, "set label 1 {} at screen {:.4f}, screen {:.4f} left font ',9' textcolor rgb '#555555'\n",
         gnuplot_quote(current_caption(panel)), cell.left, cell.y(caption_middle));
  append(commands, "set label 2 {} at screen {:.4f}, screen {:.4f} right font ',9'\n",
         gnuplot_quote(fmt::format("{:g} {}", time_bar, panel.time_unit.empty() ? "time units" : panel.time_unit)),
         cell.right, cell.y(caption_middle));
  const double bar_y = cell.y(scale_bar);
  const double bar_right = cell.right, bar_left = cell.right - (cell.right - cell.left) * time_bar / x_range.span();
  append(commands,
         "set arrow 1 from screen {:.4f}, screen {:.4f} to screen {:.4f}, screen {:.4f} nohead linewidth 1.5\n",
         bar_left, bar_y, bar_right, bar_y);
  if (panel.currents.empty()) {
    append(commands, "set yrange [-1:1]\nplot 1/0\n");
  } else {
    const std::string stimulus = fmt::format("stimulus{}", index);
    job.add_datablock(stimulus, {times, pick(panel.currents, kept)});
    append(commands, "set yrange {}\nplot ${} using 1:2 with lines linewidth 1.0 linecolor rgb '{}'\n",
           range_literal(widened(range_of(panel.currents), 0.1, 0.1)), stimulus, figure_colour::grey);
  }
  append(commands, "unset label\nunset arrow\n");
}

// Each line of `text` behind "# ".
void append_comment_lines(fmt::memory_buffer& out, std::string_view text) {
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) append(out, "# {}\n", line);
}

// A panel's data file name: letters, digits, '-', '_' and '.', not first, distinct, and not "spikes".
void require_data_name(const GalleryPanel& panel, std::set<std::string>& names) {
  const bool plain = std::ranges::all_of(panel.name, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
  if (!plain || panel.name.empty() || panel.name.front() == '.' || panel.name == "spikes" ||
      !names.insert(panel.name).second) {
    throw InputError(fmt::format("gallery panel '{}': data file name '{}' is not allowed; allowed: letters, digits, "
                                 "'-', '_' and '.' (not first), other than 'spikes' and every other panel's name",
                                 panel.label, panel.name));
  }
}

std::string panel_csv(const GalleryPanel& panel, const std::string& figure) {
  const auto kept = drawn_samples(panel);
  const bool with_current = !panel.currents.empty();
  fmt::memory_buffer out;
  append(out, "# neurodyn {}: the samples drawn in the panel '{}' of {}.png and {}.svg (neurodyn gallery)\n", version,
         single_line(panel.label), figure, figure);
  append_comment_lines(out, panel.source);
  append(out,
         "# samples: {} of the {} computed (every one up to {}; beyond, the first, the last and the smallest and "
         "largest v of each of about {} equal time bins); spike times in spikes.csv\n",
         kept.size(), panel.times.size(), max_panel_points, max_panel_points / 2);
  append(out, "# units: time {}, v {}{}\n", unit_label(panel.time_unit), unit_label(panel.voltage_unit),
         with_current ? fmt::format(", I (the stimulus current) {}", unit_label(panel.current_unit)) : "");
  std::vector<std::string> columns{column_name("time", panel.time_unit), column_name("v", panel.voltage_unit)};
  if (with_current) columns.push_back(column_name("I", panel.current_unit));
  append(out, "{}\n", fmt::join(columns, ","));
  for (const std::size_t i : kept) {
    append(out, "{},{}", panel.times[i], panel.voltages[i]);
    if (with_current) append(out, ",{}", panel.currents[i]);
    append(out, "\n");
  }
  return fmt::to_string(out);
}

}  // namespace

void write_gallery_figure(const std::filesystem::path& path_without_extension, std::string_view title,
                          const std::vector<GalleryPanel>& panels) {
  if (panels.empty()) throw InputError("gallery: no panels to draw; allowed: one or more panels");
  for (const auto& panel : panels) require_consistent(panel);
  const VoltageScale voltages = common_voltage_scale(panels);

  const int columns = column_count(panels.size());
  const int rows =
      static_cast<int>((panels.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
  // The title wrapped to the figure's width, with room for every line of it.
  const std::string title_lines = wrapped(title, static_cast<std::size_t>(columns * cell_width / title_char_width));
  const int title_height =
      title_padding + title_line_height * static_cast<int>(1 + std::ranges::count(title_lines, '\n'));
  const FigureSize size{columns * cell_width, rows * cell_height + title_height};
  const double grid_top = 1.0 - static_cast<double>(title_height) / size.height;

  GnuplotJob job;
  fmt::memory_buffer commands;
  append(commands, "set multiplot title {} font ',14'\nunset border\nunset tics\nunset key\n", gnuplot_quote(title_lines));
  for (std::size_t index = 0; index < panels.size(); ++index) {
    const int row = static_cast<int>(index) / columns, column = static_cast<int>(index) % columns;
    const double width = 1.0 / columns, height = grid_top / rows;
    // A cell with a margin inside it, so that neighbouring panels do not touch.
    const Cell cell{(column + 0.07) * width, (column + 0.95) * width, grid_top - row * height,
                    grid_top - (row + 1) * height};
    append_panel(job, commands, index, panels[index], cell, voltages);
  }
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, path_without_extension, size, fmt::to_string(commands));
  job.run();
}

void write_gallery_data(const std::filesystem::path& path_without_extension, const std::vector<GalleryPanel>& panels) {
  std::set<std::string> names;
  for (const auto& panel : panels) {
    require_consistent(panel);
    require_data_name(panel, names);
  }
  const std::string figure = path_without_extension.filename().string();
  std::error_code error;
  std::filesystem::create_directories(path_without_extension, error);
  if (error) {
    throw FileError(fmt::format("cannot create the folder {}: {}", path_without_extension.string(), error.message()));
  }
  fmt::memory_buffer spikes;
  append(spikes, "# neurodyn {}: the spike times of the panels of {}.png and {}.svg (neurodyn gallery), drawn as ticks "
                 "above each trace; panel: the stem of the panel's data file\n",
         version, figure, figure);
  const std::string time_unit = panels.empty() ? "ms" : panels.front().time_unit;
  append(spikes, "# units: time {}\npanel,{}\n", unit_label(time_unit), column_name("time", time_unit));
  for (const auto& panel : panels) {
    write_file_atomically(path_without_extension / (panel.name + ".csv"), panel_csv(panel, figure));
    for (const double time : panel.spike_times) append(spikes, "{},{}\n", panel.name, time);
  }
  write_file_atomically(path_without_extension / "spikes.csv", fmt::to_string(spikes));
}

}  // namespace neurodyn
