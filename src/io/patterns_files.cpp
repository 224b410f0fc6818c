// patterns.csv and patterns.{png,svg} (include/neurodyn/io/comparison_output.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/comparison_output.hpp"
#include "neurodyn/io/gallery_figure.hpp"
#include "neurodyn/version.hpp"
#include "text_buffer.hpp"

namespace neurodyn {

namespace {

std::string first_spike_cell(const SemanticsRun& run) {
  const auto first = run.first_spike_ms();
  return first ? fmt::format("{}", *first) : std::string();
}

constexpr std::size_t max_label_length = 38;  // characters that fit above a panel

// "C: tonic bursting *", "T: inhibition-induced [runaway-burst] *": words of the feature are dropped from
// its end until the label fits.
std::string panel_label(const PanelComparison& panel, const SemanticsRun& run) {
  std::string suffix = run.solution.ok() ? "" : fmt::format(" [{}]", to_string(run.solution.status));
  if (panel.differs) suffix += " *";
  std::string label = fmt::format("{}: {}", panel.panel, panel.feature);
  while (label.size() + suffix.size() > max_label_length && label.rfind(' ') > panel.panel.size() + 1) {
    label.erase(label.rfind(' '));
  }
  return label + suffix;
}

// The samples of a run up to its first non-finite voltage, with the stimulus at each.
GalleryPanel gallery_panel(const PanelComparison& panel, Semantics semantics) {
  const SemanticsRun& run = panel.under(semantics);
  const Solution& solution = run.solution;
  GalleryPanel drawn;
  drawn.label = panel_label(panel, run);
  drawn.current_unit = std::string(model_info(model_name(panel.problem.model)).current_unit);
  for (std::size_t i = 0; i < solution.sample_count() && std::isfinite(solution.state(i, 0)); ++i) {
    drawn.times.push_back(solution.times[i]);
    drawn.voltages.push_back(solution.state(i, 0));
    drawn.currents.push_back(panel.problem.stimulus.at(solution.times[i]).current);
  }
  drawn.spike_times = solution.spike_times;
  return drawn;
}

}  // namespace

std::string semantics_description(const std::vector<PanelComparison>& panels, Semantics semantics) {
  if (semantics == Semantics::converged) {
    const MethodOptions& method = panels.front().converged.method;
    return fmt::format("converged: {} at rtol = atol = {:g}, spike crossings located on its dense output", method.name,
                       method.rtol);
  }
  const auto [shortest, longest] = std::minmax_element(
      panels.begin(), panels.end(),
      [](const auto& one, const auto& other) { return one.published.method.dt < other.published.method.dt; });
  return fmt::format(
      "published: {} (Izhikevich's MATLAB scheme, docs/reference.md 1.1) at each panel's published step "
      "({:g} to {:g} ms), spikes on the grid",
      panels.front().published.method.name, shortest->published.method.dt, longest->published.method.dt);
}

void write_patterns_csv(const std::filesystem::path& path, const std::vector<PanelComparison>& panels) {
  fmt::memory_buffer out;
  append(out, "# neurodyn {}: Izhikevich (2004) figure 1 under two semantics (neurodyn patterns)\n", version);
  if (!panels.empty()) {
    append(out, "# {}\n# {}\n", semantics_description(panels, Semantics::published),
           semantics_description(panels, Semantics::converged));
  }
  append(out,
         "# units: first spike times in ms; differs = the converged run did not end ok, or its spike count or "
         "firing-pattern class differs from the published one, or its first spike moved by more than max(2 ms, a "
         "tenth of the published latency); difference says how\n");
  append(out,
         "panel,feature,published_spikes,published_first_spike_ms,published_class,converged_spikes,"
         "converged_first_spike_ms,converged_class,converged_status,differs,difference\n");
  for (const auto& panel : panels) {
    append(out, "{},{},{},{},{},{},{},{},{},{},{}\n", panel.panel, panel.feature, panel.published.spike_count(),
           first_spike_cell(panel.published), to_string(panel.published.pattern.pattern),
           panel.converged.spike_count(), first_spike_cell(panel.converged), to_string(panel.converged.pattern.pattern),
           to_string(panel.converged.solution.status), panel.differs, panel.difference);
  }
  write_file_atomically(path, fmt::to_string(out));
}

void write_patterns_figure(const std::filesystem::path& path_without_extension,
                           const std::vector<PanelComparison>& panels, Semantics semantics) {
  std::vector<GalleryPanel> drawn;
  for (const auto& panel : panels) drawn.push_back(gallery_panel(panel, semantics));
  const std::string title = panels.empty()
                                ? std::string()
                                : fmt::format(
                                      "Izhikevich (2004) figure 1, {}\n* = the converged solution differs from the "
                                      "published figure (status, spike count, class or first spike)",
                                      semantics_description(panels, semantics));
  write_gallery_figure(path_without_extension, title, drawn);
}

}  // namespace neurodyn
