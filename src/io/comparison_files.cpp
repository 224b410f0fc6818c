// compare.csv and summary.csv (include/neurodyn/io/comparison_output.hpp).
#include <fmt/format.h>

#include <cmath>
#include <sstream>
#include <string>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {

namespace {

// A measured value at full precision, or an empty cell.
std::string cell(double value) { return std::isnan(value) ? std::string() : fmt::format("{}", value); }

std::string_view kind(bool adaptive) { return adaptive ? "tolerance" : "step"; }

void append_reference_lines(fmt::memory_buffer& out, const ComparisonReport& report) {
  append(out, "# reference: {} at rtol = atol = {:g}, {} spikes at {} ms, {:.6g} ms wall\n", report.reference_method,
         report.reference_tolerance, report.reference_spike_times.size(),
         report.reference_spike_times.empty() ? std::string("-")
                                              : fmt::format("{}", fmt::join(report.reference_spike_times, " ")),
         report.reference_wall_ms);
  append(out, "# cross-check: {} ({}): status {}, {} spikes", report.cross_check_method, report.cross_check_setting,
         to_string(report.cross_check_status), report.cross_check_spike_count);
  if (report.references_agree()) {
    append(out, "; the references agree within {:.3g} ms\n", report.reference_agreement_ms);
  } else {
    append(out, "; THE REFERENCES DISAGREE{}\n",
           report.cross_check_message.empty() ? "" : ": " + single_line(report.cross_check_message));
  }
}

}  // namespace

void write_comparison_csv(const std::filesystem::path& path, const EffectiveRun& problem,
                          const ComparisonOptions& options, const ComparisonReport& report) {
  fmt::memory_buffer out;
  append(out, "# neurodyn {}: solver comparison (neurodyn compare)\n", version);
  append(out,
         "# units: setting in ms for kind step (dt), rtol = atol for kind tolerance; spike errors in ms, voltage "
         "error in mV; wall_ms is the median wall time of {} run(s) recording spikes only\n",
         options.repeats);
  append_reference_lines(out, report);
  append(out,
         "# spike errors: against the reference's spikes, only where the spike count is right; voltage error: "
         "max |v - v_reference| over the run's samples at least {:g} ms from a spike of either run\n",
         options.spike_exclusion_ms);
  append(out, "# problem (remove the leading '# ' to get a config file):\n");
  std::istringstream toml(problem_to_toml(problem));
  for (std::string line; std::getline(toml, line);) append(out, "# {}\n", line);

  append(out,
         "method,kind,setting,status,spike_count,spike_count_right,max_spike_error_ms,mean_spike_error_ms,"
         "max_voltage_error_mV,steps,rejected_steps,rhs_evaluations,jacobian_evaluations,wall_ms\n");
  for (const auto& run : report.runs) {
    const auto& statistics = run.statistics;
    append(out, "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", run.method, kind(run.adaptive), run.setting,
           to_string(run.status), run.spike_count, run.spike_count_right, cell(run.max_spike_error_ms),
           cell(run.mean_spike_error_ms), cell(run.max_voltage_error_mV), statistics.steps, statistics.rejected_steps,
           statistics.rhs_evaluations, statistics.jacobian_evaluations,
           std::isnan(run.wall_ms) ? std::string() : fmt::format("{:.6g}", run.wall_ms));
  }
  write_file_atomically(path, fmt::to_string(out));
}

void write_comparison_summary_csv(const std::filesystem::path& path, const ComparisonReport& report) {
  fmt::memory_buffer out;
  append(out, "# neurodyn {}: solver comparison summary (neurodyn compare)\n", version);
  append(out,
         "# largest_reliable_step_ms: the largest step at which the method, and every smaller step of the ladder, "
         "ran stably and got the spike count right; fitted_order: slope of log(max spike error) against log(dt) "
         "over those runs whose error is above 10 times the references' agreement (fixed-step methods)\n");
  append_reference_lines(out, report);
  for (const auto& summary : report.summaries) {
    if (summary.not_applicable.empty()) continue;
    append(out, "# not applicable: {}: {}\n", summary.method, single_line(summary.not_applicable));
  }
  append(out, "method,kind,classical_order,largest_reliable_step_ms,fitted_order\n");
  for (const auto& summary : report.summaries) {
    if (!summary.not_applicable.empty()) continue;
    const int order = method_info(summary.method).order;
    append(out, "{},{},{},{},{}\n", summary.method, kind(summary.adaptive), order > 0 ? std::to_string(order) : "",
           cell(summary.largest_reliable_step_ms), cell(summary.fitted_order));
  }
  write_file_atomically(path, fmt::to_string(out));
}

}  // namespace neurodyn
