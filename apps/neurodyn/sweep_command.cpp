// `neurodyn sweep`: many independent single-neuron runs over a grid or a random sample of parameters and current
// levels (include/neurodyn/io/sweep_config.hpp), stepped together in lanes; writes runs.csv, spikes.csv,
// config.toml and the rate and firing-pattern maps.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "checkpoint_flags.hpp"
#include "command.hpp"
#include "interrupt.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/memory_budget.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/io/sweep_config.hpp"
#include "neurodyn/io/sweep_output.hpp"
#include "neurodyn/population/ranks.hpp"

namespace neurodyn::cli {
namespace {

struct SweepOptions {
  std::filesystem::path config;
  std::optional<unsigned> threads;
  bool no_figures = false;
  CheckpointFlags checkpoint;
  std::filesystem::path out;
};

void run_sweep_command(const SweepOptions& options) {
  SweepSpec spec = read_sweep_config(options.config);
  if (options.threads) spec.threads = *options.threads;
  require_within_memory_budget(sweep_bytes(spec), "the sweep's runs", "use fewer runs or raise --max-memory");
  // Rank 0 writes the results: its check of --out stops every rank before the runs.
  std::optional<ResultFolder> folder;
  Ranks::collectively([&] {
    if (Ranks::rank() == 0) folder.emplace(options.out, "sweep");
  });
  const auto progress = [](const SweepProgress& p) {
    std::cerr << fmt::format("sweep: {} of {} runs\n", p.runs_done, p.runs);
  };
  const RunCheckpoint checkpoint =
      run_checkpoint(options.checkpoint, options.out, "sweep", sweep_checkpoint_identity(spec));
  const SweepResult result = run_stoppable(
      "sweep", checkpoint, [&](const RunCheckpoint& stoppable) { return run_sweep(spec, progress, stoppable); });
  if (Ranks::rank() != 0) return;
  std::cerr << fmt::format("sweep: {} runs of {:g} ms in {:.3f} s\n", result.rows.size(), spec.duration_ms,
                           result.seconds);

  const auto& staging = folder->start_writing();
  write_sweep_runs_csv(staging / "runs.csv", spec, result);
  write_sweep_spikes_csv(staging / "spikes.csv", result);
  write_file_atomically(staging / "config.toml", sweep_to_toml(spec));
  if (!options.no_figures) {
    const std::string title = fmt::format("{}: {} runs, {} dt {:g} ms, I from {:g} ms", spec.model, result.rows.size(),
                                          spec.method, spec.dt_ms, spec.stimulus_start_ms);
    write_sweep_figure(staging / "sweep", title, spec, result);
  }
  folder->commit();
  if (!checkpoint.path.empty()) std::filesystem::remove(checkpoint.path);

  std::size_t failed = 0, spiking = 0;
  std::map<std::string_view, std::size_t> patterns;
  for (const SweepRow& row : result.rows) {
    failed += row.ok ? 0 : 1;
    spiking += row.spike_count > 0 ? 1 : 0;
    ++patterns[to_string(row.pattern)];
  }
  std::cout << fmt::format("runs: {}\nspiking_runs: {}\nfailed_runs: {}\n", result.rows.size(), spiking, failed);
  for (const auto& [pattern, count] : patterns) std::cout << fmt::format("pattern {}: {}\n", pattern, count);
  std::cout << fmt::format("seconds: {:.4f}\n", result.seconds);
  std::cout << fmt::format("runs_csv: {}\n", (options.out / "runs.csv").string());
  if (!options.no_figures) std::cout << fmt::format("figure: {}\n", (options.out / "sweep.{png,svg}").string());
  for (const SweepRow& row : result.rows) {
    if (!row.ok) {
      std::cerr << fmt::format("sweep: a run failed: {}\n", row.message);
      break;
    }
  }
}

}  // namespace

void add_sweep_command(CLI::App& app) {
  auto options = std::make_shared<SweepOptions>();
  auto* command = app.add_subcommand(
      "sweep",
      "many single-neuron runs over a grid or a random sample of parameters and constant currents (f-I maps, "
      "firing-pattern maps), stepped together in lanes on all cores; one row per run with its spike count, steady "
      "rate and firing pattern. Writes runs.csv, spikes.csv, config.toml and sweep.{png,svg} into --out.");
  command->add_option("--config", options->config, "the sweep in TOML (include/neurodyn/io/sweep_config.hpp)")
      ->type_name("FILE")
      ->required();
  command->add_option("--threads", options->threads, "threads (default 0: all cores)")->type_name("N");
  command->add_flag("--no-figures", options->no_figures, "write no figure (no gnuplot needed)");
  add_checkpoint_flags(*command, options->checkpoint, "sweep", "the runs done, their spikes and failures");
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_sweep_command(*options); });
}

}  // namespace neurodyn::cli
