// `neurodyn network`: a network of spiking neurons from a TOML config (include/neurodyn/io/network_config.hpp) or
// the preset izh2003-network (Izhikevich's net.m) under the published or the converged semantics; writes the
// spikes (CSV and SONATA HDF5), per-group rates and spectra, recorded traces, the figures and the effective config.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "checkpoint_flags.hpp"
#include "command.hpp"
#include "interrupt.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/network_config.hpp"
#include "neurodyn/io/network_output.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/population/network_activity.hpp"
#include "neurodyn/population/ranks.hpp"

namespace neurodyn::cli {
namespace {

struct NetworkOptions {
  NetworkChoices network;
  bool no_figures = false;
  CheckpointFlags checkpoint;
  std::filesystem::path out;
};

void run_network(const NetworkOptions& options) {
  const NetworkSpec spec = network_spec(options.network);
  require_within_memory_budget(network_bytes(spec), "the network (neurons, synapses and delay buffers)",
                               "use fewer neurons or sparser connections, or raise --max-memory");
  // Rank 0 writes the results: its check of --out stops every rank before the run.
  std::optional<ResultFolder> folder;
  Ranks::collectively([&] {
    if (Ranks::rank() == 0) folder.emplace(options.out, "network");
  });
  const auto progress = [](const NetworkProgress& p) {
    std::cerr << fmt::format("network: {:.0f} of {:g} ms, {} spikes\n", p.time_ms, p.duration_ms, p.spikes);
  };
  const RunCheckpoint checkpoint =
      run_checkpoint(options.checkpoint, options.out, "network", network_checkpoint_identity(spec));
  const NetworkResult result = run_stoppable("network", checkpoint, [&](const RunCheckpoint& stoppable) {
    return simulate_network(spec, progress, stoppable);
  });
  if (!result.ok) throw RunFailed(SolveStatus::unstable, fmt::format("network: {}", result.message));
  if (Ranks::distributed()) {
    // Every rank's share of the time spent exchanging spikes, from rank 0.
    const std::vector<double> exchange = Ranks::all_gather(std::vector<double>{result.exchange_seconds});
    if (Ranks::rank() != 0) return;
    std::string shares;
    for (std::size_t r = 0; r < exchange.size(); ++r) {
      shares += fmt::format("{}{:.1f}%", r ? " " : "", 100.0 * exchange[r] / result.simulation_seconds);
    }
    std::cerr << fmt::format("network: {} ranks; share of the simulation spent exchanging spikes, by rank: {}\n",
                             exchange.size(), shares);
  }
  std::int64_t neurons = result.group_first.back();
  std::cerr << fmt::format("network: {} neurons, {} synapses: built in {:.3f} s, simulated {:g} ms in {:.3f} s\n",
                           neurons, result.synapses, result.setup_seconds, spec.duration_ms, result.simulation_seconds);

  const auto& staging = folder->start_writing();
  write_spikes_csv(staging / "spikes.csv", spec, result);
  write_sonata_spikes(staging / "spikes.h5", spec, result);
  write_groups_csv(staging / "groups.csv", spec, result);
  if (!result.traces.empty()) write_traces_csv(staging / "traces.csv", spec, result);
  write_file_atomically(staging / "config.toml", network_to_toml(spec));
  if (!options.no_figures) {
    const std::string title = fmt::format(
        "{} neurons, {} semantics{}, seed {}", neurons,
        spec.semantics == NetworkSemantics::published ? "published (net.m)" : "converged",
        spec.semantics == NetworkSemantics::converged ? fmt::format(" ({} dt {:g} ms)", spec.method, spec.dt_ms) : "",
        spec.seed);
    write_network_figures(staging, title, spec, result);
  }
  folder->commit();
  if (!checkpoint.path.empty()) std::filesystem::remove(checkpoint.path);

  std::cout << fmt::format("neurons: {}\nsynapses: {}\nspikes: {}\n", neurons, result.synapses,
                           result.spikes.time_ms.size());
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    const std::int64_t first = result.group_first[g], count = spec.groups[g].count;
    const auto rate = population_rate(result.spikes, first, count, spec.duration_ms, spec.bin_ms);
    const auto spectrum = population_spectrum(result.spikes, first, count, spec.duration_ms, spec.bin_ms);
    double mean = 0.0;
    for (const double value : rate) mean += value;
    mean /= static_cast<double>(rate.size());
    std::cout << fmt::format("rate_hz {}: {:.3f} (alpha peak {:g} Hz, gamma peak {:g} Hz)\n", spec.groups[g].name, mean,
                             spectrum_peak(spectrum, alpha_band.low_hz, alpha_band.high_hz),
                             spectrum_peak(spectrum, gamma_band.low_hz, gamma_band.high_hz));
  }
  std::cout << fmt::format("simulation_s: {:.4f}\n", result.simulation_seconds);
  std::cout << fmt::format("spikes: {}\n", (options.out / "spikes.{csv,h5}").string());
  if (!options.no_figures)
    std::cout << fmt::format("figures: {}\n", (options.out / "{raster,rates,spectrum}.{png,svg}").string());
}

}  // namespace

void add_network_command(CLI::App& app) {
  auto options = std::make_shared<NetworkOptions>();
  auto* command = app.add_subcommand(
      "network",
      "a network of spiking neurons: groups of any lane-stepped model, random or listed connections, noise, "
      "Poisson or stimulus input, in input bins (the minimum delay). Without --config: Izhikevich's net.m "
      "(--preset izh2003-network). Writes spikes.csv, spikes.h5 (SONATA), groups.csv, config.toml and the raster, "
      "rate and spectrum figures into --out. Under `mpirun -n K` the neurons are shared among the K ranks with the "
      "same result.");
  command
      ->add_option("--config", options->network.config, "the network in TOML (include/neurodyn/io/network_config.hpp)")
      ->type_name("FILE");
  command->add_option("--preset", options->network.preset, "a network preset: izh2003-network (net.m; the default)")
      ->type_name("NAME");
  command
      ->add_option("--semantics", options->network.semantics,
                   "converged (every neuron integrated inside the bin, spikes located and reset there) or published "
                   "(net.m's scheme, izh2003 only)")
      ->type_name("converged|published");
  command->add_option("--seed", options->network.seed, "the seed of every random draw")->type_name("N");
  command->add_option("--duration", options->network.duration_ms, "ms, a whole number of bins")->type_name("MS");
  command->add_option("--threads", options->network.threads, "threads (default 0: all cores)")->type_name("N");
  command->add_flag("--no-figures", options->no_figures, "write no figure (no gnuplot needed)");
  add_checkpoint_flags(*command, options->checkpoint, "network",
                       "every neuron's state, the delay buffers and the spikes and traces at a bin's end");
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_network(*options); });
}

}  // namespace neurodyn::cli
