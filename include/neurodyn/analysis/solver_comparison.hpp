#pragma once
// An honest comparison of solvers on one problem: every method over a ladder of steps (fixed-step
// methods) or tolerances (adaptive ones), measured against a converged reference that is itself checked
// against a second, independent method.
#include <functional>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

struct ComparisonRun;
struct MethodSummary;

struct ComparisonOptions {
  std::vector<std::string> methods;
  std::vector<double> steps{1.0, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001};  // ms, fixed-step methods
  std::vector<double> tolerances{1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10};        // rtol = atol, adaptive
  int repeats = 3;  // wall time is the median of this many runs (1 to 1000)
  // Parker-Sochacki on the step ladder: rtol = atol of its series. Its order adapts to every step, so the
  // step sets its cost, and the series' tolerance its error (the default leaves the error at the
  // references' agreement at every step).
  double series_tolerance = 1e-15;
  // The reference: CVODE's Adams-Moulton at rtol = atol = 1e-14 is within about 5e-10 ms of the
  // Parker-Sochacki series on the 2007 RS problem (BDF at 1e-12 only within 3e-7 ms).
  std::string reference_method = "cvode-adams";
  double reference_tolerance = 1e-14;
  double voltage_grid_ms = 0.001;   // the reference's output grid; every step of the ladder is a multiple
  double spike_exclusion_ms = 1.0;  // the voltage error skips samples this close to a spike of either run
  // Called when a method's ladder is done (for progress reports), with its summary and its runs.
  std::function<void(const MethodSummary&, std::span<const ComparisonRun>)> on_method_done;
};

constexpr double not_measured = std::numeric_limits<double>::quiet_NaN();

struct ComparisonRun {
  std::string method;
  bool adaptive = false;
  double setting = 0.0;  // dt in ms, or the tolerance
  SolveStatus status = SolveStatus::ok;
  std::string message;
  std::size_t spike_count = 0;
  bool spike_count_right = false;
  double max_spike_error_ms = not_measured;  // over the spikes, when the count is right
  double mean_spike_error_ms = not_measured;
  double max_voltage_error_mV = not_measured;  // between spikes, against the reference trace
  SolverStatistics statistics;
  double wall_ms = not_measured;  // median over the repeats, recording spikes only
};

struct MethodSummary {
  std::string method;
  bool adaptive = false;
  // The largest step at which the method, and every smaller step of the ladder, ran stably and got the
  // spike count right (fixed-step methods).
  double largest_reliable_step_ms = not_measured;
  // Slope of log(max spike error) against log(dt) over the reliable runs above the reference's accuracy.
  double fitted_order = not_measured;
  // Why the method cannot run this problem at all (parker-sochacki on a non-polynomial model); empty when it
  // can. A method that does not apply has no runs.
  std::string not_applicable = {};
};

struct ComparisonReport {
  std::string reference_method;
  double reference_tolerance = not_measured;  // rtol = atol
  std::vector<double> reference_spike_times;
  double reference_wall_ms = not_measured;
  std::string cross_check_method;
  std::string cross_check_setting;  // e.g. "dt 0.01 ms, series to 1e-15"
  SolveStatus cross_check_status = SolveStatus::ok;
  std::string cross_check_message;
  std::size_t cross_check_spike_count = 0;
  // Max spike-time difference of the two references (when they agree on the count), in ms.
  double reference_agreement_ms = not_measured;
  std::vector<ComparisonRun> runs;
  std::vector<MethodSummary> summaries;

  // The cross-check ran to the end and found as many spikes as the reference.
  bool references_agree() const {
    return cross_check_status == SolveStatus::ok && cross_check_spike_count == reference_spike_times.size();
  }
};

// The reference run itself failed (e.g. a runaway burst): nothing can be measured against it.
class ReferenceFailed : public std::runtime_error {
 public:
  ReferenceFailed(SolveStatus status, const std::string& message) : std::runtime_error(message), status_(status) {}
  SolveStatus status() const { return status_; }

 private:
  SolveStatus status_;
};

// Throws InputError for an unknown method, an empty list or ladder, or a step that is not a multiple of
// voltage_grid_ms, before any work; ReferenceFailed when the reference run fails. Numerical failures of a
// run of the ladder are recorded in its row. A cross-check that fails or disagrees on the spike count is
// recorded in the report (references_agree() is false) and leads the verdict.
ComparisonReport compare_solvers(const Problem& problem, const ComparisonOptions& options);

// The methods of an earlier solver study (euler, backward-euler, midpoint, rosenbrock-euler;
// docs/reference.md 6.1) and ours.
std::vector<std::string> default_comparison_methods();

// A few lines: whether the references agree, the fastest method at each error level, the largest reliable
// step of each fixed-step method, and what forward Euler at 1 ms (the "reference" of earlier studies) gets
// wrong.
std::string comparison_verdict(const ComparisonReport& report);

}  // namespace neurodyn
