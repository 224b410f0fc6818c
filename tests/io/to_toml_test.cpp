// to_toml(): the effective run written as a config file reads back (read_run_settings + resolve) to the
// same run, for every preset and for runs without one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/method_options.hpp"
#include "neurodyn/version.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::ScratchDirectory;
using ::testing::StartsWith;
using testing::write_text;

void expect_same_run(const EffectiveRun& expected, const EffectiveRun& actual) {
  EXPECT_EQ(actual.preset, expected.preset);
  EXPECT_EQ(actual.model, expected.model);
  EXPECT_EQ(actual.parameters, expected.parameters);
  EXPECT_EQ(actual.initial_state, expected.initial_state);
  EXPECT_EQ(actual.u0, expected.u0);
  EXPECT_EQ(actual.stimulus, expected.stimulus);
  EXPECT_EQ(actual.t_end, expected.t_end);
  EXPECT_EQ(actual.method.name, expected.method.name);
  for (const MethodOptionInfo& option : method_option_table()) {
    EXPECT_EQ(option.get(actual.method), option.get(expected.method)) << option.name;
  }
  EXPECT_EQ(actual.output_step, expected.output_step);
  EXPECT_EQ(actual.problem.initial_state, expected.problem.initial_state);
  EXPECT_EQ(actual.problem.t_end, expected.problem.t_end);
  EXPECT_EQ(actual.problem.stimulus.spec(), expected.problem.stimulus.spec());
}

EffectiveRun read_back(const EffectiveRun& run) {
  ScratchDirectory directory;
  write_text(directory / "config.toml", to_toml(run));
  return resolve(read_run_settings(directory / "config.toml"));
}

TEST(ToToml, EveryPresetRoundTrips) {
  for (const Preset& preset : preset_catalog()) {
    SCOPED_TRACE(preset.name);
    RunSettings settings;
    settings.preset = preset.name;
    const EffectiveRun run = resolve(settings);
    expect_same_run(run, read_back(run));
  }
}

TEST(ToToml, EveryPresetRoundTripsUnderThePublishedScheme) {
  for (const Preset& preset : preset_catalog()) {
    if (preset.model != "izh2003") continue;
    SCOPED_TRACE(preset.name);
    RunSettings settings;
    settings.preset = preset.name;
    settings.method = "izhikevich-published";
    settings.method_options["v_substeps"] = 2;
    settings.method_options["u_from_new_v"] = false;
    const EffectiveRun run = resolve(settings);
    expect_same_run(run, read_back(run));
  }
}

TEST(ToToml, RunWithoutPresetAndAwkwardNumbersRoundTrips) {
  RunSettings settings;
  settings.model = "izh2007";
  settings.parameters = {{"C", 100.0 / 3.0}, {"k", 0.1 + 0.2}};
  settings.v0 = -60.000000000000014;
  settings.u0 = 1e-300;
  settings.t_end = 1234.5;
  settings.stimulus = "step:amp=70,start=100";
  settings.method = "backward-euler";
  settings.method_options["dt"] = 1.0 / 7.0;
  settings.method_options["newton_failure"] = "halve-step";
  const EffectiveRun run = resolve(settings);
  expect_same_run(run, read_back(run));
}

TEST(ToToml, SeriesOrderTolerancesRateBoundAndOutputStepRoundTrip) {
  RunSettings series;
  series.preset = "izh2004-A";
  series.method = "parker-sochacki";
  series.method_options["series_order"] = 17;
  series.method_options["max_rate_hz"] = 1.0 / 3.0;
  series.method_options["rtol"] = 1e-9;
  series.method_options["atol"] = 3e-7;
  const EffectiveRun series_run = resolve(series);
  EXPECT_THAT(to_toml(series_run), AllOf(HasSubstr("series_order = 17"), HasSubstr("max_rate_hz = 0.333")));
  expect_same_run(series_run, read_back(series_run));

  RunSettings adaptive;
  adaptive.preset = "izh2007-RS";
  adaptive.method = "dopri5";
  adaptive.output_step = 0.025;
  const EffectiveRun adaptive_run = resolve(adaptive);
  EXPECT_THAT(to_toml(adaptive_run), HasSubstr("output_step = 0.025"));
  expect_same_run(adaptive_run, read_back(adaptive_run));
}

TEST(ToToml, ProblemAloneHasNoMethodAndReadsBackToTheSameProblem) {
  RunSettings settings;
  settings.preset = "izh2007-RS";
  settings.parameters = {{"d", 90.0}};
  settings.t_end = 400.0;
  settings.method = "euler";
  const EffectiveRun run = resolve(settings);
  const std::string problem = problem_to_toml(run);
  EXPECT_THAT(problem, ::testing::Not(HasSubstr("[method")));
  EXPECT_TRUE(to_toml(run).starts_with(problem));
  ScratchDirectory directory;
  write_text(directory / "problem.toml", problem);
  const EffectiveRun back = resolve(read_run_settings(directory / "problem.toml"));
  EXPECT_EQ(back.preset, run.preset);
  EXPECT_EQ(back.parameters, run.parameters);
  EXPECT_EQ(back.initial_state, run.initial_state);
  EXPECT_EQ(back.stimulus, run.stimulus);
  EXPECT_EQ(back.t_end, run.t_end);
  EXPECT_EQ(back.method.name, MethodOptions{}.name);  // the method is not part of the problem
}

TEST(ToToml, DerivedInitialStatesAreNotWrittenAsInputs) {
  // FitzHugh-Nagumo in Lienard form: the state is (v, v'), while u0 is the first-order form's w0. A run
  // that did not give u0 must not get its derived v'(0) written back as u0.
  RunSettings settings;
  settings.model = "fhn-lienard";
  settings.v0 = 1.5;
  const EffectiveRun derived = resolve(settings);
  EXPECT_THAT(to_toml(derived), ::testing::Not(HasSubstr("u0 =")));
  expect_same_run(derived, read_back(derived));
  settings.u0 = 0.25;
  const EffectiveRun given = resolve(settings);
  EXPECT_THAT(to_toml(given), HasSubstr("u0 = 0.25"));
  expect_same_run(given, read_back(given));
}

TEST(ToToml, StartsWithCommentsNamingVersionUnitsAndPreset) {
  RunSettings settings;
  settings.preset = "izh2004-A";
  const std::string toml = to_toml(resolve(settings));
  EXPECT_THAT(toml, StartsWith(std::string("# neurodyn ") + version));
  EXPECT_THAT(toml, HasSubstr("# units: time in ms, v in mV, u in mV/ms"));
  EXPECT_THAT(toml, HasSubstr("tonic spiking (2004 figure 1, panel A)"));
  EXPECT_THAT(toml, HasSubstr("t_end = 100.0  # ms"));  // a TOML float, not the integer 100
}

TEST(ToToml, MethodSectionListsTheOptionsTheMethodReadsWithUnitAndMeaning) {
  RunSettings settings;
  settings.preset = "izh2004-A";
  const std::string rk4 = to_toml(resolve(settings));
  EXPECT_THAT(rk4, HasSubstr("dt = 0.01  # ms: step of fixed-step methods"));
  EXPECT_THAT(rk4, HasSubstr("spikes = \"located\""));
  EXPECT_THAT(rk4, ::testing::Not(HasSubstr("series_order")));
  EXPECT_THAT(rk4, ::testing::Not(HasSubstr("[method.published]")));
  settings.method = "izhikevich-published";
  const std::string published = to_toml(resolve(settings));
  EXPECT_THAT(published, AllOf(HasSubstr("[method.published]"), HasSubstr("v_substeps = 1"),
                               HasSubstr("spikes = \"grid\""), HasSubstr("dt = 0.25  # ms")));
}

TEST(ToToml, StringsWithQuotesAndBackslashesAreEscaped) {
  ScratchDirectory directory;
  const auto table = directory / "cur\"rent\\s.txt";
  write_text(table, "0 1\n100 2\n");
  RunSettings settings;
  settings.model = "izh2003";
  settings.stimulus = "file:" + table.string();
  const EffectiveRun run = resolve(settings);
  expect_same_run(run, read_back(run));
}

}  // namespace
}  // namespace neurodyn
