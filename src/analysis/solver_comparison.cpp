#include "neurodyn/analysis/solver_comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "neurodyn/analysis/spike_statistics.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

RecordOptions spikes_only() {
  RecordOptions record;
  record.mode = RecordOptions::Mode::spikes_only;
  return record;
}

double median_wall_ms(const Problem& problem, const MethodOptions& method, int repeats) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const Solution solution = solve(problem, method, spikes_only());
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::ranges::sort(times);
  return times[times.size() / 2];
}

// The reference trace on its uniform grid: the value at time t (a multiple of the grid step).
struct ReferenceTrace {
  const Solution& solution;
  double grid;
  double voltage_at(double t) const {
    const auto index = static_cast<std::size_t>(std::llround(t / grid));
    return index < solution.sample_count() ? solution.state(index, 0) : not_measured;
  }
};

void measure_run(const Problem& problem, const ComparisonOptions& options, const Solution& reference,
                 ComparisonRun& run) {
  MethodOptions method = method_at(run.method, run.setting);
  if (run.method == "parker-sochacki") method.rtol = method.atol = options.series_tolerance;
  RecordOptions record;
  if (run.adaptive) {
    record.output_step = std::max(0.01, options.voltage_grid_ms);
  }
  const Solution solution = solve(problem, method, record);
  run.status = solution.status;
  run.message = solution.message;
  run.statistics = solution.statistics;
  run.spike_count = solution.spike_times.size();
  if (!solution.ok()) return;
  run.spike_count_right = solution.spike_times.size() == reference.spike_times.size();
  if (run.spike_count_right && !reference.spike_times.empty()) {
    double worst = 0.0, sum = 0.0;
    for (std::size_t i = 0; i < solution.spike_times.size(); ++i) {
      const double error = std::abs(solution.spike_times[i] - reference.spike_times[i]);
      worst = std::max(worst, error);
      sum += error;
    }
    run.max_spike_error_ms = worst;
    run.mean_spike_error_ms = sum / static_cast<double>(solution.spike_times.size());
  } else if (run.spike_count_right) {
    run.max_spike_error_ms = run.mean_spike_error_ms = 0.0;
  }
  const ReferenceTrace trace{reference, options.voltage_grid_ms};
  double worst_voltage = 0.0;
  for (std::size_t i = 0; i < solution.sample_count(); ++i) {
    const double t = solution.times[i];
    if (near_a_spike(t, reference.spike_times, options.spike_exclusion_ms) ||
        near_a_spike(t, solution.spike_times, options.spike_exclusion_ms)) {
      continue;
    }
    worst_voltage = std::max(worst_voltage, std::abs(solution.state(i, 0) - trace.voltage_at(t)));
  }
  run.max_voltage_error_mV = worst_voltage;
  run.wall_ms = median_wall_ms(problem, method, options.repeats);
}

MethodSummary summarise(const std::string& method, const std::vector<ComparisonRun>& runs, double floor_ms) {
  MethodSummary summary{method, method_info(method).adaptive};
  if (summary.adaptive) return summary;
  std::vector<const ComparisonRun*> ladder;
  for (const auto& run : runs) {
    if (run.method == method) ladder.push_back(&run);
  }
  std::ranges::sort(ladder, [](const auto* a, const auto* b) { return a->setting < b->setting; });
  for (const auto* run : ladder) {
    if (run->status != SolveStatus::ok || !run->spike_count_right) break;
    summary.largest_reliable_step_ms = run->setting;
  }
  double mean_x = 0, mean_y = 0;
  std::vector<std::pair<double, double>> points;
  for (const auto* run : ladder) {
    if (run->setting <= summary.largest_reliable_step_ms && run->max_spike_error_ms > floor_ms) {
      points.emplace_back(std::log(run->setting), std::log(run->max_spike_error_ms));
    }
  }
  if (points.size() < 3) return summary;
  for (const auto& [x, y] : points) {
    mean_x += x / static_cast<double>(points.size());
    mean_y += y / static_cast<double>(points.size());
  }
  double sxy = 0, sxx = 0;
  for (const auto& [x, y] : points) {
    sxy += (x - mean_x) * (y - mean_y);
    sxx += (x - mean_x) * (x - mean_x);
  }
  summary.fitted_order = sxy / sxx;
  return summary;
}

void validate(const ComparisonOptions& options) {
  if (options.methods.empty()) throw InputError("methods is empty; allowed: one or more method names");
  bool fixed = false, adaptive = false;
  for (const auto& method : options.methods) (method_info(method).adaptive ? adaptive : fixed) = true;
  if (fixed && options.steps.empty()) {
    throw InputError("steps is empty; allowed: one or more steps in ms for the fixed-step methods");
  }
  if (adaptive && options.tolerances.empty()) {
    throw InputError("tolerances is empty; allowed: one or more tolerances for the adaptive methods");
  }
  constexpr int most_repeats = 1000;
  if (options.repeats < 1 || options.repeats > most_repeats) {
    throw InputError(fmt::format("repeats = {} is out of range; allowed: 1 to {}", options.repeats, most_repeats));
  }
  require_in_range("voltage_grid_ms", options.voltage_grid_ms, 1e-6, 1.0);
  for (const double step : options.steps) {
    const double multiple = step / options.voltage_grid_ms;
    if (!(step > 0.0) || std::abs(multiple - std::round(multiple)) > 1e-9 * multiple) {
      throw InputError(
          fmt::format("step = {:g} ms is not allowed; allowed: a positive multiple of the reference "
                      "grid {:g} ms",
                      step, options.voltage_grid_ms));
    }
  }
  for (const double tolerance : options.tolerances) require_in_range("tolerance", tolerance, 1e-14, 1e-1);
  require_in_range("series_tolerance", options.series_tolerance, 1e-16, 1e-1);
  if (!options.reference_method.starts_with("cvode-")) {
    throw InputError(fmt::format("reference method = '{}' is not allowed; allowed: cvode-adams, cvode-bdf",
                                 options.reference_method));
  }
}

// The cross-check: the Parker-Sochacki series where the model and input allow it, else Dormand-Prince.
void cross_check(const Problem& problem, const ComparisonOptions& options, const Solution& reference,
                 ComparisonReport& report) {
  Solution check;
  try {
    MethodOptions series = method_at("parker-sochacki", 0.01);
    series.rtol = series.atol = 1e-15;
    check = solve(problem, series, spikes_only());
    report.cross_check_method = "parker-sochacki";
    report.cross_check_setting = "dt 0.01 ms, series summed to 1e-15";
  } catch (const InputError&) {
    const double tolerance = std::max(1e-13, options.reference_tolerance / 10);
    check = solve(problem, method_at("dopri5", tolerance), spikes_only());
    report.cross_check_method = "dopri5";
    report.cross_check_setting = fmt::format("rtol = atol = {:g}", tolerance);
  }
  report.cross_check_status = check.status;
  report.cross_check_message = check.message;
  report.cross_check_spike_count = check.spike_times.size();
  if (!report.references_agree()) return;
  report.reference_agreement_ms = 0.0;
  for (std::size_t i = 0; i < reference.spike_times.size(); ++i) {
    report.reference_agreement_ms =
        std::max(report.reference_agreement_ms, std::abs(reference.spike_times[i] - check.spike_times[i]));
  }
}

}  // namespace

std::vector<std::string> default_comparison_methods() {
  return {
      "euler",           "backward-euler", "midpoint", "rosenbrock-euler", "heun",     "rk4", "exp-rosenbrock-euler",
      "parker-sochacki", "exprb32",        "dopri5",   "cvode-adams",      "cvode-bdf"};
}

ComparisonReport compare_solvers(const Problem& problem, const ComparisonOptions& options) {
  validate(options);
  ComparisonReport report;
  report.reference_method = options.reference_method;
  report.reference_tolerance = options.reference_tolerance;
  MethodOptions reference_method = method_at(options.reference_method, options.reference_tolerance);
  RecordOptions reference_grid;
  reference_grid.output_step = options.voltage_grid_ms;
  const auto reference_start = std::chrono::steady_clock::now();
  const Solution reference = solve(problem, reference_method, reference_grid);
  report.reference_wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - reference_start).count();
  if (!reference.ok()) {
    throw ReferenceFailed(reference.status,
                          fmt::format("the reference ({} at rtol = atol = {:g}) failed: {}", report.reference_method,
                                      report.reference_tolerance, reference.message));
  }
  report.reference_spike_times = reference.spike_times;
  cross_check(problem, options, reference, report);

  // Errors at or below the references' disagreement say nothing about a method's order.
  const double floor_ms =
      std::max(10 * (std::isnan(report.reference_agreement_ms) ? 0.0 : report.reference_agreement_ms), 1e-10);
  const double span = problem.t_end - problem.t_start;
  for (const auto& method : options.methods) {
    const bool adaptive = method_info(method).adaptive;
    const std::size_t first = report.runs.size();
    std::string not_applicable;
    for (const double setting : adaptive ? options.tolerances : options.steps) {
      if (!adaptive && setting > span) continue;
      ComparisonRun run;
      run.method = method;
      run.adaptive = adaptive;
      run.setting = setting;
      try {
        measure_run(problem, options, reference, run);
      } catch (const InputError& error) {  // the settings are valid (validate): the method does not apply
        not_applicable = error.what();
        break;
      }
      report.runs.push_back(std::move(run));
    }
    if (!not_applicable.empty()) report.runs.resize(first);
    MethodSummary summary = summarise(method, report.runs, floor_ms);
    summary.not_applicable = std::move(not_applicable);
    report.summaries.push_back(std::move(summary));
    if (options.on_method_done) {
      options.on_method_done(report.summaries.back(), std::span(report.runs).subspan(first));
    }
  }
  return report;
}

std::string comparison_verdict(const ComparisonReport& report) {
  std::string text;
  if (report.references_agree()) {
    text = fmt::format(
        "reference: {} at rtol = atol = {:g} ({} spikes), cross-checked by {} ({}): spike times "
        "agree within {:.2g} ms\n",
        report.reference_method, report.reference_tolerance, report.reference_spike_times.size(),
        report.cross_check_method, report.cross_check_setting, report.reference_agreement_ms);
  } else {
    text = fmt::format(
        "WARNING: the references disagree: {} at rtol = atol = {:g} has {} spikes, {} ({}) {} "
        "({}{}); the errors below are against {} alone\n",
        report.reference_method, report.reference_tolerance, report.reference_spike_times.size(),
        report.cross_check_method, report.cross_check_setting, report.cross_check_spike_count,
        to_string(report.cross_check_status),
        report.cross_check_message.empty() ? "" : ": " + report.cross_check_message, report.reference_method);
  }
  for (const double target : {1e-3, 1e-6, 1e-9}) {
    const ComparisonRun* fastest = nullptr;
    for (const auto& run : report.runs) {
      if (run.status == SolveStatus::ok && run.spike_count_right && run.max_spike_error_ms <= target &&
          (!fastest || run.wall_ms < fastest->wall_ms)) {
        fastest = &run;
      }
    }
    if (fastest) {
      // The references resolve errors down to about their agreement only.
      const bool near_floor = target < 10 * report.reference_agreement_ms;
      text += fmt::format("fastest to a spike-time error of {:g} ms: {} at {} {:g} ({:.3g} ms wall){}\n", target,
                          fastest->method, fastest->adaptive ? "tolerance" : "dt", fastest->setting, fastest->wall_ms,
                          near_floor ? ", near the references' agreement" : "");
    } else {
      text += fmt::format("no run reached a spike-time error of {:g} ms\n", target);
    }
  }
  for (const auto& run : report.runs) {
    if (run.status == SolveStatus::ok) continue;
    text += fmt::format("failed: {} at {} {:g}: {}\n", run.method, run.adaptive ? "tolerance" : "dt", run.setting,
                        to_string(run.status));
  }
  for (const auto& run : report.runs) {
    if (run.method != "euler" || run.setting != 1.0) continue;
    text += fmt::format(
        "forward Euler at 1 ms (the reference of earlier studies, docs/reference.md 6.1): {}, {} spikes against {}",
        to_string(run.status), run.spike_count, report.reference_spike_times.size());
    text += run.spike_count_right ? fmt::format(", spike times off by up to {:.3g} ms\n", run.max_spike_error_ms)
                                  : std::string("\n");
  }
  for (const auto& summary : report.summaries) {
    if (summary.not_applicable.empty()) continue;
    text += fmt::format("not applicable: {}: {}\n", summary.method, summary.not_applicable);
  }
  text +=
      "largest reliable step: the largest step at which the method, and every smaller step of the ladder, ran "
      "stably and got the spike count right\n";
  for (const auto& summary : report.summaries) {
    if (summary.adaptive || !summary.not_applicable.empty()) continue;
    text += fmt::format(
        "{}: largest reliable step {} ms, fitted order in spike time {}\n", summary.method,
        std::isnan(summary.largest_reliable_step_ms) ? std::string("none")
                                                     : fmt::format("{:g}", summary.largest_reliable_step_ms),
        std::isnan(summary.fitted_order) ? std::string("n/a") : fmt::format("{:.2f}", summary.fitted_order));
  }
  return text;
}

}  // namespace neurodyn
