// The CSV and TOML files of `neurodyn fit` (include/neurodyn/fit/fit_output.hpp).
#include <fmt/format.h>

#include <cmath>

#include "analysis/parallel_for.hpp"
#include "fit_figures.hpp"
#include "neurodyn/fit/fit_output.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"

namespace neurodyn {

namespace {

std::string csv_number(double value) { return std::isfinite(value) ? fmt::format("{:.10g}", value) : std::string(); }

void append_score_row(fmt::memory_buffer& out, std::string_view set, const FitTarget& target,
                      const TargetScores& scores) {
  append(out, "{},{},\"{}\",{},{},{},{},{},{},{},{},{}\n", set, target.sweep, target.sweep_name,
         csv_number(scores.features), csv_number(scores.gamma), csv_number(scores.gamma_error),
         csv_number(scores.trace_mse), csv_number(scores.spike_times), csv_number(scores.minmax_mse),
         scores.data_spikes, scores.model_spikes, scores.failed ? 1 : 0);
}

void append_mean_row(fmt::memory_buffer& out, std::string_view set, const std::vector<TargetScores>& scores) {
  append(out, "{},mean,\"\",{},{},{},{},{},{},,,\n", set, csv_number(mean_score(scores, ObjectiveKind::features)),
         csv_number(mean_gamma(scores)), csv_number(mean_score(scores, ObjectiveKind::gamma)),
         csv_number(mean_score(scores, ObjectiveKind::trace_mse)),
         csv_number(mean_score(scores, ObjectiveKind::spike_times)),
         csv_number(mean_score(scores, ObjectiveKind::minmax_mse)));
}

std::string header(const FitPlan& plan) {
  return fmt::format(
      "# neurodyn {} fit of {} ({}) to {}; {}; objective {}, optimizer {} (seed {}, budget {} "
      "evaluations), method {} dt {:g} ms\n",
      neurodyn::version, plan.model, plan.preset.value_or("no preset"), plan.recording.filename().string(),
      plan.split_description, to_string(plan.objective.kind), plan.optimizer.name, plan.optimizer.seed,
      plan.optimizer.evaluations, plan.method.name, plan.method.dt);
}

// pareto.csv (fit_output.hpp).
void write_pareto_table(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  fmt::memory_buffer table;
  append(table, "{}evaluation", header(plan));
  for (const std::string_view set : {"training", "held_out"}) {
    for (const ObjectiveKind kind : plan.objective.pareto) {  // gamma's objective is scores.csv's gamma_error
      append(table, ",{}_{}", set, kind == ObjectiveKind::gamma ? "gamma_error" : to_string(kind));
    }
  }
  for (const FreeParameter& parameter : plan.free) append(table, ",{}", parameter.name);
  append(table, "\n");
  for (const ParetoMember& member : report.pareto) {
    append(table, "{}", report.run.history[member.evaluation].index);
    for (const auto* scores : {&member.training, &member.held_out}) {
      for (const ObjectiveKind kind : plan.objective.pareto) {
        append(table, ",{}", csv_number(mean_score(*scores, kind)));
      }
    }
    for (const FreeParameter& parameter : plan.free) append(table, ",{}", csv_number(member.values.at(parameter.name)));
    append(table, "\n");
  }
  write_file_atomically(directory / "pareto.csv", fmt::to_string(table));
}

}  // namespace

FitReport report_fit(const FitEvaluator& evaluator, FitRun run) {
  const FitPlan& plan = evaluator.plan();
  FitReport report;
  report.fitted = parameters_at(plan, run.best_point);
  report.run = std::move(run);
  const auto respond = [&](const std::vector<FitTarget>& targets, std::vector<ModelResponse>& responses,
                           std::vector<TargetScores>& scores) {
    responses.resize(targets.size());
    scores.resize(targets.size());
    analysis_detail::parallel_for(targets.size(), plan.optimizer.threads, [&](std::size_t i) {
      responses[i] = simulate_target(plan, targets[i], report.fitted);
      scores[i] = all_scores(plan, targets[i], responses[i]);
    });
  };
  respond(plan.training, report.training_responses, report.training);
  respond(plan.held_out, report.held_out_responses, report.held_out);
  for (const std::size_t index : report.run.pareto_front) {
    ParetoMember member;
    member.evaluation = index;
    member.values = parameters_at(plan, report.run.history[index].unit_point);
    member.training = evaluator.score_targets(plan.training, member.values);
    member.held_out = evaluator.score_targets(plan.held_out, member.values);
    report.pareto.push_back(std::move(member));
  }
  return report;
}

std::string fitted_run_config(const FitPlan& plan, const FitTarget& target, const ParameterValues& fitted) {
  RunSettings settings;
  settings.model = plan.model;
  settings.parameters = fitted;
  settings.v0 = target.v0_mV;
  settings.stimulus = target.stimulus_spec;
  settings.t_end = target.simulate_until_ms;
  settings.method = plan.method.name;
  settings.method_options["dt"] = plan.method.dt;
  if (method_info(plan.method.name).adaptive) {
    settings.method_options["rtol"] = plan.method.rtol;
    settings.method_options["atol"] = plan.method.atol;
  }
  return fmt::format("# The model fitted by `neurodyn fit` to {}, driven by the recorded command of {} (sweep {}).\n{}",
                     plan.recording.filename().string(), target.sweep_name, target.sweep, to_toml(resolve(settings)));
}

void write_fit_results(const std::filesystem::path& directory, const FitPlan& plan, const FitReport& report) {
  write_file_atomically(directory / "fit.toml", fitted_run_config(plan, plan.held_out.front(), report.fitted));

  fmt::memory_buffer parameters;
  append(parameters, "{}name,unit,min,max,start,fitted\n", header(plan));
  for (const FreeParameter& parameter : plan.free) {
    append(parameters, "{},{},{},{},{},{}\n", parameter.name, parameter.unit, csv_number(parameter.min),
           csv_number(parameter.max), csv_number(plan.fixed.at(parameter.name)),
           csv_number(report.fitted.at(parameter.name)));
  }
  write_file_atomically(directory / "parameters.csv", fmt::to_string(parameters));

  fmt::memory_buffer history;
  append(history, "{}evaluation,score,best_score,rhs_evaluations,failures,elapsed_s", header(plan));
  for (const FreeParameter& parameter : plan.free) append(history, ",{}", parameter.name);
  append(history, "\n");
  double best = INFINITY;
  for (const EvaluationRecord& record : report.run.history) {
    best = std::min(best, record.score);
    append(history, "{},{},{},{},{},{:.3f}", record.index, csv_number(record.score), csv_number(best),
           record.rhs_evaluations, record.failures, record.elapsed_s);
    const ParameterValues values = parameters_at(plan, record.unit_point);
    for (const FreeParameter& parameter : plan.free) append(history, ",{}", csv_number(values.at(parameter.name)));
    append(history, "\n");
  }
  write_file_atomically(directory / "history.csv", fmt::to_string(history));

  fmt::memory_buffer scores;
  append(scores, "{}# features scored with sigma:", header(plan));
  for (std::size_t i = 0; i < plan.objective.features.size(); ++i) {
    append(scores, "{} {} = {:.6g} ({})", i == 0 ? "" : ",", plan.objective.features[i], plan.objective.sigma[i],
           plan.objective.sigma_source[i]);
  }
  append(scores,
         "\n# features: BluePyOpt's feature distance; gamma: the coincidence factor (delta {:g} ms); gamma_error: "
         "1 - gamma (+ rate penalty); trace_mse: mV^2 with data spikes masked; spike_times: ms^2 of spikes matched in "
         "order; minmax_mse: of min-max normalised traces\nset,sweep,sweep_name,features,gamma,gamma_error,trace_mse,"
         "spike_times,minmax_mse,data_spikes,model_spikes,failed\n",
         plan.objective.delta_ms);
  for (std::size_t i = 0; i < plan.training.size(); ++i) {
    append_score_row(scores, "training", plan.training[i], report.training[i]);
  }
  for (std::size_t i = 0; i < plan.held_out.size(); ++i) {
    append_score_row(scores, "held_out", plan.held_out[i], report.held_out[i]);
  }
  append_mean_row(scores, "training", report.training);
  append_mean_row(scores, "held_out", report.held_out);
  write_file_atomically(directory / "scores.csv", fmt::to_string(scores));
  if (!report.pareto.empty()) write_pareto_table(directory, plan, report);
  write_fit_figures(directory, plan, report);
}

void write_fit_comparison(const std::filesystem::path& directory, const FitPlan& plan,
                          const std::vector<ComparisonRow>& rows) {
  fmt::memory_buffer table;
  append(table, "{}optimizer,held_out_score,training_score,evaluations,best_at,rhs_evaluations,wall_s,end\n",
         header(plan));
  for (const ComparisonRow& row : rows) {
    append(table, "{},{},{},{},{},{},{:.3f},{}\n", row.optimizer,
           csv_number(mean_score(row.report.held_out, plan.objective.kind)),
           csv_number(mean_score(row.report.training, plan.objective.kind)), row.report.run.history.size(),
           row.report.run.best_index, row.report.run.rhs_evaluations, row.report.run.wall_s,
           to_string(row.report.run.end));
  }
  write_file_atomically(directory / "comparison.csv", fmt::to_string(table));
  write_comparison_figure(directory, plan, rows);
}

}  // namespace neurodyn
