// recording.{png,svg} of `neurodyn recording show` (include/neurodyn/io/recording_output.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/downsample.hpp"
#include "neurodyn/io/recording_output.hpp"
#include "text_buffer.hpp"

namespace neurodyn {
namespace {

constexpr std::size_t max_points_per_sweep = 4000;
constexpr int most_sweeps_in_key = 8;
constexpr double left = 0.09, right = 0.975;

// Position `fraction` (0 first sweep, 1 last) on a light-to-dark blue scale (ColorBrewer "Blues", 6 to 9).
std::string sweep_colour(double fraction) {
  constexpr int light[3] = {0x6b, 0xae, 0xd6}, dark[3] = {0x08, 0x30, 0x6b};
  int channel[3];
  for (int k = 0; k < 3; ++k) {
    channel[k] = static_cast<int>(std::lround(light[k] + fraction * (dark[k] - light[k])));
  }
  return fmt::format("#{:02x}{:02x}{:02x}", channel[0], channel[1], channel[2]);
}

AxisRange range_over(const Recording& recording, bool command) {
  std::vector<double> extremes;
  for (const Sweep& sweep : recording.sweeps) {
    const AxisRange range = range_of(command ? sweep.command->samples : membrane_potential(sweep).samples);
    extremes.insert(extremes.end(), {range.low, range.high});
  }
  return range_of(extremes);
}

}  // namespace

void write_recording_figure(const std::filesystem::path& directory, const Recording& recording) {
  const bool has_command = std::ranges::all_of(recording.sweeps, [](const Sweep& sweep) { return sweep.command.has_value(); });
  const std::size_t count = recording.sweeps.size();
  GnuplotJob job;
  fmt::memory_buffer voltage_plot, command_plot;
  double first_time = 0.0, last_time = 0.0;
  for (std::size_t k = 0; k < count; ++k) {
    const Sweep& sweep = recording.sweeps[k];
    const auto& v = membrane_potential(sweep).samples;
    const auto kept = envelope_indices(sweep.time_ms, v, max_points_per_sweep);
    const auto times = pick(sweep.time_ms, kept);
    job.add_datablock(fmt::format("v{}", k), {times, pick(v, kept)});
    first_time = k == 0 ? sweep.time_ms.front() : std::min(first_time, sweep.time_ms.front());
    last_time = k == 0 ? sweep.time_ms.back() : std::max(last_time, sweep.time_ms.back());
    const std::string colour = sweep_colour(count == 1 ? 1.0 : static_cast<double>(k) / static_cast<double>(count - 1));
    const bool titled = static_cast<int>(count) <= most_sweeps_in_key;
    append(voltage_plot, "{}$v{} using 1:2 with lines linewidth 1.0 linecolor rgb '{}' title {}", k ? ", \\\n  " : "",
           k, colour, titled ? gnuplot_quote(sweep.name) : std::string("''"));
    if (has_command) {
      const auto command_kept = envelope_indices(sweep.time_ms, sweep.command->samples, max_points_per_sweep);
      job.add_datablock(fmt::format("i{}", k),
                        {pick(sweep.time_ms, command_kept), pick(sweep.command->samples, command_kept)});
      append(command_plot, "{}$i{} using 1:2 with lines linewidth 1.2 linecolor rgb '{}'", k ? ", \\\n  " : "", k,
             colour);
    }
  }
  const AxisRange v = range_over(recording, false);
  fmt::memory_buffer commands;
  const std::string title =
      fmt::format("{} ({}): {} sweep{}{}", recording.path.filename().string(), to_string(recording.format), count,
                  count == 1 ? "" : "s",
                  static_cast<int>(count) > most_sweeps_in_key
                      ? fmt::format(", {} (light) to {} (dark)", recording.sweeps.front().name, recording.sweeps.back().name)
                      : std::string());
  append(commands, "set multiplot title {} font ',13'\n", gnuplot_quote(title));
  append(commands, "set lmargin at screen {}\nset rmargin at screen {}\nset xrange [{:.9g}:{:.9g}]\n", left, right,
         first_time, last_time);
  append(commands, "set tmargin at screen 0.88\nset bmargin at screen {}\n", has_command ? 0.38 : 0.10);
  append(commands, "set key at graph 1, graph 1.02 right bottom horizontal reverse Left width 1\n");
  append(commands, "set ylabel {}\nset yrange {}\n{}", axis_label("v", "mV"), range_literal(widened(v, 0.04, 0.04)),
         tics_within("y", v));
  append(commands, "{}", has_command ? "set format x ''\n" : "set xlabel 'time (ms)'\n");
  append(commands, "plot {}\n", fmt::to_string(voltage_plot));
  if (has_command) {
    const AxisRange current = range_over(recording, true);
    append(commands,
           "unset key\nset tmargin at screen 0.33\nset bmargin at screen 0.10\nset format x '%g'\n"
           "set xlabel 'time (ms)'\nset ylabel {}\nset yrange {}\n{}plot {}\n",
           axis_label("I", "pA"), range_literal(widened(current, 0.08, 0.08)), tics_within("y", current),
           fmt::to_string(command_plot));
  }
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, directory / "recording", {1200, 760}, fmt::to_string(commands));
  job.run();
}

}  // namespace neurodyn
