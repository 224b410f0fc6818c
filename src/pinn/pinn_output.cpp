#include "neurodyn/pinn/pinn_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/model/catalog.hpp"
#include "result_header.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

std::string number(double value) { return std::isfinite(value) ? fmt::format("{:.10g}", value) : ""; }

const StateVariableInfo& variable(const ModelInfo& info, std::size_t j) { return info.state_variables[j]; }

// The unit of time: ms, or none for a dimensionless model (FitzHugh-Nagumo), whose v has no unit either.
std::string time_unit(const ModelInfo& info) { return variable(info, 0).unit.empty() ? "" : "ms"; }

std::string header(const EffectiveRun& run, const PinnOutcome& outcome) {
  return fmt::format("# neurodyn pinn --mode {}: {} on {}{}, t = {:g}..{:g} ms; network: {}\n", outcome.mode, run.model,
                     run.preset ? "preset " + *run.preset : std::string("a configured problem"),
                     run.stimulus.empty() ? "" : ", stimulus " + run.stimulus, run.problem.t_start, run.t_end,
                     outcome.network_size);
}

void write_metrics(const std::filesystem::path& path, const EffectiveRun& run, const PinnOutcome& outcome) {
  const ModelInfo& info = model_info(run.model);
  fmt::memory_buffer text;
  append(text, "{}", header(run, outcome));
  append(text,
         "# against the converged reference (CVODE Adams, rtol = atol = 1e-12) at t_start + (k + 1/2) step, "
         "times no training used; errors of v and u skip 1 ms around every spike\n");
  const std::string u_column =
      info.state_variables.size() > 1
          ? column_name(fmt::format("max_{}_error", variable(info, 1).name), variable(info, 1).unit)
          : std::string("max_u_error");
  append(text,
         "method,spike_count,reference_spike_count,{},{},{},{},scored_points,training_s,trained_parameters,note\n",
         column_name("max_spike_error", time_unit(info)), column_name("mean_spike_error", time_unit(info)),
         column_name(fmt::format("max_{}_error", variable(info, 0).name), variable(info, 0).unit), u_column);
  for (const MetricsRow& row : outcome.metrics) {
    const PinnScore& s = row.score;
    append(text, "{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(row.method), s.spike_count, s.reference_spike_count,
           number(s.max_spike_error_ms), number(s.mean_spike_error_ms), number(s.max_v_error), number(s.max_u_error),
           s.scored_points, number(row.training_seconds), number(row.trained_parameters), csv_field(row.note));
  }
  write_file_atomically(path, fmt::to_string(text));
}

void write_trace(const std::filesystem::path& path, const EffectiveRun& run, const PinnOutcome& outcome) {
  const ModelInfo& info = model_info(run.model);
  const std::size_t d = outcome.trace.dimension;
  fmt::memory_buffer text;
  append(text, "{}", header(run, outcome));
  append(text, "{}", column_name("t", time_unit(info)));
  for (std::size_t j = 0; j < d; ++j) append(text, ",{}", column_name(variable(info, j).name, variable(info, j).unit));
  for (std::size_t j = 0; j < d; ++j) {
    append(text, ",{}", column_name(fmt::format("{}_reference", variable(info, j).name), variable(info, j).unit));
  }
  append(text, "\n");
  for (std::size_t i = 0; i < outcome.trace.sample_count(); ++i) {
    append(text, "{}", number(outcome.trace.times[i]));
    for (std::size_t j = 0; j < d; ++j) append(text, ",{}", number(outcome.trace.state(i, j)));
    for (std::size_t j = 0; j < d; ++j) append(text, ",{}", number(outcome.reference.state(i, j)));
    append(text, "\n");
  }
  write_file_atomically(path, fmt::to_string(text));
}

void write_spikes(const std::filesystem::path& path, const EffectiveRun& run, const PinnOutcome& outcome) {
  const std::string unit = time_unit(model_info(run.model));
  fmt::memory_buffer text;
  append(text, "{}", header(run, outcome));
  append(text, "index,{},{},{}\n", column_name("time", unit), column_name("reference_time", unit),
         column_name("error", unit));
  const auto& network = outcome.trace.spike_times;
  const auto& reference = outcome.reference.spike_times;
  for (std::size_t i = 0; i < std::max(network.size(), reference.size()); ++i) {
    const double t = i < network.size() ? network[i] : std::nan("");
    const double r = i < reference.size() ? reference[i] : std::nan("");
    append(text, "{},{},{},{}\n", i, number(t), number(r), number(t - r));
  }
  write_file_atomically(path, fmt::to_string(text));
}

void write_training(const std::filesystem::path& path, const EffectiveRun& run, const PinnOutcome& outcome) {
  fmt::memory_buffer text;
  append(text, "{}", header(run, outcome));
  append(text, "{}\n", fmt::join(outcome.training.columns, ","));
  for (const auto& row : outcome.training.rows) {
    std::vector<std::string> fields;
    for (const double value : row) fields.push_back(number(value));
    append(text, "{}\n", fmt::join(fields, ","));
  }
  write_file_atomically(path, fmt::to_string(text));
}

std::vector<double> column(const Solution& solution, std::size_t j) {
  std::vector<double> values(solution.sample_count());
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = solution.state(i, j);
  return values;
}

std::size_t index_of(const TrainingTable& table, std::string_view name) {
  return static_cast<std::size_t>(std::ranges::find(table.columns, name) - table.columns.begin());
}

// Four panels: v and u of the network over the reference's, |error| of v over time, and the training record.
void write_figure(const std::filesystem::path& directory, const EffectiveRun& run, const PinnOutcome& outcome) {
  const ModelInfo& info = model_info(run.model);
  const std::size_t d = outcome.trace.dimension;
  GnuplotJob job;
  fmt::memory_buffer commands;
  const std::size_t panels = d > 1 ? 4 : 3;
  const bool time_axis = outcome.training.x_is_time;
  const std::string time_label = axis_label("time", time_unit(info));
  const double top = 0.92, bottom = 0.06, gap = time_axis ? 0.05 : 0.08;
  const double height = (top - bottom - gap * static_cast<double>(panels - 1)) / static_cast<double>(panels);
  const auto margins = [&](std::size_t panel) {
    const double upper = top - static_cast<double>(panel) * (height + gap);
    return fmt::format("set tmargin at screen {:.4f}\nset bmargin at screen {:.4f}\n", upper, upper - height);
  };
  const auto& s = outcome.metrics.front().score;
  append(commands, "set multiplot title {} font ',13'\n",
         gnuplot_quote(fmt::format(
             "PINN ({}) against the converged reference: {} spikes (reference {}){}", outcome.mode, s.spike_count,
             s.reference_spike_count,
             std::isfinite(s.max_spike_error_ms)
                 ? fmt::format(", max spike error {:.3g}{}", s.max_spike_error_ms, time_unit(info).empty() ? "" : " ms")
                 : std::string())));
  append(commands,
         "set lmargin at screen 0.1\nset rmargin at screen 0.97\n"
         "set key horizontal right top at graph 1, graph 1.14 font ',10' samplen 2\n");
  const AxisRange time{run.problem.t_start, run.t_end};
  append(commands, "set xrange {}\nset format x ''\nunset xlabel\n", range_literal(time));

  std::vector<std::span<const double>> columns{outcome.trace.times};
  std::vector<std::vector<double>> kept;
  for (std::size_t j = 0; j < d; ++j) kept.push_back(column(outcome.trace, j));
  for (std::size_t j = 0; j < d; ++j) kept.push_back(column(outcome.reference, j));
  std::vector<double> error(outcome.trace.sample_count());
  for (std::size_t i = 0; i < error.size(); ++i) {
    error[i] = std::max(1e-16, std::abs(kept[0][i] - kept[d][i]));
  }
  for (const auto& values : kept) columns.emplace_back(values);
  columns.emplace_back(error);
  job.add_datablock("trace", columns);

  for (std::size_t j = 0; j < std::min<std::size_t>(d, 2); ++j) {
    const auto& var = variable(info, j);
    const AxisRange reference = range_of(kept[d + j]), network = range_of(kept[j]);
    const AxisRange range =
        widened(AxisRange{std::min(reference.low, network.low), std::max(reference.high, network.high)}, 0.05, 0.05);
    append(commands, "{}set ylabel {}\nset yrange {}\n{}", margins(j), axis_label(var.name, var.unit),
           range_literal(range), tics_within("y", range, 4.0));
    append(commands,
           "plot $trace using 1:{} with lines linewidth 2.2 linecolor rgb '#b0b0b0' title 'converged reference', \\\n"
           "  $trace using 1:{} with lines linewidth 1.0 linecolor rgb '{}' title 'PINN'\n",
           2 + d + j, 2 + j, figure_colour::blue);
  }
  std::size_t panel = std::min<std::size_t>(d, 2);
  append(commands, "{}set logscale y\nset format y '1e%T'\nset yrange [*:*]\nset ytics autofreq\n", margins(panel));
  append(commands, "set ylabel {}\n",
         axis_label(fmt::format("|{} error|", variable(info, 0).name), variable(info, 0).unit));
  append(commands, "set label 1 {} at graph 0, graph 1 left offset 0, character 0.7 font ',10'\n",
         gnuplot_quote(
             fmt::format("|PINN - reference| of {} at the scored times (floored at 1e-16)", variable(info, 0).name)));
  if (!time_axis) append(commands, "set format x '%g'\nset xlabel {}\n", time_label);
  append(commands, "plot $trace using 1:{} with lines linewidth 1.0 linecolor rgb '{}' notitle\n", 2 + 2 * d,
         figure_colour::vermillion);
  ++panel;
  const TrainingTable& training = outcome.training;
  std::vector<std::vector<double>> training_columns(training.columns.size());
  for (const auto& row : training.rows) {
    for (std::size_t c = 0; c < row.size() && c < training_columns.size(); ++c) {
      training_columns[c].push_back(std::isfinite(row[c]) && row[c] > 0.0 ? row[c] : std::nan(""));
    }
  }
  std::vector<std::span<const double>> training_spans;
  for (const auto& values : training_columns) training_spans.emplace_back(values);
  job.add_datablock("training", training_spans);
  append(commands, "{}set ylabel 'training'\nset format x '%g'\nset xlabel {}\n", margins(panel),
         time_axis ? time_label : gnuplot_quote(training.x_column));
  append(commands, "set label 1 {} at graph 0, graph 1 left offset 0, character 0.7 font ',10'\n",
         gnuplot_quote(training.title));
  if (!time_axis) append(commands, "set xrange [*:*]\n");
  std::vector<std::string> plots;
  const std::array<std::string_view, 3> colours{figure_colour::bluish_green, figure_colour::reddish_purple,
                                                figure_colour::orange};
  for (std::size_t k = 0; k < training.y_columns.size(); ++k) {
    plots.push_back(
        fmt::format("$training using {}:{} with linespoints pointtype 7 pointsize 0.3 linewidth 0.8 "
                    "linecolor rgb '{}' title {}",
                    1 + index_of(training, training.x_column), 1 + index_of(training, training.y_columns[k]),
                    colours[k % colours.size()], gnuplot_quote(training.y_columns[k])));
  }
  append(commands, "plot {}\nunset multiplot\n", fmt::join(plots, ", \\\n  "));
  add_png_and_svg(job, directory / "pinn", {1100, 1000}, fmt::to_string(commands));
  job.run();
}

void write_parameters(const std::filesystem::path& path, const EffectiveRun& run, const PinnOutcome& outcome) {
  fmt::memory_buffer text;
  append(text, "{}", header(run, outcome));
  append(text, "name,start,identified,standard_error,truth,error_percent\n");
  for (const IdentifiedParameter& p : outcome.parameters) {
    const auto truth = outcome.parameter_truth.find(p.name);
    const bool known = truth != outcome.parameter_truth.end();
    append(text, "{},{},{},{},{},{}\n", p.name, number(p.start), number(p.value), number(p.standard_error),
           known ? number(truth->second) : "", known ? number(100.0 * (p.value / truth->second - 1.0)) : "");
  }
  write_file_atomically(path, fmt::to_string(text));
}

}  // namespace

void write_pinn_results(const std::filesystem::path& directory, const EffectiveRun& run, const PinnOutcome& outcome,
                        bool figures) {
  if (!outcome.parameters.empty()) write_parameters(directory / "parameters.csv", run, outcome);
  write_metrics(directory / "metrics.csv", run, outcome);
  write_trace(directory / "trace.csv", run, outcome);
  write_spikes(directory / "spikes.csv", run, outcome);
  write_training(directory / "training.csv", run, outcome);
  write_file_atomically(directory / "config.toml", outcome.config_toml);
  if (figures) write_figure(directory, run, outcome);
}

}  // namespace neurodyn
