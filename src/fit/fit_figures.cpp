// The figures of `neurodyn fit` (fit_figures.hpp).
#include "fit_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "figure_style.hpp"
#include "gnuplot_job.hpp"
#include "neurodyn/io/downsample.hpp"
#include "text_buffer.hpp"

namespace neurodyn {
namespace {

constexpr std::size_t most_panels_per_set = 4;
constexpr std::size_t max_points_per_trace = 3000;
constexpr std::array<std::string_view, 6> line_colours{figure_colour::blue,         figure_colour::vermillion,
                                                       figure_colour::bluish_green, figure_colour::reddish_purple,
                                                       figure_colour::orange,       figure_colour::grey};

// Up to `most` indices spread evenly over 0 .. count-1.
std::vector<std::size_t> spread(std::size_t count, std::size_t most) {
  std::vector<std::size_t> picked;
  if (count <= most) {
    for (std::size_t i = 0; i < count; ++i) picked.push_back(i);
    return picked;
  }
  for (std::size_t k = 0; k < most; ++k) picked.push_back(k * (count - 1) / (most - 1));
  return picked;
}

std::vector<double> running_best(const std::vector<EvaluationRecord>& history) {
  std::vector<double> best;
  for (const EvaluationRecord& record : history)
    best.push_back(best.empty() ? record.score : std::min(best.back(), record.score));
  return best;
}

std::vector<double> evaluation_numbers(const std::vector<EvaluationRecord>& history) {
  std::vector<double> numbers;
  for (const EvaluationRecord& record : history) numbers.push_back(static_cast<double>(record.index));
  return numbers;
}

// A log axis when every score is positive and they span more than two decades.
bool log_scores(std::span<const double> scores) {
  const auto [low, high] = std::minmax_element(scores.begin(), scores.end());
  return *low > 0.0 && *high / *low > 100.0;
}

void trace_panel(GnuplotJob& job, fmt::memory_buffer& commands, const FitTarget& target, const ModelResponse& response,
                 const TargetScores& scores, std::string_view set, std::size_t panel, double x0, double x1, double y0,
                 double y1) {
  const auto& t = target.data.time_ms;
  const auto& v = membrane_potential(target.data).samples;
  const auto kept = envelope_indices(t, v, max_points_per_trace);
  job.add_datablock(fmt::format("data{}", panel), {pick(t, kept), pick(v, kept)});
  std::vector<double> all(v.begin(), v.end());
  std::string model_plot;
  if (response.ok()) {
    const auto model_kept = envelope_indices(t, response.v_mV, max_points_per_trace);
    job.add_datablock(fmt::format("model{}", panel), {pick(t, model_kept), pick(response.v_mV, model_kept)});
    model_plot = fmt::format(", $model{} using 1:2 with lines linewidth 1.1 linecolor rgb '{}' title 'model'", panel,
                             figure_colour::blue);
    all.insert(all.end(), response.v_mV.begin(), response.v_mV.end());
  }
  const AxisRange range = range_of(all);
  const std::string title =
      response.ok()
          ? fmt::format("{} ({}): {} data / {} model spikes, Gamma {:.2f}, features {:.3g}", target.sweep_name, set,
                        scores.data_spikes, scores.model_spikes, scores.gamma, scores.features)
          : fmt::format("{} ({}): the simulation failed: {}", target.sweep_name, set, response.message);
  append(commands,
         "set lmargin at screen {:.4f}\nset rmargin at screen {:.4f}\nset bmargin at screen {:.4f}\n"
         "set tmargin at screen {:.4f}\nset title {} font ',10'\nset xrange [{:.9g}:{:.9g}]\nset yrange {}\n{}"
         "set ylabel {}\nset xlabel 'time (ms)'\n",
         x0, x1, y0, y1, gnuplot_quote(title), t.front(), t.back(), range_literal(widened(range, 0.05, 0.05)),
         tics_within("y", range), axis_label("v", "mV"));
  append(commands, "plot $data{} using 1:2 with lines linewidth 1.0 linecolor rgb '#a0a0a0' title 'data'{}\n", panel,
         model_plot);
}

void write_traces(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  GnuplotJob job;
  fmt::memory_buffer commands;
  const auto training = spread(plan.training.size(), most_panels_per_set);
  const auto held_out = spread(plan.held_out.size(), most_panels_per_set);
  const std::size_t rows = std::max(training.size(), held_out.size());
  append(commands, "set multiplot title {} font ',13'\nset key top right horizontal font ',9'\n",
         gnuplot_quote(fmt::format("{} fitted to {} by {}: training (left) and held-out (right) sweeps", plan.model,
                                   plan.recording.filename().string(), plan.optimizer.name)));
  const double top = 0.93, bottom = 0.05, height = (top - bottom) / static_cast<double>(rows);
  std::size_t panel = 0;
  const auto column = [&](const std::vector<std::size_t>& picked, const std::vector<FitTarget>& targets,
                          const std::vector<ModelResponse>& responses, const std::vector<TargetScores>& scores,
                          std::string_view set, double x0, double x1) {
    for (std::size_t row = 0; row < picked.size(); ++row) {
      const std::size_t i = picked[row];
      const double y1 = top - static_cast<double>(row) * height;
      trace_panel(job, commands, targets[i], responses[i], scores[i], set, panel++, x0, x1, y1 - height + 0.055,
                  y1 - 0.03);
    }
  };
  column(training, plan.training, report.training_responses, report.training, "training", 0.07, 0.49);
  column(held_out, plan.held_out, report.held_out_responses, report.held_out, "held out", 0.57, 0.985);
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, directory / "fit_traces", {1400, 260 * static_cast<int>(rows) + 80}, fmt::to_string(commands));
  job.run();
}

void write_history(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  GnuplotJob job;
  const auto& history = report.run.history;
  const std::vector<double> numbers = evaluation_numbers(history), best = running_best(history);
  std::vector<double> scores;
  for (const EvaluationRecord& record : history) scores.push_back(record.score);
  job.add_datablock("history", {numbers, scores, best});
  fmt::memory_buffer commands;
  append(commands, "set title {} font ',12'\nset xlabel 'evaluation'\nset ylabel {}\nset key top right\n{}",
         gnuplot_quote(fmt::format("{} on the training sweeps: {} evaluations, best {:.4g} at evaluation {} ({})",
                                   plan.optimizer.name, history.size(), report.run.best_score, report.run.best_index,
                                   to_string(report.run.end))),
         gnuplot_quote(fmt::format("{} score", to_string(plan.objective.kind))),
         log_scores(scores) ? "set logscale y\n" : "");
  append(commands,
         "plot $history using 1:2 with points pointtype 7 pointsize 0.35 linecolor rgb '#b0b0b0' title "
         "'each evaluation', $history using 1:3 with steps linewidth 2 linecolor rgb '{}' title 'best so far'\n",
         figure_colour::vermillion);
  add_png_and_svg(job, directory / "history", {1000, 560}, fmt::to_string(commands));
  job.run();
}

void write_parameter_traces(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  GnuplotJob job;
  const auto& history = report.run.history;
  const std::vector<double> numbers = evaluation_numbers(history);
  const std::size_t count = plan.free.size();
  const std::size_t columns = count <= 3 ? count : 3, rows = (count + columns - 1) / columns;
  fmt::memory_buffer commands;
  append(commands, "set multiplot layout {},{} title {} font ',13'\nunset key\n", rows, columns,
         gnuplot_quote(
             fmt::format("free parameters at each evaluation of {} (line: the fitted value)", plan.optimizer.name)));
  for (std::size_t j = 0; j < count; ++j) {
    const FreeParameter& parameter = plan.free[j];
    std::vector<double> values;
    for (const EvaluationRecord& record : history) {
      values.push_back(parameter.min + std::clamp(record.unit_point[j], 0.0, 1.0) * (parameter.max - parameter.min));
    }
    job.add_datablock(fmt::format("p{}", j), {numbers, values});
    const AxisRange range{parameter.min, parameter.max};
    append(
        commands, "set title {} font ',10'\nset xlabel 'evaluation'\nset ylabel {}\nset yrange {}\n{}",
        gnuplot_quote(fmt::format("{} = {:.4g} {}", parameter.name, report.fitted.at(parameter.name), parameter.unit)),
        axis_label(parameter.name, parameter.unit), range_literal(range), tics_within("y", range));
    append(commands,
           "plot $p{} using 1:2 with points pointtype 7 pointsize 0.3 linecolor rgb '{}', {:.10g} with lines "
           "linewidth 1.5 linecolor rgb '{}'\n",
           j, figure_colour::blue, report.fitted.at(parameter.name), figure_colour::vermillion);
  }
  append(commands, "unset multiplot\n");
  add_png_and_svg(job, directory / "parameters", {1200, 300 * static_cast<int>(rows) + 60}, fmt::to_string(commands));
  job.run();
}

// An objective's axis label: its name, what gamma's score is, and the unit.
std::string score_label(ObjectiveKind kind) {
  const std::string_view unit = score_unit(kind);
  return fmt::format("{} score{}{}", to_string(kind), kind == ObjectiveKind::gamma ? " (1 - Gamma)" : "",
                     unit.empty() ? "" : fmt::format(" ({})", unit));
}

// The first two objectives of a Pareto fit: every evaluation (grey), the front on the training targets (blue, joined
// in order of the first objective) and the same models scored on the held-out targets (vermillion).
void write_pareto(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  GnuplotJob job;
  const ObjectiveKind first = plan.objective.pareto[0], second = plan.objective.pareto[1];
  std::vector<double> all_first, all_second;
  for (const EvaluationRecord& record : report.run.history) {
    all_first.push_back(record.objectives[0]);
    all_second.push_back(record.objectives[1]);
  }
  std::vector<const ParetoMember*> members;
  for (const ParetoMember& member : report.pareto) members.push_back(&member);
  std::sort(members.begin(), members.end(), [&](const auto* p, const auto* q) {
    return report.run.history[p->evaluation].objectives[0] < report.run.history[q->evaluation].objectives[0];
  });
  std::vector<double> train_first, train_second, held_first, held_second;
  for (const ParetoMember* member : members) {
    train_first.push_back(mean_score(member->training, first));
    train_second.push_back(mean_score(member->training, second));
    held_first.push_back(mean_score(member->held_out, first));
    held_second.push_back(mean_score(member->held_out, second));
  }
  job.add_datablock("all", {all_first, all_second});
  job.add_datablock("training", {train_first, train_second});
  job.add_datablock("held", {held_first, held_second});
  // The axes hold the front and its held-out scores with room around them; the early evaluations far off are cut.
  std::vector<double> x = train_first, y = train_second;
  x.insert(x.end(), held_first.begin(), held_first.end());
  y.insert(y.end(), held_second.begin(), held_second.end());
  const AxisRange x_range = widened(range_of(x), 0.3, 1.0), y_range = widened(range_of(y), 0.3, 1.0);
  fmt::memory_buffer commands;
  append(commands, "set title {} font ',12'\nset xlabel {}\nset ylabel {}\nset key top right\n",
         gnuplot_quote(fmt::format("{}: the Pareto front of {} members after {} evaluations{}", plan.optimizer.name,
                                   report.pareto.size(), report.run.history.size(),
                                   plan.objective.pareto.size() > 2 ? " (the first two objectives)" : "")),
         gnuplot_quote(score_label(first)), gnuplot_quote(score_label(second)));
  append(commands, "set xrange {}\nset yrange {}\n{}{}", range_literal(x_range), range_literal(y_range),
         tics_within("x", x_range), tics_within("y", y_range));
  append(commands,
         "plot $all using 1:2 with points pointtype 7 pointsize 0.3 linecolor rgb '#c0c0c0' title 'each evaluation "
         "(training)', $training using 1:2 with linespoints pointtype 7 pointsize 0.7 linewidth 1.5 linecolor rgb "
         "'{}' title 'front (training)', $held using 1:2 with points pointtype 9 pointsize 0.9 linecolor rgb '{}' "
         "title 'its members on the held-out sweeps'\n",
         figure_colour::blue, figure_colour::vermillion);
  add_png_and_svg(job, directory / "pareto", {1000, 640}, fmt::to_string(commands));
  job.run();
}

}  // namespace

void write_fit_figures(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  write_traces(directory, plan, report);
  write_history(directory, plan, report);
  write_parameter_traces(directory, plan, report);
  if (!report.pareto.empty()) write_pareto(directory, plan, report);
}

void write_comparison_figure(const std::filesystem::path& directory, const FitPlan& plan,
                             const std::vector<ComparisonRow>& rows) {
  GnuplotJob job;
  fmt::memory_buffer plot;
  std::vector<double> all;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto& history = rows[k].report.run.history;
    const std::vector<double> best = running_best(history);
    all.insert(all.end(), best.begin(), best.end());
    job.add_datablock(fmt::format("best{}", k), {evaluation_numbers(history), best});
    append(plot, "{}$best{} using 1:2 with steps linewidth 2 dashtype {} linecolor rgb '{}' title {}",
           k ? ", \\\n  " : "", k, k / line_colours.size() + 1, line_colours[k % line_colours.size()],
           gnuplot_quote(fmt::format("{} (held out {:.4g})", rows[k].optimizer,
                                     mean_score(rows[k].report.held_out, plan.objective.kind))));
  }
  fmt::memory_buffer commands;
  append(commands, "set title {} font ',12'\nset xlabel 'evaluation'\nset ylabel {}\nset key top right\n{}plot {}\n",
         gnuplot_quote(fmt::format("best training score so far, {} evaluations each", plan.optimizer.evaluations)),
         gnuplot_quote(fmt::format("{} score", to_string(plan.objective.kind))),
         log_scores(all) ? "set logscale y\n" : "", fmt::to_string(plot));
  add_png_and_svg(job, directory / "comparison", {1000, 600}, fmt::to_string(commands));
  job.run();
}

}  // namespace neurodyn
