#pragma once
// The result folder of `neurodyn pinn`: metrics.csv (the PINN, a classical baseline and, for the earlier study's
// problem, its published numbers, each against the converged reference on the scored times), trace.csv (network
// and reference at the scored times), spikes.csv, training.csv (the training record), config.toml (the problem and
// the PINN's settings, readable by --config), pinn.{png,svg}, and for the inverse mode parameters.csv.
#include <filesystem>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/pinn/pinn_run.hpp"

namespace neurodyn {

// Writes every file of a run that succeeded (outcome.ok()) into `directory` (a result folder's temporary folder).
// Throws FileError.
void write_pinn_results(const std::filesystem::path& directory, const EffectiveRun& run, const PinnOutcome& outcome,
                        bool figures);

}  // namespace neurodyn
