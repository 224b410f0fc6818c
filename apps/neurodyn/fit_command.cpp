// `neurodyn fit --config FIT.toml --out DIR`: a model fitted to a recording's training sweeps and scored on its
// held-out sweeps (include/neurodyn/fit/*.hpp); `--compare A,B,...` runs several optimizers on the same problem.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "command.hpp"
#include "fit_module.hpp"
#include "interrupt.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/fit/checkpoint.hpp"
#include "neurodyn/fit/fit_output.hpp"
#include "neurodyn/fit/optimizers.hpp"
#include "neurodyn/io/fit_config.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/io/unit_key.hpp"

namespace neurodyn::cli {
namespace {

struct FitFlags {
  std::filesystem::path config;
  std::filesystem::path out;
  std::optional<std::filesystem::path> recording;
  std::optional<std::string> optimizer;
  std::optional<long long> evaluations;
  std::optional<long long> seed;
  std::optional<long long> threads;
  std::optional<std::string> objective;
  std::vector<std::string> compare;
  bool resume = false;
};

// Progress on stderr every two seconds: evaluations, the best score, the rate and the time left.
class FitProgressReport {
 public:
  explicit FitProgressReport(std::string label) : label_(std::move(label)), next_(Clock::now() + interval_) {}

  void operator()(const FitProgress& progress) {
    const auto now = Clock::now();
    if (now < next_ && progress.evaluations < progress.budget) return;
    next_ = now + interval_;
    const double rate = progress.elapsed_s > 0.0 ? static_cast<double>(progress.evaluations) / progress.elapsed_s : 0.0;
    const double left = rate > 0.0 ? static_cast<double>(progress.budget - progress.evaluations) / rate : 0.0;
    const std::string generation =
        progress.generation > 0 ? fmt::format("generation {}, ", progress.generation) : std::string();
    std::cerr << fmt::format("{}: {}{} of {} evaluations, best {:.6g}, {:.1f} evaluations/s, about {:.0f} s left\n",
                             label_, generation, progress.evaluations, progress.budget, progress.best_score, rate,
                             left);
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::seconds interval_{2};
  std::string label_;
  Clock::time_point next_;
};

FitSettings settings_from(const FitFlags& flags) {
  FitOverrides overrides{flags.recording, flags.optimizer, flags.evaluations, flags.seed, flags.threads, {}};
  if (flags.objective) {  // one objective, or a comma-separated list for a Pareto front
    overrides.objectives.emplace();
    std::istringstream list(*flags.objective);
    for (std::string name; std::getline(list, name, ',');) overrides.objectives->push_back(name);
  }
  return with_overrides(read_fit_settings(flags.config), overrides);
}

// The scores of one set, one `name_unit: value` a line, the fit's own objective first.
void print_scores(std::string_view set, const FitPlan& plan, const std::vector<TargetScores>& scores) {
  std::cout << fmt::format("{}_{}: {:.6g}\n", set, to_string(plan.objective.kind),
                           mean_score(scores, plan.objective.kind));
  std::cout << fmt::format("{}_sweeps: {}\n", set, scores.size());
  for (const ObjectiveKind kind :
       {ObjectiveKind::features, ObjectiveKind::trace_mse, ObjectiveKind::spike_times, ObjectiveKind::minmax_mse}) {
    if (kind == plan.objective.kind) continue;
    std::cout << fmt::format("{}: {:.6g}\n", unit_key(fmt::format("{}_{}", set, to_string(kind)), score_unit(kind)),
                             mean_score(scores, kind));
  }
  std::cout << fmt::format("{}_gamma: {:.4f}\n", set, mean_gamma(scores));
}

// The held-out score leads: it is the one that says how good the model is.
void print_summary(const FitPlan& plan, const FitReport& report) {
  print_scores("held_out", plan, report.held_out);
  print_scores("training", plan, report.training);
  const FitRun& run = report.run;
  std::cout << fmt::format(
      "optimizer: {}\nend: {}{}\nevaluations: {}\nbest_evaluation: {}\nwall_s: {:.2f}\n"
      "rhs_evaluations: {}\n",
      plan.optimizer.name, to_string(run.end), run.end_reason.empty() ? "" : fmt::format(" ({})", run.end_reason),
      run.history.size(), run.best_index, run.wall_s, run.rhs_evaluations);
  if (!report.pareto.empty()) std::cout << fmt::format("pareto_front: {}\n", report.pareto.size());
  for (const FreeParameter& parameter : plan.free) {
    std::cout << fmt::format("{}: {:.6g}\n", unit_key(fmt::format("fitted_{}", parameter.name), parameter.unit),
                             report.fitted.at(parameter.name));
  }
}

FitReport fit_once(const FitPlan& plan, const FitFlags& flags, bool checkpoint) {
  const FitEvaluator evaluator(plan);
  FitControl control;
  FitProgressReport progress(fmt::format("fit {}", plan.optimizer.name));
  control.progress = [&progress](const FitProgress& p) { progress(p); };
  control.stop = &stop_requested;
  std::optional<CheckpointWriter> writer;
  const std::filesystem::path checkpoint_file = checkpoint_path(flags.out);
  if (checkpoint) {
    if (flags.resume) {
      control.replay = read_checkpoint(checkpoint_file);
      std::cerr << fmt::format("fit: resuming from {} ({} evaluations to replay)\n", checkpoint_file.string(),
                               control.replay.size());
    }
    writer.emplace(checkpoint_file, flags.resume);
    control.on_evaluation = [&writer](const EvaluationRecord& record) { writer->add(record); };
  }
  FitRun run = run_fit(evaluator, control);
  if (run.end == FitEnd::interrupted) {
    std::cerr << fmt::format(
        "fit: interrupted after {} evaluations; the results hold the best so far{}\n", run.history.size(),
        checkpoint ? fmt::format("; `--resume` continues from {}", checkpoint_file.string()) : std::string());
  } else if (checkpoint) {
    std::filesystem::remove(checkpoint_file);
  }
  return report_fit(evaluator, std::move(run));
}

void run_fit_command(const FitFlags& flags) {
  ResultFolder folder(flags.out, "fit");
  FitPlan plan = plan_fit(settings_from(flags));
  for (const std::string& name : flags.compare) find_optimizer(name);
  if (flags.resume && !flags.compare.empty()) throw InputError("--resume and --compare do not go together");
  const StopOnInterrupt interrupt;
  if (flags.compare.empty()) {
    const FitReport report = fit_once(plan, flags, true);
    const std::filesystem::path& staging = folder.start_writing();
    write_fit_results(staging, plan, report);
    std::filesystem::copy_file(flags.config, staging / "fit_config.toml");
    folder.commit();
    print_summary(plan, report);
    std::cout << fmt::format(
        "wrote {}/ (fit.toml, parameters.csv, history.csv, scores.csv, {}fit_config.toml, "
        "fit_traces, history{} and parameters .png/.svg)\n",
        flags.out.string(), report.pareto.empty() ? "" : "pareto.csv, ", report.pareto.empty() ? "" : ", pareto");
    return;
  }
  std::vector<ComparisonRow> rows;
  for (const std::string& name : flags.compare) {
    if (stop_requested.load()) break;
    FitPlan one = plan;
    one.optimizer.name = name;
    require_optimizer_fits(one);
    rows.push_back({name, fit_once(one, flags, false)});
    const std::string objective(to_string(plan.objective.kind));
    std::cout << fmt::format("{}: held_out_{}={:.6g} training_{}={:.6g} evaluations={} wall_s={:.2f}\n", name,
                             objective, mean_score(rows.back().report.held_out, plan.objective.kind), objective,
                             mean_score(rows.back().report.training, plan.objective.kind),
                             rows.back().report.run.history.size(), rows.back().report.run.wall_s);
  }
  const std::filesystem::path& staging = folder.start_writing();
  write_fit_comparison(staging, plan, rows);
  std::filesystem::copy_file(flags.config, staging / "fit_config.toml");
  folder.commit();
  std::cout << fmt::format("wrote {}/ (comparison.csv, comparison.png/.svg, fit_config.toml)\n", flags.out.string());
}

}  // namespace

void add_fit_command(CLI::App& app) {
  auto flags = std::make_shared<FitFlags>();
  auto* command = app.add_subcommand(std::string(fit_module_info.name), std::string(fit_module_info.description));
  command->add_option("--config", flags->config, "the fit's TOML file (layout: README, `neurodyn fit`)")
      ->required()
      ->type_name("FIT.toml");
  command->add_option("--out", flags->out, "output directory")->required()->type_name("DIR");
  command->add_option("--recording", flags->recording, "the recording (overrides data.recording)")->type_name("FILE");
  command
      ->add_option("--optimizer", flags->optimizer,
                   "sga, sa, de, sade, pso, cmaes, xnes (pagmo); lbfgs, bobyqa, subplex (NLopt); study-gd, study-sa, "
                   "study-ga (the earlier study's, as baselines)")
      ->type_name("NAME");
  command->add_option("--evaluations", flags->evaluations, "the budget in objective evaluations")->type_name("N");
  command->add_option("--seed", flags->seed, "the optimizer's seed")->type_name("S");
  command->add_option("--threads", flags->threads, "threads (0: every core); the result does not depend on it")
      ->type_name("T");
  command
      ->add_option(
          "--objective", flags->objective,
          "features, gamma, trace_mse, spike_times or minmax_mse; a comma-separated list for a Pareto front (nsga2)")
      ->type_name("KIND");
  command
      ->add_option("--compare", flags->compare,
                   "run these optimizers on the same problem and budget, comma-separated; writes comparison.csv")
      ->delimiter(',')
      ->type_name("NAMES");
  command->add_flag("--resume", flags->resume, "continue the fit an interruption stopped (same --out and settings)");
  command->callback([flags] { run_fit_command(*flags); });
}

}  // namespace neurodyn::cli

// The module's entry points (apps/neurodyn/fit_module.hpp).
extern "C" __attribute__((visibility("default"))) void neurodyn_add_fit_command(CLI::App* app) {
  neurodyn::cli::add_fit_command(*app);
}

extern "C" __attribute__((visibility("default"))) void neurodyn_fit_set_memory_budget(double bytes) {
  neurodyn::set_memory_budget_bytes(bytes);
}
