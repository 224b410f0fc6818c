#pragma once
// A sweep in TOML, the file `neurodyn sweep --config` reads and the effective config.toml it writes:
//
//   preset = "izh2004-A"      # the base: a preset's model, parameters and initial state, or:
//   model = "izh2003"         #   a model with [parameters] (the others: its defaults) and v0, u0
//   v0 = -70
//   duration_ms = 1000        # a whole number of steps
//   stimulus_start_ms = 0     # the constant current I starts here (on the grid of dt)
//   current = 10              # I when no axis sets it
//   window_start_ms = 500     # the steady rate's window, to the end (default: the second half)
//   samples = 1000            # a random sample of this many runs instead of the grid (drawn from seed)
//   seed = 1
//   threads = 0               # 0: all cores
//   [parameters]
//   d = 4
//   [method]
//   name = "rk4"              # euler, midpoint, heun, rk4
//   dt = 0.01                 # ms
//   [[axis]]
//   name = "I"                # I, or a parameter of the model
//   range = [0, 20, 41]       # from, to, count (evenly spaced), or values = [...]
//
// Units: ms, and the model's units for I and the parameters.
#include <filesystem>
#include <string>

#include "neurodyn/population/sweep.hpp"

namespace neurodyn {

// Reads and checks the file (every key by name and type, then validate()). Throws InputError naming the file,
// line and key; FileError if it cannot be read.
SweepSpec read_sweep_config(const std::filesystem::path& path);

// The same for TOML text already in memory; `source` names it in messages.
SweepSpec parse_sweep_config(std::string toml_text, const std::filesystem::path& source);

// The spec as TOML that read_sweep_config reads back to the same spec (the base written as model and values).
std::string sweep_to_toml(const SweepSpec& spec);

// The sweep's identity in its checkpoint (population/sweep.hpp): the spec as TOML less the threads.
std::string sweep_checkpoint_identity(SweepSpec spec);

}  // namespace neurodyn
