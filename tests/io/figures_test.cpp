// Figures through gnuplot: the files exist, are PNG (magic bytes) and SVG, are not trivially small, and no
// temporary file is left behind; a missing or failing gnuplot is a FileError and leaves nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/fi_output.hpp"
#include "neurodyn/io/gallery_figure.hpp"
#include "neurodyn/io/phase_output.hpp"
#include "neurodyn/io/result_files.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::read_text;
using testing::ScratchDirectory;

// Sets an environment variable for the lifetime of the object and restores it afterwards.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
  ~ScopedEnvironment() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

void expect_png(const std::filesystem::path& path) {
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const std::string bytes = read_text(path);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << path;
  EXPECT_GT(bytes.size(), 10000u) << path;
}

void expect_svg(const std::filesystem::path& path) {
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const std::string text = read_text(path);
  EXPECT_THAT(text, HasSubstr("<svg"));
  EXPECT_THAT(text, HasSubstr("</svg>"));
  EXPECT_GT(text.size(), 10000u) << path;
}

struct SolvedRun {
  EffectiveRun run;
  Solution solution;
};

SolvedRun solve_settings(const RunSettings& settings) {
  EffectiveRun run = resolve(settings);
  Solution solution = solve(run.problem, run.method);
  return {std::move(run), std::move(solution)};
}

SolvedRun solve_preset(const std::string& preset) {
  RunSettings settings;
  settings.preset = preset;
  settings.method_options["dt"] = 0.05;
  return solve_settings(settings);
}

// A text of an SVG file written by gnuplot: where it is anchored (pixels, y downwards), how, and what it says.
struct SvgText {
  double x = 0.0, y = 0.0;
  std::string anchor;  // start, middle or end
  std::string text;
};

std::vector<SvgText> svg_texts(const std::string& svg) {
  static const std::regex text_pattern(
      R"re(translate\(([-0-9.]+),([-0-9.]+)\)[^>]*text-anchor="(\w+)"[^>]*>\s*<text[^>]*>([^<]*)</text>)re");
  std::vector<SvgText> texts;
  for (std::sregex_iterator match(svg.begin(), svg.end(), text_pattern), end; match != end; ++match) {
    std::string text = (*match)[4];
    text.erase(0, text.find_first_not_of(' '));  // gnuplot's tick labels leave room for a sign
    texts.push_back({std::stod((*match)[1]), std::stod((*match)[2]), (*match)[3], text});
  }
  return texts;
}

// The vertices of the paths drawn in `rgb` ("rgb(  0, 114, 178)": the blue of v).
std::vector<std::pair<double, double>> svg_vertices(const std::string& svg, const std::string& rgb) {
  std::vector<std::pair<double, double>> vertices;
  static const std::regex vertex_pattern(R"re([ML]([-0-9.]+),([-0-9.]+))re");
  const std::string path_start = "<path stroke='" + rgb + "'  d='";
  for (auto at = svg.find(path_start); at != std::string::npos; at = svg.find(path_start, at + 1)) {
    const auto begin = at + path_start.size();
    const std::string path = svg.substr(begin, svg.find('\'', begin) - begin);
    for (std::sregex_iterator match(path.begin(), path.end(), vertex_pattern), end; match != end; ++match) {
      vertices.emplace_back(std::stod((*match)[1]), std::stod((*match)[2]));
    }
  }
  return vertices;
}

// The labels of the stimulus panel's axis in voltage.svg (700 pixels high): the texts right-aligned at the
// axis below the voltage panel, which ends at y = 455.
std::vector<SvgText> stimulus_tick_labels(const std::string& svg) {
  std::vector<SvgText> ticks;
  for (const SvgText& text : svg_texts(svg)) {
    if (text.anchor == "end" && text.y > 470.0 && text.y < 640.0) ticks.push_back(text);
  }
  std::ranges::sort(ticks, [](const SvgText& a, const SvgText& b) { return a.y > b.y; });  // upwards
  return ticks;
}

// Whether `step` is 1, 2 or 5 times a power of ten.
bool is_round_step(double step) {
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
  return std::ranges::any_of(std::vector{1.0, 2.0, 5.0}, [&](double m) { return std::abs(mantissa - m) < 1e-9; });
}

TEST(Figures, TwoVariableModelGetsVoltageRecoveryAndPhase) {
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("izh2004-A");
  ASSERT_TRUE(solution.ok()) << solution.message;
  write_figures(directory.path(), run, solution);
  for (const std::string name : {"voltage", "recovery", "phase"}) {
    expect_png(directory / (name + ".png"));
    expect_svg(directory / (name + ".svg"));
  }
  EXPECT_EQ(directory.entries().size(), 6u);  // no script, data or temporary files left behind
}

TEST(Figures, HodgkinHuxleyGatesAndOneVariableModel) {
  {
    ScratchDirectory directory;
    const auto [run, solution] = solve_preset("hh-squid");
    write_figures(directory.path(), run, solution);
    EXPECT_EQ(directory.entries().size(), 6u);
    expect_png(directory / "recovery.png");
  }
  {
    ScratchDirectory directory;
    const auto [run, solution] = solve_preset("lif-cortical");
    write_figures(directory.path(), run, solution);
    // A one-variable model has no recovery variable and no phase plane.
    EXPECT_THAT(directory.entries(), ElementsAre("voltage.png", "voltage.svg"));
  }
}

TEST(Figures, RestingRunWithoutStimulusOrSpikes) {
  ScratchDirectory directory;
  RunSettings settings;
  settings.model = "izh2003";
  settings.t_end = 50.0;
  const EffectiveRun run = resolve(settings);
  const Solution solution = solve(run.problem, run.method);
  ASSERT_TRUE(solution.spike_times.empty());
  write_figures(directory.path(), run, solution);
  EXPECT_EQ(directory.entries().size(), 6u);
  expect_png(directory / "phase.png");
}

TEST(Figures, MissingGnuplotIsAFileErrorAndWritesNothing) {
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("izh2004-A");
  {
    const ScopedEnvironment empty_path("PATH", "");
    try {
      write_figures(directory.path(), run, solution);
      FAIL() << "expected FileError";
    } catch (const FileError& error) {
      EXPECT_THAT(error.what(), HasSubstr("gnuplot was not found"));
    }
  }
  EXPECT_TRUE(directory.entries().empty());
}

TEST(Figures, FailingGnuplotIsAFileErrorWithItsMessageAndLeavesNothing) {
  ScratchDirectory bin;
  const auto fake = bin / "gnuplot";
  testing::write_text(fake, "#!/bin/sh\necho 'line 3: unknown terminal' >&2\nexit 3\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("izh2004-A");
  {
    const ScopedEnvironment fake_path("PATH", bin.path().string());
    try {
      write_figures(directory.path(), run, solution);
      FAIL() << "expected FileError";
    } catch (const FileError& error) {
      EXPECT_THAT(error.what(), HasSubstr("exit status 3"));
      EXPECT_THAT(error.what(), HasSubstr("line 3: unknown terminal"));
    }
  }
  EXPECT_TRUE(directory.entries().empty());
}

TEST(Figures, MissingOutputDirectoryIsAFileError) {
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("izh2004-A");
  EXPECT_THROW(write_figures(directory / "absent", run, solution), FileError);
}

TEST(Figures, RunWithoutSamplesCannotBeDrawn) {
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("izh2004-A");
  Solution spikes_only = solution;
  spikes_only.times.clear();
  spikes_only.states.clear();
  EXPECT_THROW(write_figures(directory.path(), run, spikes_only), InputError);
}

TEST(Figures, NoisyStimulusAxisHasRoundSpacedTicksAndItsLabel) {
  ScratchDirectory directory;
  RunSettings settings;
  settings.preset = "izh2007-RS";
  settings.stimulus = "noise:mean=60,sigma=30,tau=5,seed=42";
  settings.method_options["dt"] = 0.05;
  const auto [run, solution] = solve_settings(settings);
  write_figures(directory.path(), run, solution);
  const std::string svg = read_text(directory / "voltage.svg");
  const auto texts = svg_texts(svg);
  const auto label = std::ranges::find(texts, std::string("I (pA)"), &SvgText::text);
  ASSERT_NE(label, texts.end());
  EXPECT_GT(label->x, 6.0);  // inside the figure, left of the tick labels
  const auto ticks = stimulus_tick_labels(svg);
  ASSERT_GE(ticks.size(), 2u);
  const double step = std::stod(ticks[1].text) - std::stod(ticks[0].text);
  EXPECT_TRUE(is_round_step(step)) << step;
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double value = std::stod(ticks[i].text);
    EXPECT_NEAR(value / step, std::round(value / step), 1e-9) << ticks[i].text;
    EXPECT_LT(label->x, ticks[i].x - 6.0 * static_cast<double>(ticks[i].text.size()));
    if (i > 0) {
      EXPECT_NEAR(value - std::stod(ticks[i - 1].text), step, 1e-9 * step);
      EXPECT_GE(ticks[i - 1].y - ticks[i].y, 14.0) << "labels of 12-point text overlap";
    }
  }
}

TEST(Figures, StepStimulusAxisIsLabelledAtItsLevels) {
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("izh2004-A");  // a step from 0 to 14
  write_figures(directory.path(), run, solution);
  std::vector<std::string> labels;
  for (const SvgText& tick : stimulus_tick_labels(read_text(directory / "voltage.svg"))) labels.push_back(tick.text);
  EXPECT_THAT(labels, ElementsAre("0", "14"));
}

TEST(Figures, TitleKeepsThePresetsDescriptionOnlyForThePresetsOwnRun) {
  {
    ScratchDirectory directory;
    const auto [run, solution] = solve_preset("izh2004-A");  // only the time step differs: the preset's run
    write_figures(directory.path(), run, solution);
    EXPECT_THAT(read_text(directory / "voltage.svg"), HasSubstr("izh2004-A: tonic spiking"));
  }
  ScratchDirectory directory;
  RunSettings settings;
  settings.preset = "izh2004-A";
  settings.t_end = 500.0;
  settings.stimulus = "step:amp=20,start=10";
  settings.method_options["dt"] = 0.05;
  const auto [run, solution] = solve_settings(settings);
  write_figures(directory.path(), run, solution);
  for (const std::string name : {"voltage", "recovery", "phase"}) {
    const std::string svg = read_text(directory / (name + ".svg"));
    EXPECT_THAT(svg, Not(HasSubstr("tonic spiking"))) << name;
    EXPECT_THAT(svg, AllOf(HasSubstr("izh2004-A with stimulus step:amp=20"), HasSubstr("t_end = 500 ms"))) << name;
  }
}

PhaseAnalysis analysis_at(const EffectiveRun& run, double current) {
  return {run.model, current, fixed_points(run.problem.model, current), {}, 0.0, {}};
}

bool inside(const PhasePlaneDrawing& drawing, double x, double y) {
  return drawing.x_low < x && x < drawing.x_high && drawing.y_low < y && y < drawing.y_high;
}

TEST(PhasePlane, RangesShowTheFixedPointsTheKneeBelowThemAndTheStart) {
  // The 2003 RS cell at I = 3 from its rest at I = 0: v' = 0.04 v^2 + 5 v + 140 - u + 3 = 0 and u = 0.2 v meet at
  // v^2 + 120 v + 3575 = 0, v = -65 (stable) and -55 (saddle); the v-nullcline's knee is at v = -62.5,
  // u = -13.25, below both and below the run, which starts at the preset's v0 = -63, u0 = b v0 = -12.6.
  RunSettings settings;
  settings.preset = "izh2003-RS";
  settings.stimulus = "step:amp=3,start=0";
  settings.t_end = 200.0;
  const auto [run, solution] = solve_settings(settings);
  const PhaseAnalysis analysis = analysis_at(run, 3.0);
  const auto drawing = phase_plane_drawing(run.problem.model, analysis, PlaneRun{solution, run.model}, std::nullopt);
  EXPECT_TRUE(inside(drawing, -65.0, -13.0));
  EXPECT_TRUE(inside(drawing, -55.0, -11.0));
  EXPECT_TRUE(inside(drawing, -62.5, -13.25));
  EXPECT_TRUE(inside(drawing, -63.0, -12.6));
  EXPECT_DOUBLE_EQ(drawing.trajectory_x.front(), -63.0);
  EXPECT_DOUBLE_EQ(drawing.trajectory_y.front(), -12.6);

  ScratchDirectory directory;
  write_phase_plane_figure(directory / "phase", "izh2003 at I = 3", run.problem.model, analysis, drawing);
  const auto texts = svg_texts(read_text(directory / "phase.svg"));
  EXPECT_NE(std::ranges::find(texts, std::string("start"), &SvgText::text), texts.end());
}

TEST(PhasePlane, UpstrokesRunToTheCutoffAndEachResetIsDrawnApart) {
  RunSettings settings;
  settings.preset = "adex-tonic";
  const auto [run, solution] = solve_settings(settings);  // 0.01 ms steps: more samples than the drawing keeps
  ASSERT_GT(solution.sample_count(), 20000u);
  ASSERT_GT(solution.spike_times.size(), 5u);
  const double cutoff = run.parameters.at("V_peak"), reset = run.parameters.at("V_r");
  const auto drawing =
      phase_plane_drawing(run.problem.model, analysis_at(run, 500.0), PlaneRun{solution, run.model}, std::nullopt);
  ASSERT_EQ(drawing.trajectory_breaks.size(), solution.spike_times.size());
  for (const std::size_t k : drawing.trajectory_breaks) {
    EXPECT_NEAR(drawing.trajectory_x[k - 1], cutoff, 1e-6) << "the upstroke before sample " << k;
    EXPECT_DOUBLE_EQ(drawing.trajectory_x[k], reset) << "the reset at sample " << k;
  }
  EXPECT_LE(*std::ranges::max_element(drawing.trajectory_x), cutoff + 1e-6);

  ScratchDirectory directory;
  write_phase_plane_figure(directory / "phase", "adex", run.problem.model, analysis_at(run, 500.0), drawing);
  const auto texts = svg_texts(read_text(directory / "phase.svg"));
  EXPECT_NE(std::ranges::find(texts, std::string("reset"), &SvgText::text), texts.end());
}

TEST(PhasePlane, SimulatedHodgkinHuxleyIsProjectedOnTheReducedPlane) {
  ScratchDirectory directory;
  const auto [run, solution] = solve_preset("hh-squid");
  write_figures(directory.path(), run, solution);
  const auto texts = svg_texts(read_text(directory / "phase.svg"));
  for (const std::string expected : {"hh run, projected", "v' = 0", "n' = 0", "n", "start"}) {
    EXPECT_NE(std::ranges::find(texts, expected, &SvgText::text), texts.end()) << expected;
  }
  EXPECT_THAT(read_text(directory / "phase.svg"), HasSubstr("plane of hh-reduced"));
}

TEST(FiFigure, TraceLabelsLieWhereNoTraceIs) {
  RunSettings settings;
  settings.preset = "izh2003-RS";
  settings.t_end = 400.0;
  const EffectiveRun run = resolve(settings);
  FiResult result;
  result.protocol = {run.problem.model, run.initial_state, 400.0, 200.0, 400.0, run.method};
  const std::vector<double> currents{0.0, 5.0, 10.0, 20.0, 40.0};
  result.points = fi_curve(result.protocol, currents);
  std::vector<FiTrace> traces;
  for (const double current : currents) {
    const Solution trace = solve(fi_problem(result.protocol, current), run.method);
    FiTrace& drawn = traces.emplace_back(FiTrace{current, trace.times, {}, trace.spike_times});
    for (std::size_t k = 0; k < trace.sample_count(); ++k) drawn.voltages.push_back(trace.state(k, 0));
  }
  ScratchDirectory directory;
  write_fi_figure(directory / "fi", "f-I", model_info(run.model), traces, result);
  const std::string svg = read_text(directory / "fi.svg");
  const auto vertices = svg_vertices(svg, "rgb(  0, 114, 178)");
  ASSERT_GT(vertices.size(), 1000u);
  std::size_t labels = 0;
  for (const SvgText& text : svg_texts(svg)) {
    if (!text.text.starts_with("I = ") || text.anchor != "start") continue;
    ++labels;
    // The box of 10-point text: about 6.5 pixels a character, from 10 above the baseline to 3 below.
    const double right = text.x + 6.5 * static_cast<double>(text.text.size());
    for (const auto& [x, y] : vertices) {
      EXPECT_FALSE(x >= text.x && x <= right && y >= text.y - 10.0 && y <= text.y + 3.0)
          << "label '" << text.text << "' over the trace at (" << x << ", " << y << ")";
    }
  }
  EXPECT_EQ(labels, currents.size());
}

GalleryPanel panel_of(const std::string& preset, const std::string& label) {
  const auto [run, solution] = solve_preset(preset);
  GalleryPanel panel;
  panel.label = label;
  panel.times = solution.times;
  for (std::size_t k = 0; k < solution.sample_count(); ++k) {
    panel.voltages.push_back(solution.state(k, 0));
    panel.currents.push_back(run.problem.stimulus.at(solution.times[k]).current);
  }
  panel.spike_times = solution.spike_times;
  panel.current_unit = "mV/ms (model units)";
  return panel;
}

TEST(GalleryFigure, WritesPngAndSvg) {
  ScratchDirectory directory;
  const std::vector<GalleryPanel> panels{panel_of("izh2004-A", "(A) tonic spiking"),
                                         panel_of("izh2004-B", "(B) phasic spiking"),
                                         panel_of("izh2004-C", "(C) tonic bursting")};
  write_gallery_figure(directory / "gallery", "Izhikevich (2004), figure 1", panels);
  expect_png(directory / "gallery.png");
  expect_svg(directory / "gallery.svg");
  EXPECT_EQ(directory.entries().size(), 2u);
}

// Every drawn panel has the voltage scale bar, labelled with the voltages at its ends: "-80 to -60 mV".
TEST(GalleryFigure, EveryPanelHasAVoltageScaleBar) {
  ScratchDirectory directory;
  const std::vector<GalleryPanel> panels{panel_of("izh2004-A", "(A) tonic spiking"),
                                         panel_of("izh2004-B", "(B) phasic spiking"),
                                         panel_of("izh2004-C", "(C) tonic bursting"),
                                         panel_of("izh2004-D", "(D) phasic bursting")};
  write_gallery_figure(directory / "gallery", "Izhikevich (2004), figure 1", panels);
  const std::string svg = read_text(directory / "gallery.svg");
  const std::regex bar_label("<text>-?[0-9.]+ to -?[0-9.]+ mV</text>");
  std::vector<std::string> labels;
  for (auto match = std::sregex_iterator(svg.begin(), svg.end(), bar_label); match != std::sregex_iterator(); ++match) {
    labels.push_back((*match)[0]);
  }
  ASSERT_EQ(labels.size(), panels.size());
  for (const auto& label : labels) EXPECT_EQ(label, labels.front());  // one voltage scale for all panels
  EXPECT_EQ(labels.front(), "<text>-80 to -60 mV</text>");
}

TEST(GalleryFigure, PanelsWithoutStimulusOrSamplesAndWithoutUnits) {
  ScratchDirectory directory;
  GalleryPanel no_stimulus = panel_of("izh2004-A", "(A) no stimulus column");
  no_stimulus.currents.clear();
  GalleryPanel failed;
  failed.label = "(X) a run that failed at once";
  failed.times = {0.0};
  failed.voltages = {-70.0};
  GalleryPanel dimensionless = panel_of("fhn-classic", "FitzHugh-Nagumo");
  dimensionless.voltage_unit = "";
  dimensionless.current_unit = "dimensionless";
  write_gallery_figure(directory / "gallery", "mixed", {failed, no_stimulus, dimensionless});
  expect_png(directory / "gallery.png");
  expect_svg(directory / "gallery.svg");
}

// A CSV file's '#' lines, its column names and its rows of cells.
struct CsvText {
  std::vector<std::string> comments;
  std::string columns;
  std::vector<std::vector<std::string>> rows;
};

CsvText read_csv_text(const std::filesystem::path& path) {
  CsvText csv;
  std::istringstream lines(read_text(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with('#')) {
      csv.comments.push_back(line);
    } else if (csv.columns.empty()) {
      csv.columns = line;
    } else {
      std::vector<std::string> cells;
      std::istringstream cells_of(line);
      for (std::string cell; std::getline(cells_of, cell, ',');) cells.push_back(cell);
      csv.rows.push_back(cells);
    }
  }
  return csv;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// The data of a gallery figure: per panel the samples drawn (every one of a short run, at most 4000 of a
// long one, the extremes of v kept), each value at full precision, and every spike time in spikes.csv.
TEST(GalleryData, EachPanelsDrawnSamplesAndEverySpikeWithUnitsAndSource) {
  ScratchDirectory directory;
  GalleryPanel tonic = panel_of("izh2004-A", "A: tonic spiking");  // 100 ms at 0.05 ms: 2001 samples and more
  tonic.name = "A";
  tonic.source = "source: preset izh2004-A\nsolver: status ok";
  GalleryPanel long_run = tonic;  // the same run repeated to over 4000 samples
  long_run.name = "A-long";
  long_run.label = "A: long";
  for (std::size_t i = 1; i < tonic.times.size(); ++i) {
    long_run.times.push_back(tonic.times.back() + tonic.times[i]);
    long_run.voltages.push_back(tonic.voltages[i]);
    long_run.currents.push_back(tonic.currents[i]);
  }
  ASSERT_GT(long_run.times.size(), 4000u);
  GalleryPanel dimensionless = panel_of("fhn-classic", "FitzHugh-Nagumo");
  dimensionless.name = "classic";
  dimensionless.voltage_unit = "";
  dimensionless.time_unit = "";
  dimensionless.currents.clear();
  const std::vector<GalleryPanel> panels{tonic, long_run, dimensionless};
  write_gallery_data(directory / "izh2004", panels);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory / "izh2004")) {
    files.push_back(entry.path().filename());
  }
  std::sort(files.begin(), files.end());
  EXPECT_THAT(files, ElementsAre("A-long.csv", "A.csv", "classic.csv", "spikes.csv"));

  const CsvText a = read_csv_text(directory / "izh2004" / "A.csv");
  EXPECT_EQ(a.columns, "time_ms,v_mV,I_mV_per_ms");
  EXPECT_THAT(joined(a.comments),
              AllOf(HasSubstr("# neurodyn "), HasSubstr("panel 'A: tonic spiking' of izh2004.png and izh2004.svg"),
                    HasSubstr("# source: preset izh2004-A\n# solver: status ok\n"),
                    HasSubstr(fmt::format("# samples: {0} of the {0} computed", tonic.times.size())),
                    HasSubstr("# units: time ms, v mV, I (the stimulus current) mV/ms (model units)")));
  ASSERT_EQ(a.rows.size(), tonic.times.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    ASSERT_EQ(a.rows[i].size(), 3u);
    EXPECT_EQ(std::stod(a.rows[i][0]), tonic.times[i]);  // bit for bit
    EXPECT_EQ(std::stod(a.rows[i][1]), tonic.voltages[i]);
    EXPECT_EQ(std::stod(a.rows[i][2]), tonic.currents[i]);
  }

  const CsvText thinned = read_csv_text(directory / "izh2004" / "A-long.csv");
  EXPECT_LE(thinned.rows.size(), 4000u);
  EXPECT_GT(thinned.rows.size(), 3000u);
  double highest = -1e300;
  for (const auto& row : thinned.rows) highest = std::max(highest, std::stod(row[1]));
  EXPECT_EQ(highest, *std::max_element(long_run.voltages.begin(), long_run.voltages.end()));

  const CsvText classic = read_csv_text(directory / "izh2004" / "classic.csv");
  EXPECT_EQ(classic.columns, "time,v");  // dimensionless, and no stimulus column without a stimulus
  EXPECT_THAT(joined(classic.comments), HasSubstr("# units: time dimensionless, v dimensionless\n"));

  const CsvText spikes = read_csv_text(directory / "izh2004" / "spikes.csv");
  EXPECT_EQ(spikes.columns, "panel,time_ms");
  std::vector<std::vector<std::string>> expected;
  for (const auto& panel : panels) {
    for (const double time : panel.spike_times) expected.push_back({panel.name, fmt::format("{}", time)});
  }
  EXPECT_EQ(spikes.rows, expected);
  EXPECT_GT(spikes.rows.size(), 5u);
}

TEST(GalleryData, PanelsWithoutADistinctPlainNameAreInputErrors) {
  ScratchDirectory directory;
  GalleryPanel panel = panel_of("izh2004-A", "(A) tonic spiking");
  for (const std::string name : {"", "../A", "a/b", "spikes", ".hidden", "a,b", "A B"}) {
    panel.name = name;
    EXPECT_THROW(write_gallery_data(directory / "gallery", {panel}), InputError) << name;
  }
  panel.name = "A";
  EXPECT_THROW(write_gallery_data(directory / "gallery", {panel, panel}), InputError);
  EXPECT_TRUE(directory.entries().empty());
}

TEST(GalleryFigure, InconsistentPanelsAreInputErrors) {
  ScratchDirectory directory;
  EXPECT_THROW(write_gallery_figure(directory / "gallery", "empty", {}), InputError);
  GalleryPanel panel = panel_of("izh2004-A", "(A) tonic spiking");
  panel.voltages.pop_back();
  try {
    write_gallery_figure(directory / "gallery", "mismatch", {panel});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("(A) tonic spiking"));
  }
  EXPECT_TRUE(directory.entries().empty());
}

}  // namespace
}  // namespace neurodyn
