// `neurodyn`: the command line of the neurodyn library. Subcommands live in one file each; this file maps
// every failure to a message on stderr and an exit status, so no input makes the program crash.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis_commands.hpp"
#include "command.hpp"
#include "fit_module.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/population/ranks.hpp"
#include "neurodyn/version.hpp"
#include "parse_error_text.hpp"
#include "pinn_module.hpp"

namespace {

using namespace neurodyn::cli;

// Under mpirun every rank meets the same error (failures are made collective): rank 0 reports it.
int report(int status, const std::string& message) {
  if (neurodyn::Ranks::rank() == 0) std::cerr << "error: " << message << '\n';
  return status;
}

// The subcommands that run on the ranks of mpirun; the others refuse to.
bool runs_distributed(const std::string& subcommand) { return subcommand == "network" || subcommand == "sweep"; }

int exit_status_for(neurodyn::SolveStatus status) {
  return status == neurodyn::SolveStatus::runaway_burst ? exit_runaway_burst : exit_run_failed;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<neurodyn::Ranks> ranks;  // MPI, when launched by mpirun: started first, ended last
  try {
    ranks.emplace(argc, argv);
  } catch (const neurodyn::InputError& error) {
    return report(exit_bad_input, error.what());
  }
  CLI::App app{
      "neurodyn: simulate spiking neuron models (Izhikevich 2003/2007, FitzHugh-Nagumo, LIF, AdEx, "
      "Hodgkin-Huxley) with a choice of numerical methods."};
  app.set_version_flag("--version", std::string(neurodyn::version));
  // The subcommands in modules, each opened only when the command line names it.
  std::vector<std::pair<const CommandModule*, void*>> modules{{&fit_module_info, nullptr}};
#ifdef NEURODYN_HAS_PINN
  modules.emplace_back(&pinn_module_info, nullptr);
#endif
  app.add_option_function<double>(
         "--max-memory",
         [&modules](double megabytes) {
           neurodyn::set_memory_budget_bytes(megabytes * 1e6);
           for (const auto& [module, handle] : modules) set_module_memory_budget(handle, *module, megabytes * 1e6);
         },
         "memory budget of a run's data in MB (default: half of this machine's physical memory); work that would "
         "need more is refused before it starts")
      ->type_name("MB");
  app.fallthrough();  // --max-memory is accepted after the subcommand too
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success; 1 the run failed numerically (its status and message on stderr, no result "
      "files written); 2 invalid input; 3 runaway burst; 4 a file could not be read or written; 5 internal "
      "error.");
  add_simulate_command(app);
  add_catalog_commands(app);
  add_gallery_command(app);
  add_analysis_commands(app);  // fi, stats, phase
  add_compare_command(app);
  add_patterns_command(app);
  add_serve_command(app);
  add_recording_command(app);
  add_network_command(app);
  add_sweep_command(app);
  try {
    for (auto& [module, handle] : modules) handle = add_command_on_demand(app, argc, argv, *module);
  } catch (const neurodyn::FileError& error) {
    return report(exit_file_error, error.what());
  }
  if (neurodyn::Ranks::distributed()) {
    for (CLI::App* subcommand : app.get_subcommands([](CLI::App*) { return true; })) {
      if (runs_distributed(subcommand->get_name())) continue;
      subcommand->preparse_callback([name = subcommand->get_name()](std::size_t) {
        throw neurodyn::InputError(
            fmt::format("{} runs in one process; launched on {} ranks by mpirun; allowed "
                        "under mpirun: network, sweep",
                        name, neurodyn::Ranks::size()));
      });
    }
  }

  try {
    app.parse(argc, argv);
    return exit_success;
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with exit code 0: CLI11 prints them.
    if (error.get_exit_code() == 0) return app.exit(error);
    return report(exit_bad_input, parse_error_text(app, error, std::vector<std::string>(argv + 1, argv + argc)));
  } catch (const RunFailed& failure) {
    return report(exit_status_for(failure.status()),
                  fmt::format("{}: {}", neurodyn::to_string(failure.status()), failure.what()));
  } catch (const neurodyn::InputError& error) {
    return report(exit_bad_input, error.what());
  } catch (const neurodyn::FileError& error) {
    return report(exit_file_error, error.what());
  } catch (const std::filesystem::filesystem_error& error) {
    return report(exit_file_error, error.what());
  } catch (const std::exception& error) {
    return report(exit_internal_error, fmt::format("internal error: {}", error.what()));
  } catch (...) {
    return report(exit_internal_error, "internal error: unknown exception");
  }
}
