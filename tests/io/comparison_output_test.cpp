// The files of `neurodyn compare` and `neurodyn patterns`: what is written reads back to the values that
// went in (full precision, empty cells for what was not measured), the problem in the header reads back as a
// config to the same problem, and every method or panel appears in the figures.
#include "neurodyn/io/comparison_output.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "neurodyn/solve/method.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::read_text;
using testing::ScratchDirectory;
using testing::write_text;

// A CSV file: its '#' lines and its rows (the header row first), split at commas.
struct Csv {
  std::vector<std::string> comments;
  std::vector<std::vector<std::string>> rows;
};

Csv read_csv(const std::filesystem::path& path) {
  Csv csv;
  std::istringstream lines(read_text(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with('#')) {
      csv.comments.push_back(line);
      continue;
    }
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1) {
      cells.push_back(line.substr(start, comma - start));
    }
    cells.push_back(line.substr(start));
    csv.rows.push_back(cells);
  }
  return csv;
}

// The cells of a row by column name.
std::map<std::string, std::string> named(const Csv& csv, std::size_t row) {
  std::map<std::string, std::string> cells;
  for (std::size_t column = 0; column < csv.rows.front().size(); ++column) {
    cells[csv.rows.front()[column]] = csv.rows.at(row).at(column);
  }
  return cells;
}

ComparisonRun run_of(std::string method, bool adaptive, double setting, double error) {
  ComparisonRun run;
  run.method = std::move(method);
  run.adaptive = adaptive;
  run.setting = setting;
  run.spike_count = 2;
  run.spike_count_right = true;
  run.max_spike_error_ms = error;
  run.mean_spike_error_ms = error / 3.0;
  run.max_voltage_error_mV = 7.0 * error;
  run.statistics.steps = 1000;
  run.statistics.rejected_steps = adaptive ? 12 : 0;
  run.statistics.rhs_evaluations = 4000;
  run.statistics.jacobian_evaluations = adaptive ? 30 : 0;
  run.wall_ms = 0.25 / setting;
  return run;
}

// Two fixed-step methods (rk4 of order 4 exactly, euler failing everywhere) and one adaptive method.
ComparisonReport made_up_report() {
  ComparisonReport report;
  report.reference_method = "cvode-adams";
  report.reference_tolerance = 1e-14;
  report.reference_spike_times = {200.02247095677353, 347.8095578691753};
  report.reference_wall_ms = 12.5;
  report.cross_check_method = "parker-sochacki";
  report.cross_check_setting = "dt 0.01 ms, series summed to 1e-15";
  report.cross_check_spike_count = 2;
  report.reference_agreement_ms = 2e-10;
  for (const double dt : {0.1, 0.05, 0.025}) report.runs.push_back(run_of("rk4", false, dt, std::pow(dt, 4)));
  ComparisonRun failed = run_of("euler", false, 0.1, not_measured);
  failed.status = SolveStatus::unstable;
  failed.spike_count = 0;
  failed.spike_count_right = false;
  failed.mean_spike_error_ms = failed.max_voltage_error_mV = failed.wall_ms = not_measured;
  report.runs.push_back(failed);
  for (const double tolerance : {1e-6, 1e-8}) {
    report.runs.push_back(run_of("dopri5", true, tolerance, 100 * tolerance));
  }
  report.summaries = {{"rk4", false, 0.1, 4.0},
                      {"euler", false, not_measured, not_measured},
                      {"dopri5", true, not_measured, not_measured}};
  return report;
}

EffectiveRun short_regular_spiking() {
  RunSettings settings;
  settings.preset = "izh2007-RS";
  settings.t_end = 400.0;
  settings.parameters = {{"d", 90.0}};
  return resolve(settings);
}

TEST(ComparisonCsv, OneRowPerRunWithEveryValueAtFullPrecision) {
  ScratchDirectory directory;
  const ComparisonReport report = made_up_report();
  ComparisonOptions options;
  options.repeats = 5;
  write_comparison_csv(directory / "compare.csv", short_regular_spiking(), options, report);
  const Csv csv = read_csv(directory / "compare.csv");

  ASSERT_EQ(csv.rows.size(), 1 + report.runs.size());
  EXPECT_THAT(csv.rows.front(),
              ::testing::ElementsAre("method", "kind", "setting", "status", "spike_count", "spike_count_right",
                                     "max_spike_error_ms", "mean_spike_error_ms", "max_voltage_error_mV", "steps",
                                     "rejected_steps", "rhs_evaluations", "jacobian_evaluations", "wall_ms"));
  for (std::size_t i = 0; i < report.runs.size(); ++i) {
    const auto& run = report.runs[i];
    const auto cells = named(csv, i + 1);
    EXPECT_EQ(cells.at("method"), run.method);
    EXPECT_EQ(cells.at("kind"), run.adaptive ? "tolerance" : "step");
    EXPECT_EQ(std::stod(cells.at("setting")), run.setting);
    EXPECT_EQ(cells.at("status"), to_string(run.status));
    EXPECT_EQ(cells.at("spike_count_right"), run.spike_count_right ? "true" : "false");
    EXPECT_EQ(cells.at("rejected_steps"), std::to_string(run.statistics.rejected_steps));
    EXPECT_EQ(cells.at("jacobian_evaluations"), std::to_string(run.statistics.jacobian_evaluations));
    if (std::isnan(run.max_spike_error_ms)) {
      EXPECT_EQ(cells.at("max_spike_error_ms"), "");
      EXPECT_EQ(cells.at("wall_ms"), "");
    } else {
      EXPECT_EQ(std::stod(cells.at("max_spike_error_ms")), run.max_spike_error_ms);  // bit for bit
      EXPECT_EQ(std::stod(cells.at("mean_spike_error_ms")), run.mean_spike_error_ms);
      EXPECT_EQ(std::stod(cells.at("max_voltage_error_mV")), run.max_voltage_error_mV);
      EXPECT_NEAR(std::stod(cells.at("wall_ms")), run.wall_ms, 1e-5 * run.wall_ms);
    }
  }
}

TEST(ComparisonCsv, HeaderStatesReferenceCrossCheckAndAProblemThatReadsBack) {
  ScratchDirectory directory;
  const EffectiveRun problem = short_regular_spiking();
  write_comparison_csv(directory / "compare.csv", problem, ComparisonOptions{}, made_up_report());
  const Csv csv = read_csv(directory / "compare.csv");
  std::string comments;
  std::string config;
  bool in_problem = false;
  for (const auto& line : csv.comments) {
    comments += line + "\n";
    if (in_problem) config += line.substr(std::min<std::size_t>(2, line.size())) + "\n";
    in_problem = in_problem || line.find("problem (remove the leading") != std::string::npos;
  }
  EXPECT_THAT(comments, AllOf(HasSubstr("# neurodyn "), HasSubstr("cvode-adams at rtol = atol = 1e-14"),
                              HasSubstr("200.02247095677353 347.8095578691753"), HasSubstr("parker-sochacki"),
                              HasSubstr("agree within 2e-10 ms"), HasSubstr("median wall time of 3 run(s)")));
  write_text(directory / "problem.toml", config);
  const EffectiveRun back = resolve(read_run_settings(directory / "problem.toml"));
  EXPECT_EQ(back.preset, problem.preset);
  EXPECT_EQ(back.parameters, problem.parameters);
  EXPECT_EQ(back.t_end, 400.0);
  EXPECT_EQ(back.stimulus, problem.stimulus);
  EXPECT_EQ(back.initial_state, problem.initial_state);
}

TEST(ComparisonCsv, DisagreeingReferencesAreStatedInTheHeader) {
  ScratchDirectory directory;
  ComparisonReport report = made_up_report();
  report.cross_check_spike_count = 3;
  report.reference_agreement_ms = not_measured;
  write_comparison_summary_csv(directory / "summary.csv", report);
  EXPECT_THAT(read_text(directory / "summary.csv"), AllOf(HasSubstr("3 spikes"), HasSubstr("DISAGREE")));
}

TEST(ComparisonSummaryCsv, OneRowPerMethodWithItsClassicalOrder) {
  ScratchDirectory directory;
  write_comparison_summary_csv(directory / "summary.csv", made_up_report());
  const Csv csv = read_csv(directory / "summary.csv");
  ASSERT_EQ(csv.rows.size(), 4u);
  EXPECT_THAT(csv.rows.front(),
              ::testing::ElementsAre("method", "kind", "classical_order", "largest_reliable_step_ms", "fitted_order"));
  EXPECT_THAT(csv.rows[1], ::testing::ElementsAre("rk4", "step", "4", "0.1", "4"));
  EXPECT_THAT(csv.rows[2], ::testing::ElementsAre("euler", "step", "1", "", ""));
  EXPECT_THAT(csv.rows[3], ::testing::ElementsAre("dopri5", "tolerance", "5", "", ""));
}

void expect_png_and_svg(const std::filesystem::path& path_without_extension) {
  EXPECT_TRUE(read_text(path_without_extension.string() + ".png").starts_with("\x89PNG")) << path_without_extension;
  EXPECT_THAT(read_text(path_without_extension.string() + ".svg"), HasSubstr("</svg>")) << path_without_extension;
}

TEST(ComparisonFigures, WorkPrecisionShowsEveryMethodAndNamesThoseWithoutAPoint) {
  ScratchDirectory directory;
  write_work_precision_figure(directory / "work_precision", "made-up comparison", made_up_report());
  expect_png_and_svg(directory / "work_precision");
  const std::string svg = read_text(directory / "work_precision.svg");
  EXPECT_THAT(svg, AllOf(HasSubstr("rk4 (steps)"), HasSubstr("dopri5 (tolerances)"),
                         HasSubstr("not drawn (no run with the right spike count): euler"),
                         HasSubstr("references agree within 2e-10 ms"), HasSubstr("wall time per run (ms")));
  EXPECT_THAT(directory.entries(), ::testing::ElementsAre("work_precision.png", "work_precision.svg"));
}

TEST(ComparisonFigures, ConvergenceShowsFixedStepMethodsWithTheirFittedOrders) {
  ScratchDirectory directory;
  write_convergence_figure(directory / "convergence", "made-up comparison", made_up_report());
  expect_png_and_svg(directory / "convergence");
  const std::string svg = read_text(directory / "convergence.svg");
  EXPECT_THAT(svg, AllOf(HasSubstr("rk4 (order 4.00)"), HasSubstr("step dt (ms)"), Not(HasSubstr("dopri5"))));
}

// Every method of the catalog, in its order: the fixed-step ones over three steps, the adaptive ones over two
// tolerances, each with an error constant of its own (a factor 2 apart), so that no two lines coincide.
ComparisonReport every_method_report() {
  ComparisonReport report = made_up_report();
  report.runs.clear();
  report.summaries.clear();
  double constant = 1e-6;
  for (const MethodInfo& method : method_catalog()) {
    const bool adaptive = method.adaptive;
    const std::vector<double> settings =
        adaptive ? std::vector<double>{1e-6, 1e-8} : std::vector<double>{0.1, 0.05, 0.025};
    for (const double setting : settings) {
      report.runs.push_back(run_of(std::string(method.name), adaptive, setting, constant * setting));
    }
    report.summaries.push_back({std::string(method.name), adaptive, adaptive ? not_measured : 0.1, 1.0});
    constant *= 2.0;
  }
  return report;
}

// One line of a gnuplot SVG: its key title, the colour of its stroke, whether it is dashed, and its point shape.
struct DrawnLine {
  std::string title;
  std::string colour;
  bool dashed = false;
  std::string point;
};

// The lines drawn with points in a gnuplot SVG, in drawing order.
std::vector<DrawnLine> drawn_lines(const std::string& svg) {
  std::vector<DrawnLine> lines;
  const std::regex title("<text>([^<]*)</text>"), stroke("<path stroke='(rgb\\([^)]*\\))'([^>]*)"),
      point("xlink:href='#(gpPt[0-9]+)'");
  for (std::size_t start = svg.find("<g id=\"gnuplot_plot_"); start != std::string::npos;) {
    const std::size_t end = svg.find("<g id=\"gnuplot_plot_", start + 1);
    const std::string plot = svg.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::smatch title_match, stroke_match, point_match;
    if (std::regex_search(plot, title_match, title) && std::regex_search(plot, stroke_match, stroke) &&
        std::regex_search(plot, point_match, point)) {
      lines.push_back({title_match[1], stroke_match[1],
                       stroke_match[2].str().find("stroke-dasharray") != std::string::npos, point_match[1]});
    }
    start = end;
  }
  return lines;
}

TEST(ComparisonFigures, EveryMethodHasItsOwnColourDashAndPointInBothFigures) {
  ScratchDirectory directory;
  const ComparisonReport report = every_method_report();
  write_work_precision_figure(directory / "work_precision", "every method", report);
  write_convergence_figure(directory / "convergence", "every method", report);
  std::map<std::string, std::tuple<std::string, bool, std::string>> style_of;  // by method, across both figures
  for (const std::string figure : {"work_precision", "convergence"}) {
    const auto lines = drawn_lines(read_text(directory / (figure + ".svg")));
    const std::size_t fixed_step = static_cast<std::size_t>(
        std::count_if(report.summaries.begin(), report.summaries.end(), [](const auto& s) { return !s.adaptive; }));
    ASSERT_EQ(lines.size(), figure == "convergence" ? fixed_step : report.summaries.size()) << figure;
    std::set<std::tuple<std::string, bool>> colour_and_dash;
    std::set<std::string> points;
    for (const auto& line : lines) {
      const std::string method = line.title.substr(0, line.title.find(' '));
      EXPECT_TRUE(colour_and_dash.insert({line.colour, line.dashed}).second) << figure << ": " << line.title;
      EXPECT_TRUE(points.insert(line.point).second) << figure << ": " << line.title;
      const auto style = std::make_tuple(line.colour, line.dashed, line.point);
      const auto [known, added] = style_of.emplace(method, style);
      EXPECT_EQ(known->second, style) << method << " looks different in " << figure;
      EXPECT_EQ(line.dashed, method_info(method).adaptive) << method;
    }
  }
  EXPECT_EQ(style_of.size(), report.summaries.size());
}

// The tick labels of the log axes: plain numbers from 0.01 to 1000, "1e-3" style beyond; never "1e0".
TEST(ComparisonFigures, LogAxesAreLabelledWithReadableNumbers) {
  ScratchDirectory directory;
  write_convergence_figure(directory / "convergence", "made-up comparison", made_up_report());
  write_work_precision_figure(directory / "work_precision", "made-up comparison", made_up_report());
  const std::string convergence = read_text(directory / "convergence.svg");
  // steps 0.025 to 0.1 ms: decades 0.01 to 0.1; errors 2e-10 (the references) to 1e-4: decades 1e-10 to 1e-4
  EXPECT_THAT(convergence, AllOf(HasSubstr("<text>0.01</text>"), HasSubstr("<text>0.1</text>"),
                                 HasSubstr("<text>1e-10</text>"), HasSubstr("<text>1e-4</text>")));
  const std::string work_precision = read_text(directory / "work_precision.svg");
  // wall times 0.25 / setting: 2.5 ms to 2.5e7 ms
  EXPECT_THAT(work_precision, AllOf(HasSubstr("<text>1</text>"), HasSubstr("<text>10</text>"),
                                    HasSubstr("<text>1000</text>"), HasSubstr("<text>1e4</text>")));
  for (const std::string& svg : {convergence, work_precision}) {
    EXPECT_THAT(svg, AllOf(Not(HasSubstr("<text>1e0</text>")), Not(HasSubstr("1e+")), Not(HasSubstr("e-0")),
                           Not(HasSubstr("<text>10^"))));
  }
}

// Two methods whose errors agree within 15 % at every step are drawn one over the other, and named.
TEST(ComparisonFigures, LinesDrawnOverEachOtherAreNamed) {
  ScratchDirectory directory;
  ComparisonReport report = made_up_report();
  for (const double dt : {0.1, 0.05, 0.025}) {
    report.runs.push_back(run_of("backward-euler", false, dt, 1.05 * std::pow(dt, 4)));
  }
  report.summaries.push_back({"backward-euler", false, 0.1, 4.0});
  write_convergence_figure(directory / "convergence", "made-up comparison", report);
  EXPECT_THAT(read_text(directory / "convergence.svg"),
              AllOf(HasSubstr("drawn over each other (errors within 15 % at every common setting): rk4 under "
                              "backward-euler"),
                    HasSubstr("not drawn (no run with the right spike count): euler")));
  write_convergence_figure(directory / "apart", "made-up comparison", made_up_report());
  EXPECT_THAT(read_text(directory / "apart.svg"), Not(HasSubstr("drawn over each other")));
}

const std::vector<PanelComparison>& figure_panels() {
  static const std::vector<PanelComparison> panels = compare_published_and_converged();
  return panels;
}

TEST(PatternsCsv, OneRowPerPanelWithBothSemantics) {
  ScratchDirectory directory;
  write_patterns_csv(directory / "patterns.csv", figure_panels());
  const Csv csv = read_csv(directory / "patterns.csv");
  ASSERT_EQ(csv.rows.size(), 1 + figure_panels().size());
  EXPECT_THAT(csv.rows.front(),
              ::testing::ElementsAre("panel", "feature", "published_spikes", "published_first_spike_ms",
                                     "published_class", "converged_spikes", "converged_first_spike_ms",
                                     "converged_class", "converged_status", "differs", "difference"));
  for (std::size_t i = 0; i < figure_panels().size(); ++i) {
    const auto& panel = figure_panels()[i];
    const auto cells = named(csv, i + 1);
    EXPECT_EQ(cells.at("panel"), panel.panel);
    EXPECT_EQ(cells.at("feature"), panel.feature);
    EXPECT_EQ(cells.at("published_spikes"), std::to_string(panel.published.spike_count()));
    EXPECT_EQ(cells.at("converged_spikes"), std::to_string(panel.converged.spike_count()));
    EXPECT_EQ(std::stod(cells.at("converged_first_spike_ms")), *panel.converged.first_spike_ms());
    EXPECT_EQ(cells.at("converged_status"), to_string(panel.converged.solution.status));
    EXPECT_EQ(cells.at("differs"), panel.differs ? "true" : "false");
    EXPECT_EQ(cells.at("published_class"), to_string(panel.published.pattern.pattern));
    EXPECT_EQ(cells.at("converged_class"), to_string(panel.converged.pattern.pattern));
    EXPECT_EQ(cells.at("difference"), panel.difference);
  }
  EXPECT_THAT(read_text(directory / "patterns.csv"),
              AllOf(HasSubstr("izhikevich-published"), HasSubstr("dopri5 at rtol = atol = 1e-10")));
}

TEST(PatternsFigure, EveryPanelLabelledAndMarked) {
  ScratchDirectory directory;
  write_patterns_figure(directory / "patterns", figure_panels(), Semantics::converged);
  expect_png_and_svg(directory / "patterns");
  const std::string svg = read_text(directory / "patterns.svg");
  for (const auto& panel : figure_panels()) EXPECT_THAT(svg, HasSubstr(panel.panel + ": ")) << panel.panel;
  EXPECT_THAT(svg,
              AllOf(HasSubstr("A: tonic spiking<"), HasSubstr("[runaway-burst] *"), HasSubstr("converged: dopri5")));
}

}  // namespace
}  // namespace neurodyn
