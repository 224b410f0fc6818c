#pragma once
// `neurodyn pinn` from the module neurodyn-pinn.so (built with NEURODYN_PINN), opened only when needed.
#include <CLI/CLI.hpp>

namespace neurodyn::cli {

// When an argument is `pinn`, opens the module beside the executable and lets it register the subcommand; otherwise
// registers `pinn` by name and description only (for --help). Throws FileError when the module cannot be opened.
void add_pinn_command_on_demand(CLI::App& app, int argc, char** argv);

}  // namespace neurodyn::cli
