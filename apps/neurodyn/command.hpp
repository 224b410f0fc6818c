#pragma once
// The subcommands of `neurodyn`. Each add_*_command registers its subcommand(s) on the app with a callback
// that parses, calls the library and writes files. Failures are exceptions: the library's InputError and
// FileError, and RunFailed below; main.cpp turns each into a message on stderr and an exit status.
#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>

#include "neurodyn/solve/solution.hpp"

namespace neurodyn::cli {

// Exit statuses of the command (also listed in `neurodyn --help`).
enum ExitStatus : int {
  exit_success = 0,
  exit_run_failed = 1,      // the run ended with a numerical failure (unstable, Newton failure, ...)
  exit_bad_input = 2,       // an invalid flag, value, config file or stimulus spec
  exit_runaway_burst = 3,   // the run ended because spikes came faster than the bound
  exit_file_error = 4,      // a file could not be read or written (or gnuplot failed)
  exit_internal_error = 5,  // a bug: an unexpected exception
};

// A run that ended with a status other than ok. Nothing has been written for it.
class RunFailed : public std::runtime_error {
 public:
  RunFailed(SolveStatus status, const std::string& message) : std::runtime_error(message), status_(status) {}
  SolveStatus status() const { return status_; }

 private:
  SolveStatus status_;
};

void add_simulate_command(CLI::App& app);
void add_catalog_commands(CLI::App& app);  // models, presets, methods
void add_gallery_command(CLI::App& app);
void add_compare_command(CLI::App& app);    // solver comparison
void add_patterns_command(CLI::App& app);   // the 2004 figure, published versus converged
void add_serve_command(CLI::App& app);      // the live explorer in the browser
void add_recording_command(CLI::App& app);  // recording info, show, features
void add_fit_command(CLI::App& app);        // fitting a model to a recording
void add_network_command(CLI::App& app);    // networks of spiking neurons
void add_sweep_command(CLI::App& app);      // many single-neuron runs over a grid
void add_pinn_command(CLI::App& app);       // physics-informed neural networks (the module neurodyn-pinn.so)

}  // namespace neurodyn::cli
