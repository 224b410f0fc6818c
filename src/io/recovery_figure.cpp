// recovery.{png,svg}: the state variables after v over time, stacked panels sharing the time axis; variables
// with the same unit share a panel (the gates m, h, n of Hodgkin-Huxley).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "figure_style.hpp"
#include "run_figures.hpp"
#include "text_buffer.hpp"

namespace neurodyn {

namespace {

// Not blue: that is v's colour in the other figures.
constexpr std::array<std::string_view, 4> palette{figure_colour::bluish_green, figure_colour::reddish_purple,
                                                  figure_colour::orange, figure_colour::grey};

struct Panel {
  std::string_view unit;
  std::vector<std::size_t> variables;
};

std::vector<Panel> panels_by_unit(const ModelInfo& model) {
  std::vector<Panel> panels;
  for (std::size_t variable = 1; variable < model.state_variables.size(); ++variable) {
    const auto unit = model.state_variables[variable].unit;
    auto panel = std::find_if(panels.begin(), panels.end(), [&](const Panel& p) { return p.unit == unit; });
    if (panel == panels.end()) panel = panels.insert(panels.end(), Panel{unit, {}});
    panel->variables.push_back(variable);
  }
  return panels;
}

std::string panel_label(const ModelInfo& model, const Panel& panel) {
  std::vector<std::string_view> names;
  for (const std::size_t variable : panel.variables) names.push_back(model.state_variables[variable].name);
  return axis_label(fmt::format("{}", fmt::join(names, ", ")), panel.unit);
}

}  // namespace

void add_recovery_figure(GnuplotJob& job, const std::filesystem::path& directory, const RunFigure& figure) {
  const auto& trace = figure.trace;
  const auto& model = figure.model;
  std::vector<std::span<const double>> columns{trace.times};
  for (std::size_t variable = 1; variable < trace.states.size(); ++variable)
    columns.emplace_back(trace.states[variable]);
  job.add_datablock("recovery", columns);

  const auto panels = panels_by_unit(model);
  constexpr double top = 0.88, bottom = 0.10, gap = 0.04;
  const double height =
      (top - bottom - gap * static_cast<double>(panels.size() - 1)) / static_cast<double>(panels.size());

  fmt::memory_buffer commands;
  append(commands, "set multiplot title {} font ',13'\n", figure.title);
  append(commands, "set lmargin at screen 0.09\nset rmargin at screen 0.975\nset xrange [{:.9g}:{:.9g}]\n",
         figure.run.problem.t_start, figure.run.problem.t_end);
  append(commands, "set key at graph 1, graph 1.02 right bottom horizontal reverse Left width 1.5\n");
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const double panel_top = top - static_cast<double>(p) * (height + gap);
    const bool last = p + 1 == panels.size();
    append(commands, "set tmargin at screen {:.4f}\nset bmargin at screen {:.4f}\n", panel_top, panel_top - height);
    append(commands, "set ylabel {}\nset format x '{}'\n", panel_label(model, panels[p]), last ? "%g" : "");
    if (last) append(commands, "set xlabel 'time (ms)'\n");
    const bool with_key = panels[p].variables.size() > 1;
    append(commands, "plot ");
    for (std::size_t i = 0; i < panels[p].variables.size(); ++i) {
      const std::size_t variable = panels[p].variables[i];
      append(commands, "{}$recovery using 1:{} with lines linewidth 1.2 linecolor rgb '{}'", i == 0 ? "" : ", ",
             variable + 1, palette[(variable - 1) % palette.size()]);
      if (with_key) append(commands, " title {}", gnuplot_quote(model.state_variables[variable].name));
    }
    append(commands, "\n");
  }
  append(commands, "unset multiplot\n");

  add_png_and_svg(job, directory / "recovery", {1200, 700}, fmt::to_string(commands));
}

}  // namespace neurodyn
