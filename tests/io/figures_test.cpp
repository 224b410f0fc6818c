// Figures through gnuplot: the files exist, are PNG (magic bytes) and SVG, are not trivially small, and no
// temporary file is left behind; a missing or failing gnuplot is a FileError and leaves nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/io/gallery_figure.hpp"
#include "neurodyn/io/result_files.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
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

SolvedRun solve_preset(const std::string& preset) {
  RunSettings settings;
  settings.preset = preset;
  settings.method_options["dt"] = 0.05;
  EffectiveRun run = resolve(settings);
  Solution solution = solve(run.problem, run.method);
  return {std::move(run), std::move(solution)};
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
