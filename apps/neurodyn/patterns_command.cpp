// `neurodyn patterns`: the 20 panels of Izhikevich's 2004 figure 1 in one figure under the published or the
// converged semantics, and a table of spike counts and first spikes under both that marks the panels where
// the accurate solution behaves otherwise than the published figure (docs/reference.md 1.2).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.hpp"
#include "neurodyn/analysis/published_versus_converged.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "table.hpp"

namespace neurodyn::cli {
namespace {

struct PatternsOptions {
  std::string semantics = "published";
  std::filesystem::path out;
};

std::string first_spike_text(const SemanticsRun& run) {
  const auto first = run.first_spike_ms();
  return first ? fmt::format("{:.3f}", *first) : std::string("-");
}

void print_patterns_table(const std::vector<PanelComparison>& panels) {
  std::vector<TableRow> rows;
  std::vector<std::string> differing;
  for (const auto& panel : panels) {
    rows.push_back({panel.panel, panel.feature, std::to_string(panel.published.spike_count()),
                    first_spike_text(panel.published), std::string(to_string(panel.published.pattern.pattern)),
                    std::to_string(panel.converged.spike_count()), first_spike_text(panel.converged),
                    std::string(to_string(panel.converged.pattern.pattern)),
                    panel.differs ? "* " + panel.difference : "no"});
    if (panel.differs) differing.push_back(panel.panel);
  }
  print_table(std::cout,
              {"panel", "feature", "published", "first (ms)", "class", "converged", "first (ms)", "class", "differs"},
              rows);
  std::cout << fmt::format("\n{}\n{}\n", semantics_description(panels, Semantics::published),
                           semantics_description(panels, Semantics::converged));
  std::cout << fmt::format("{} of {} panels differ under the converged semantics: {}\n", differing.size(),
                           panels.size(),
                           differing.empty() ? std::string("none") : fmt::format("{}", fmt::join(differing, ", ")));
}

void run_patterns(const PatternsOptions& options) {
  const Semantics semantics = parse_semantics(options.semantics);
  ResultFolder folder(options.out, "patterns");
  std::cerr << "patterns: the 20 panels of the 2004 figure under the published and the converged semantics\n";
  const auto panels = compare_published_and_converged();
  for (const auto& panel : panels) {
    for (const auto which : {Semantics::published, Semantics::converged}) {
      const Solution& solution = panel.under(which).solution;
      if (solution.ok()) continue;
      std::cerr << fmt::format("{}: {}: {}: {} (drawn up to where it stopped)\n", panel.preset->name, to_string(which),
                               to_string(solution.status), solution.message);
    }
  }

  const auto& staging = folder.start_writing();
  write_patterns_csv(staging / "patterns.csv", panels);
  write_patterns_figure(staging / "patterns", panels, semantics);
  folder.commit();

  print_patterns_table(panels);
  std::cout << fmt::format("\ntable:   {}\nfigure:  {} ({} semantics)\n", (options.out / "patterns.csv").string(),
                           (options.out / "patterns.{png,svg}").string(), to_string(semantics));
}

}  // namespace

void add_patterns_command(CLI::App& app) {
  auto options = std::make_shared<PatternsOptions>();
  auto* command = app.add_subcommand(
      "patterns",
      "The 20 panels of Izhikevich's 2004 figure 1 in one figure (DIR/patterns.png and .svg) under the published "
      "scheme or the converged ODE, and a table (DIR/patterns.csv, and stdout) of spike counts and first spikes "
      "under both that marks the panels where they differ.");
  command
      ->add_option("--semantics", options->semantics,
                   "published: Izhikevich's scheme at each panel's step, spikes on the grid; converged: dopri5 at "
                   "rtol = atol = 1e-10 with located spikes")
      ->type_name("published|converged")
      ->capture_default_str();
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_patterns(*options); });
}

}  // namespace neurodyn::cli
