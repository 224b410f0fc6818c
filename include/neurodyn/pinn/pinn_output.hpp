#pragma once
// The result folder of `neurodyn pinn`: metrics.csv (the PINN, a classical baseline and, for the earlier study's
// problem, its published numbers, each against the converged reference on the scored times), trace.csv (network
// and reference at the scored times), spikes.csv, training.csv (the training record), config.toml (the problem and
// the PINN's settings, readable by --config), pinn.{png,svg}, and for the inverse mode parameters.csv.
#include <filesystem>
#include <string>
#include <vector>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/pinn/inverse_pinn.hpp"
#include "neurodyn/pinn/pinn_score.hpp"

namespace neurodyn {

// One row of metrics.csv.
struct MetricsRow {
  std::string method;  // "pinn event", "euler dt = 1 ms", "earlier study: guided PINN (published)"
  PinnScore score;
  double training_seconds = std::numeric_limits<double>::quiet_NaN();
  double trained_parameters = std::numeric_limits<double>::quiet_NaN();
  std::string note;
};

// The training record: named columns of numbers, one row per window or epoch; the figure plots `y_columns`
// against `x_column` on a logarithmic y axis.
struct TrainingTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
  std::string x_column;
  bool x_is_time = false;  // the x column is the problem's time (then it shares the trace panels' axis)
  std::vector<std::string> y_columns;
  std::string title;  // "validation residual of each window"
};

struct PinnOutcome {
  std::string mode;                 // event, pure, guided, inverse
  std::string network_size;         // in words: "32 hidden units x 2 outputs per window, 57 windows"
  Solution trace;                   // at the scored times
  Solution reference;               // at the same times
  std::vector<MetricsRow> metrics;  // the PINN's first
  TrainingTable training;
  std::string settings_toml;  // the [pinn] table
  // Inverse mode: the identified constants (parameters.csv), and the truth where the data were simulated.
  std::vector<IdentifiedParameter> parameters;
  ParameterValues parameter_truth;
};

// Writes every file into `directory` (a result folder's temporary folder). Throws FileError.
void write_pinn_results(const std::filesystem::path& directory, const EffectiveRun& run, const PinnOutcome& outcome,
                        bool figures);

}  // namespace neurodyn
