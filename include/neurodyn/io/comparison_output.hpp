#pragma once
// The files of `neurodyn compare` (a solver comparison) and `neurodyn patterns` (the 2004 figure under its
// published and its converged semantics). Every file is written atomically.
#include <filesystem>
#include <string>
#include <vector>

#include "neurodyn/analysis/published_versus_converged.hpp"
#include "neurodyn/analysis/solver_comparison.hpp"
#include "neurodyn/io/run_config.hpp"

namespace neurodyn {

// The settings with the default of `neurodyn compare`: preset izh2007-RS (the test problem of docs/reference.md
// 2.1) unless a preset or a model is given.
RunSettings with_comparison_defaults(RunSettings settings);

// compare.csv: '#' lines (program version, units, the reference and its cross-check with the reference's
// spike times at full precision, how errors are measured, the problem as TOML from problem_to_toml), then
// one row per run: method,kind,setting,status,spike_count,spike_count_right,max_spike_error_ms,
// mean_spike_error_ms,max_voltage_error_mV,steps,rejected_steps,rhs_evaluations,jacobian_evaluations,wall_ms.
// kind is "step" (setting = dt in ms) or "tolerance" (setting = rtol = atol); a value not measured (an
// error where the spike count is wrong, a failed run) is an empty cell.
void write_comparison_csv(const std::filesystem::path& path, const EffectiveRun& problem,
                          const ComparisonOptions& options, const ComparisonReport& report);

// summary.csv: '#' lines, then one row per method: method,kind,classical_order,largest_reliable_step_ms,
// fitted_order (the last two for fixed-step methods; empty where not measured).
void write_comparison_summary_csv(const std::filesystem::path& path, const ComparisonReport& report);

// The two figures below draw each method of the report with a look of its own, the same in both: fixed-step
// methods solid, adaptive ones dashed, a colour-blind safe colour that no other method of the same dash has
// (up to eight of each kind), and a point shape that no other method has (filled and open shapes in turn, the
// open ones larger); lines are slightly transparent. Two lines whose errors agree within 15 % at every common
// setting are named under the plot ("euler under backward-euler"). The log axes span whole decades, each
// labelled as a plain number from 0.01 to 1000 and as "1e-3", "1e4" beyond.

// PATH.{png,svg}: maximum spike-time error against the median wall time of a run, log-log, one line per
// method, each run a marked point; the references' agreement as a dotted horizontal line. Runs that failed or
// got the spike count wrong have no error and are not drawn; the methods without any drawable run are listed
// under the plot.
void write_work_precision_figure(const std::filesystem::path& path_without_extension, const std::string& title,
                                 const ComparisonReport& report);

// PATH.{png,svg}: maximum spike-time error against the step, log-log, for the fixed-step methods, each
// labelled with its fitted order in spike time; the references' agreement as a dotted horizontal line.
void write_convergence_figure(const std::filesystem::path& path_without_extension, const std::string& title,
                              const ComparisonReport& report);

// patterns.csv: '#' lines (program version, the method of each semantics), then one row per panel:
// panel,feature,published_spikes,published_first_spike_ms,converged_spikes,converged_first_spike_ms,
// converged_status,differs (true|false); a first spike time is empty without spikes.
void write_patterns_csv(const std::filesystem::path& path, const std::vector<PanelComparison>& panels);

// PATH.{png,svg}: every panel under one semantics with its stimulus beneath (write_gallery_figure); a panel
// whose converged behaviour differs from the published one is marked '*', a failed run labelled with its
// status and drawn up to where it stopped.
void write_patterns_figure(const std::filesystem::path& path_without_extension,
                           const std::vector<PanelComparison>& panels, Semantics semantics);

// One line on each semantics' method: "published: izhikevich-published at each panel's published step
// (0.1 to 0.5 ms), spikes on the grid".
std::string semantics_description(const std::vector<PanelComparison>& panels, Semantics semantics);

}  // namespace neurodyn
