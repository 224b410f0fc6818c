#pragma once
// One PINN run as `neurodyn pinn` and nd.pinn make it: the configured network trained on the problem (or, in the
// inverse mode, the constants identified from a voltage and the identified model run by the event-driven PINN),
// scored against the converged reference on the times it never trained on, beside explicit Euler at 1 ms and, for
// the earlier study's problem (izh2007-RS), that study's published numbers.
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/pinn/inverse_pinn.hpp"
#include "neurodyn/pinn/pinn_score.hpp"
#include "neurodyn/pinn/pinn_settings.hpp"
#include "neurodyn/pinn/training_checkpoint.hpp"

namespace neurodyn {

// One row of the metrics: a method scored against the converged reference.
struct MetricsRow {
  std::string method;  // "pinn event", "euler dt = 1 ms", "earlier study: guided PINN (published)"
  PinnScore score;
  double training_seconds = std::numeric_limits<double>::quiet_NaN();
  double trained_parameters = std::numeric_limits<double>::quiet_NaN();
  std::string note;
};

// The training record: named columns of numbers, one row per window, epoch or iteration; the figure plots
// `y_columns` against `x_column` on a logarithmic y axis.
struct TrainingTable {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
  std::string x_column;
  bool x_is_time = false;  // the x column is the problem's time (then it shares the trace panels' axis)
  std::vector<std::string> y_columns;
  std::string title;  // "loss per epoch (L-BFGS calls after the Adam epochs)"
};

struct PinnOutcome {
  std::string mode;          // event, pure, guided, inverse
  std::string network_size;  // in words: "32 tanh hidden units x 2 outputs per window (64 trained weights), 57 windows"
  // A run fails, without an exception, when the event-driven PINN cannot accept a window (that of the inverse mode
  // included) or the converged reference fails: then the status and message say why, the trace ends where the
  // network stopped (or the reference where it stopped), and the metrics hold the PINN's row unscored.
  SolveStatus status = SolveStatus::ok;
  std::string message;
  Solution trace;                   // the network at the scored times, with its spikes
  Solution reference;               // the converged reference at the same times
  std::vector<MetricsRow> metrics;  // the PINN's first (always there; scored when ok()), then the comparisons
  TrainingTable training;
  std::string config_toml;  // the problem and the [pinn] table, readable as a config of the same run
  // Inverse mode: the identified constants, and the truth where the data were simulated from the problem.
  std::vector<IdentifiedParameter> parameters;
  ParameterValues parameter_truth;

  bool ok() const { return status == SolveStatus::ok; }
};

// One step of training: an accepted window (event), an Adam epoch or L-BFGS call (pure, guided), or a
// Levenberg-Marquardt iteration (inverse).
struct PinnStep {
  int step = 0;       // steps done, from 1
  int total = 0;      // the budget of steps; 0 for the event mode, whose window count is not known in advance
  double loss = 0.0;  // event: the window's validation residual (scaled, per ms); else the loss
  double reached_ms = std::numeric_limits<double>::quiet_NaN();  // event: the time reached
  std::size_t spikes = 0;                                        // event: the spikes so far
};

using PinnProgress = std::function<void(const PinnStep&)>;

// Runs `config` on `run`. The checkpoint's path and resume come from the caller, its identity and interval from the
// run and the config (training_checkpoint.hpp); the checkpoint stays on disk for the caller to remove. An exception
// thrown by `progress` stops the training and leaves run_pinn. Throws InputError for input the PINN cannot take (an
// unsupported model, bad options, a trace file without data) and for scored traces beyond the memory budget, FileError
// for an unreadable trace file.
PinnOutcome run_pinn(const EffectiveRun& run, const PinnConfig& config, const PinnProgress& progress = {},
                     TrainingCheckpoint checkpoint = {});

}  // namespace neurodyn
