#pragma once
// Subcommands whose code lives in a module (a shared object) beside the executable, opened with dlopen only when the
// command line names them, so that the libraries they need (LibTorch, pagmo) are not loaded and initialised by
// every other command.
#include <CLI/CLI.hpp>
#include <string_view>

namespace neurodyn::cli {

struct CommandModule {
  std::string_view name;         // the subcommand, e.g. "fit"
  std::string_view description;  // registered for --help when the module is not opened
  std::string_view file;         // the module's file name beside the executable, e.g. "neurodyn-fit.so"
  std::string_view entry;        // the exported function void(CLI::App*) that registers the subcommand
  // The exported function void(double bytes) that sets the memory budget of the module's own copy of the io layer
  // (`--max-memory`).
  std::string_view memory_budget_entry;
};

// When an argument equals module.name, opens the module beside the executable, lets it register the subcommand and
// returns its handle (kept open: the command's callbacks live there); otherwise registers the subcommand by name
// and description only and returns nullptr. Throws FileError when the module cannot be opened or lacks the entry.
void* add_command_on_demand(CLI::App& app, int argc, char** argv, const CommandModule& module);

// Passes the memory budget on to an opened module (nothing when handle is nullptr or the module has no such entry).
void set_module_memory_budget(void* handle, const CommandModule& module, double bytes);

}  // namespace neurodyn::cli
