// `neurodyn compare`: every method over a ladder of steps (fixed-step methods) or tolerances (adaptive
// ones) on one problem, against a CVODE reference cross-checked by a second method. Writes
// compare.csv, summary.csv, verdict.txt and the work-precision and convergence figures into --out; prints
// the verdict. Bad input is refused before any work, and nothing is written for it.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "command.hpp"
#include "neurodyn/analysis/solver_comparison.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/io/run_config.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

struct CompareOptions {
  ProblemFlags problem;
  std::optional<std::string> methods;     // comma-separated
  std::optional<std::string> steps;       // comma-separated, ms
  std::optional<std::string> tolerances;  // comma-separated
  int repeats = ComparisonOptions{}.repeats;
  std::filesystem::path out;
};

// The items of a comma-separated list. Throws InputError naming the flag when the list or an item is empty.
std::vector<std::string> split_list(std::string_view flag, const std::string& text, std::string_view allowed) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    items.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (items.back().empty()) {
      throw InputError(text.empty() ? fmt::format("{} is empty; allowed: {}", flag, allowed)
                                    : fmt::format("{} '{}' has an empty item; allowed: {}", flag, text, allowed));
    }
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

std::vector<double> parse_numbers(std::string_view flag, const std::string& text, std::string_view allowed) {
  std::vector<double> numbers;
  for (const auto& item : split_list(flag, text, allowed)) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (error != std::errc() || end != item.data() + item.size() || !std::isfinite(value) || !(value > 0.0)) {
      throw InputError(fmt::format("{} value '{}' is not allowed; allowed: {}", flag, item, allowed));
    }
    numbers.push_back(value);
  }
  return numbers;
}

ComparisonOptions comparison_options(const CompareOptions& options) {
  ComparisonOptions comparison;
  comparison.methods = default_comparison_methods();
  if (options.methods) {
    comparison.methods = split_list("--methods", *options.methods, "a comma-separated list of method names");
    for (const auto& method : comparison.methods) {
      try {
        method_info(method);
      } catch (const InputError& error) {
        throw InputError(fmt::format("--methods: {}", error.what()));
      }
    }
  }
  if (options.steps) {
    comparison.steps = parse_numbers("--steps", *options.steps, "a comma-separated list of steps in ms > 0");
  }
  if (options.tolerances) {
    comparison.tolerances =
        parse_numbers("--tolerances", *options.tolerances, "a comma-separated list of tolerances > 0");
  }
  comparison.repeats = options.repeats;
  return comparison;
}

// A progress line on stderr per method.
void report_progress(const MethodSummary& summary, std::span<const ComparisonRun> runs) {
  if (!summary.not_applicable.empty()) {
    std::cerr << fmt::format("compare: {}: not applicable: {}\n", summary.method, summary.not_applicable);
    return;
  }
  std::size_t right = 0;
  double wall = 0.0;
  for (const auto& run : runs) {
    right += run.spike_count_right ? 1 : 0;
    wall += std::isnan(run.wall_ms) ? 0.0 : run.wall_ms;
  }
  std::string line =
      fmt::format("compare: {}: {} runs, {} with the right spike count", summary.method, runs.size(), right);
  if (!summary.adaptive) {
    line += std::isnan(summary.largest_reliable_step_ms)
                ? std::string(", no reliable step")
                : fmt::format(", largest reliable step {:g} ms (spike count right there and at every smaller step)",
                              summary.largest_reliable_step_ms);
    if (!std::isnan(summary.fitted_order)) line += fmt::format(", fitted order {:.2f}", summary.fitted_order);
  }
  std::cerr << line << fmt::format(" ({:.3g} s of timed runs)\n", wall / 1000.0);
}

std::string figure_title(const EffectiveRun& run, const ComparisonReport& report) {
  return fmt::format("{}, {:g} ms: spike-time error against {} at rtol = atol = {:g}",
                     run.preset ? *run.preset : run.model, run.t_end, report.reference_method,
                     report.reference_tolerance);
}

void write_results(const CompareOptions& options, ResultFolder& folder, const EffectiveRun& run,
                   const ComparisonOptions& comparison, const ComparisonReport& report) {
  const auto& out = options.out;
  const auto& staging = folder.start_writing();
  const std::string verdict = comparison_verdict(report);
  write_comparison_csv(staging / "compare.csv", run, comparison, report);
  write_comparison_summary_csv(staging / "summary.csv", report);
  write_file_atomically(staging / "verdict.txt", verdict);
  const std::string title = figure_title(run, report);
  write_work_precision_figure(staging / "work_precision", title, report);
  write_convergence_figure(staging / "convergence", title, report);
  folder.commit();

  std::cout << verdict << '\n';
  std::cout << fmt::format("runs:     {}\nsummary:  {}\nverdict:  {}\nfigures:  {}, {}\n",
                           (out / "compare.csv").string(), (out / "summary.csv").string(),
                           (out / "verdict.txt").string(), (out / "work_precision.{png,svg}").string(),
                           (out / "convergence.{png,svg}").string());
}

void run_compare(const CompareOptions& options) {
  const EffectiveRun run = resolve(with_comparison_defaults(combined_settings(options.problem)));
  ComparisonOptions comparison = comparison_options(options);
  comparison.on_method_done = report_progress;
  ResultFolder folder(options.out, "compare");

  std::cerr << fmt::format("compare: the reference ({} at rtol = atol = {:g}) and its cross-check, then {} methods\n",
                           comparison.reference_method, comparison.reference_tolerance, comparison.methods.size());
  ComparisonReport report;
  try {
    report = compare_solvers(run.problem, comparison);
  } catch (const ReferenceFailed& failure) {
    throw RunFailed(failure.status(), failure.what());
  }
  write_results(options, folder, run, comparison, report);
}

}  // namespace

void add_compare_command(CLI::App& app) {
  auto options = std::make_shared<CompareOptions>();
  auto* command = app.add_subcommand(
      "compare",
      "Compare numerical methods on one problem (default: preset izh2007-RS, the RS test problem of Izhikevich "
      "2007, docs/reference.md 2.1): each method over "
      "a ladder of steps or tolerances against a CVODE reference cross-checked by a second method. Writes "
      "compare.csv, summary.csv, verdict.txt, work_precision.{png,svg} and convergence.{png,svg} into --out. "
      "A --config file gives the problem; its [method] tables are not used.");
  add_problem_flags(*command, options->problem);
  command
      ->add_option("--methods", options->methods,
                   "comma-separated methods (default: the four of earlier solver studies, "
                   "docs/reference.md 6.1, and ours; see `neurodyn methods`)")
      ->type_name("A,B,...");
  const ComparisonOptions defaults;
  command
      ->add_option("--steps", options->steps,
                   fmt::format("comma-separated steps of the fixed-step methods (ms; default {:g})",
                               fmt::join(defaults.steps, ",")))
      ->type_name("DT,...");
  command
      ->add_option("--tolerances", options->tolerances,
                   fmt::format("comma-separated rtol = atol of the adaptive methods (default {:g})",
                               fmt::join(defaults.tolerances, ",")))
      ->type_name("TOL,...");
  command->add_option("--repeats", options->repeats, "wall time is the median of this many runs")
      ->type_name("N")
      ->capture_default_str();
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_compare(*options); });
}

}  // namespace neurodyn::cli
