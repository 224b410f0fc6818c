// `neurodyn gallery`: the main job of the setup command. Every preset family (the name up to its first '-':
// izh2004, izh2003, izh2007, adex, fhn, lif, hh) becomes one figure of v(t) panels and a folder of the data
// it draws, each preset solved with a converged default (RK4, located crossings, dt = 0.01 ms). A run that
// fails (panel T of the 2004 figure bursts without bound under an accurate solver) does not stop the gallery:
// its panel shows the trace up to the failure, labelled with the status, and stderr says so.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/gallery_figure.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/solve.hpp"
#include "table.hpp"

namespace neurodyn::cli {
namespace {

struct GalleryOptions {
  std::filesystem::path out = "out/gallery";
  std::string method = "rk4";
  std::optional<double> dt;  // default: resolve()'s (0.01 ms; the published step for izhikevich-published)
  std::optional<std::string> family;
};

// The name up to its first '-'. A figure shares one voltage scale, so a preset whose v is in another unit than
// that of the family's first preset (the scaled FitzHugh-Nagumo, in mV, beside the dimensionless ones) is drawn
// in a family of its own, the unit appended: "fhn-mV".
std::string family_of(const Preset& preset) {
  const std::string prefix = preset.name.substr(0, preset.name.find('-'));
  const std::string_view unit = model_info(preset.model).state_variables.front().unit;
  for (const Preset& first : preset_catalog()) {
    if (first.name.substr(0, first.name.find('-')) != prefix) continue;
    return model_info(first.model).state_variables.front().unit == unit ? prefix
                                                                        : fmt::format("{}-{}", prefix, unit);
  }
  return prefix;
}

// Families in catalog order, each with its presets.
std::vector<std::pair<std::string, std::vector<const Preset*>>> preset_families() {
  std::vector<std::pair<std::string, std::vector<const Preset*>>> families;
  for (const Preset& preset : preset_catalog()) {
    const std::string family = family_of(preset);
    auto found =
        std::find_if(families.begin(), families.end(), [&](const auto& entry) { return entry.first == family; });
    if (found == families.end()) found = families.insert(families.end(), {family, {}});
    found->second.push_back(&preset);
  }
  return families;
}

constexpr std::size_t max_label_length = 38;  // characters that fit above a gallery panel

// A short panel label. A preset id that is a code ("izh2004-A", "izh2007-RS") is followed by the feature, the
// description up to its first parenthesis, colon or comma: "A: tonic spiking". An id that is a name
// ("adex-initial-burst") is the label by itself: "initial burst". A failed run adds its status; words are
// dropped from the end until the label fits.
std::string panel_label(const Preset& preset, const Solution& solution) {
  std::string id = preset.name.substr(preset.name.find('-') + 1);
  std::string label;
  if (std::isupper(static_cast<unsigned char>(id.front()))) {
    label = fmt::format("{}: {}", id, preset.description.substr(0, preset.description.find_first_of("(:,")));
  } else {
    std::replace(id.begin(), id.end(), '-', ' ');
    label = id;
  }
  const std::string status = solution.ok() ? "" : fmt::format(" [{}]", to_string(solution.status));
  while (label.size() + status.size() > max_label_length && label.find(' ') != std::string::npos) {
    label.erase(label.rfind(' '));
  }
  while (label.back() == ' ') label.pop_back();
  return label + status;
}

// The panel of one run: the samples up to the first non-finite voltage (a blow-up's last samples are not
// drawable), with the stimulus at every sample.
GalleryPanel make_panel(const Preset& preset, const EffectiveRun& run, const Solution& solution) {
  const ModelInfo& model = model_info(run.model);
  GalleryPanel panel;
  panel.label = panel_label(preset, solution);
  panel.current_unit = std::string(model.current_unit);
  panel.voltage_unit = std::string(model.state_variables.front().unit);
  if (panel.voltage_unit.empty()) panel.time_unit.clear();  // a dimensionless model: its time too
  for (std::size_t i = 0; i < solution.sample_count() && std::isfinite(solution.state(i, 0)); ++i) {
    panel.times.push_back(solution.times[i]);
    panel.voltages.push_back(solution.state(i, 0));
    panel.currents.push_back(run.problem.stimulus.at(solution.times[i]).current);
  }
  panel.spike_times = solution.spike_times;
  panel.name = preset.name.substr(preset.name.find('-') + 1);
  panel.source = fmt::format(
      "source: preset {}: {}; {}\nsolver: status {}, {} steps{}\n"
      "effective configuration (remove the leading '# ' to get a config file):\n{}",
      preset.name, preset.description, preset.source, to_string(solution.status), solution.statistics.steps,
      solution.message.empty() ? "" : "; " + solution.message, to_toml(run));
  return panel;
}

std::vector<std::pair<std::string, std::vector<const Preset*>>> selected_families(const GalleryOptions& options) {
  auto families = preset_families();
  if (!options.family) return families;
  const auto found =
      std::find_if(families.begin(), families.end(), [&](const auto& entry) { return entry.first == *options.family; });
  if (found == families.end()) {
    std::vector<std::string> names;
    for (const auto& entry : families) names.push_back(entry.first);
    throw InputError(
        fmt::format("family = '{}' is not a preset family; allowed: {}", *options.family, fmt::join(names, ", ")));
  }
  return {*found};
}

// The figure title: the method and its step, a range where presets have their own (published) steps.
std::string family_title(const std::string& family, const std::vector<MethodOptions>& methods) {
  const auto [shortest, longest] = std::minmax_element(
      methods.begin(), methods.end(), [](const auto& one, const auto& other) { return one.dt < other.dt; });
  const std::string step = shortest->dt == longest->dt ? fmt::format("dt = {:g} ms", shortest->dt)
                                                       : fmt::format("dt = {:g} to {:g} ms", shortest->dt, longest->dt);
  return fmt::format("{}: {}, {}, {} spikes", family, methods.front().name, step, to_string(methods.front().spikes));
}

// Solves every preset of one family and writes its figure; adds a summary row per preset. Returns whether
// a figure was written.
bool draw_family(const GalleryOptions& options, const std::filesystem::path& staging, const std::string& family,
                 const std::vector<const Preset*>& presets, std::vector<TableRow>& summary) {
  std::vector<GalleryPanel> panels;
  std::vector<MethodOptions> methods;
  for (const Preset* preset : presets) {
    RunSettings settings;
    settings.preset = preset->name;
    settings.method = options.method;
    if (options.dt) settings.method_options["dt"] = *options.dt;
    const EffectiveRun run = resolve(settings);
    const Solution solution = solve(run.problem, run.method);
    const auto status = to_string(solution.status);
    if (!solution.ok()) {
      std::cerr << fmt::format("{}: {}: {} (shown in {}, labelled [{}])\n", preset->name, status, solution.message,
                               family, status);
    }
    summary.push_back({preset->name, std::to_string(solution.spike_times.size()), std::string(status)});
    GalleryPanel panel = make_panel(*preset, run, solution);
    if (panel.times.size() < 2) {
      std::cerr << fmt::format("{}: failed in its first step; no panel drawn\n", preset->name);
      continue;
    }
    panels.push_back(std::move(panel));
    methods.push_back(run.method);
  }
  if (panels.empty()) {
    std::cerr << fmt::format("{}: no run gave anything to draw; no figure\n", family);
    return false;
  }
  write_gallery_figure(staging / family, family_title(family, methods), panels);
  write_gallery_data(staging / family, panels);
  return true;
}

void run_gallery(const GalleryOptions& options) {
  method_info(options.method);  // an unknown method is an InputError before any work
  const auto families = selected_families(options);
  ResultFolder folder(options.out, "gallery");
  const auto& staging = folder.start_writing();

  std::vector<TableRow> summary;
  int figures = 0;
  for (const auto& [family, presets] : families) {
    figures += draw_family(options, staging, family, presets, summary) ? 1 : 0;
  }
  folder.commit();

  print_table(std::cout, {"preset", "spikes", "status"}, summary);
  std::cout << fmt::format("\ngallery: {} figures (PNG and SVG) and the data they draw (FAMILY/PANEL.csv, "
                           "FAMILY/spikes.csv) in {}\n",
                           figures, options.out.string());
}

}  // namespace

void add_gallery_command(CLI::App& app) {
  auto options = std::make_shared<GalleryOptions>();
  auto* command = app.add_subcommand(
      "gallery",
      "Simulate every preset and draw one figure per preset family (DIR/<family>.png and .svg), with the data "
      "each figure draws: DIR/<family>/<panel>.csv (time, v, I of the samples drawn) and DIR/<family>/spikes.csv. "
      "A failed run is shown labelled with its status and does not stop the gallery.");
  command->add_option("--out", options->out, "output directory")->type_name("DIR")->capture_default_str();
  command->add_option("--method", options->method, "numerical method for every run")->capture_default_str();
  command->add_option("--dt", options->dt, "step (ms); default 0.01 (the published step for izhikevich-published)")
      ->type_name("MS");
  command
      ->add_option("--family", options->family,
                   "only this family (izh2004, izh2003, izh2007, adex, fhn, fhn-mV, lif, hh)")
      ->type_name("NAME");
  command->callback([options] { run_gallery(*options); });
}

}  // namespace neurodyn::cli
