#include "command_module.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "neurodyn/error.hpp"

namespace neurodyn::cli {

void* add_command_on_demand(CLI::App& app, int argc, char** argv, const CommandModule& module) {
  const bool wanted =
      std::any_of(argv + 1, argv + argc, [&](const char* word) { return std::string_view(word) == module.name; });
  if (!wanted) {
    app.add_subcommand(std::string(module.name), std::string(module.description));
    return nullptr;
  }
  const std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe").parent_path() / module.file;
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    throw FileError(fmt::format("the {} module {} could not be loaded: {}", module.name, path.string(), dlerror()));
  }
  using AddCommand = void (*)(CLI::App*);
  const auto add = reinterpret_cast<AddCommand>(dlsym(handle, std::string(module.entry).c_str()));
  if (add == nullptr) {
    throw FileError(fmt::format("the {} module {} lacks {}: {}", module.name, path.string(), module.entry, dlerror()));
  }
  add(&app);
  return handle;
}

void set_module_memory_budget(void* handle, const CommandModule& module, double bytes) {
  if (handle == nullptr) return;
  using SetBudget = void (*)(double);
  if (const auto set = reinterpret_cast<SetBudget>(dlsym(handle, std::string(module.memory_budget_entry).c_str()))) {
    set(bytes);
  }
}

}  // namespace neurodyn::cli
