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
};

// When an argument equals module.name, opens the module beside the executable, lets it register the subcommand and
// returns its handle (kept open: the command's callbacks live there); otherwise registers the subcommand by name
// and description only and returns nullptr. Throws FileError when the module cannot be opened or lacks the entry.
void* add_command_on_demand(CLI::App& app, int argc, char** argv, const CommandModule& module);

// The function `symbol` of an opened module, or nullptr when it has none.
void* module_symbol(void* handle, std::string_view symbol);

}  // namespace neurodyn::cli
