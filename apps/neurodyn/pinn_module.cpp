// The `pinn` subcommand, loaded on demand: LibTorch takes about half a second to load, so its code lives in the module
// neurodyn-pinn.so beside the binary, opened only when the command line names `pinn`.
#include "pinn_module.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "neurodyn/error.hpp"

namespace neurodyn::cli {

void add_pinn_command_on_demand(CLI::App& app, int argc, char** argv) {
  const bool wanted =
      std::any_of(argv + 1, argv + argc, [](const char* word) { return std::string_view(word) == "pinn"; });
  if (!wanted) {
    app.add_subcommand(
        "pinn",
        "Train a physics-informed neural network on one neuron's problem (or identify its constants from "
        "a voltage trace) and score it against the converged reference (`neurodyn pinn --help` lists "
        "its modes and options).");
    return;
  }
  const std::filesystem::path module =
      std::filesystem::read_symlink("/proc/self/exe").parent_path() / "neurodyn-pinn.so";
  void* handle = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);  // kept open: the command's callbacks live there
  if (handle == nullptr) {
    throw FileError(fmt::format("the pinn module {} could not be loaded: {}", module.string(), dlerror()));
  }
  using AddCommand = void (*)(CLI::App*);
  const auto add = reinterpret_cast<AddCommand>(dlsym(handle, "neurodyn_add_pinn_command"));
  if (add == nullptr) {
    throw FileError(fmt::format("the pinn module {} lacks neurodyn_add_pinn_command: {}", module.string(), dlerror()));
  }
  add(&app);
}

}  // namespace neurodyn::cli
