// resolve(): presets and defaults applied, precedence, and every validation rule with its message. The
// expected values of presets come from docs/reference.md (Izhikevich 2004 figure 1, panel A).
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "neurodyn/error.hpp"
#include "neurodyn/io/run_config.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

RunSettings with_model(std::string model) {
  RunSettings settings;
  settings.model = std::move(model);
  return settings;
}

RunSettings with_preset(std::string preset) {
  RunSettings settings;
  settings.preset = std::move(preset);
  return settings;
}

std::string error_of(const RunSettings& settings) {
  try {
    resolve(settings);
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "resolve accepted the settings";
  return {};
}

TEST(Resolve, ModelAloneGetsTheDocumentedDefaults) {
  const EffectiveRun run = resolve(with_model("izh2003"));
  EXPECT_FALSE(run.preset);
  EXPECT_EQ(run.model, "izh2003");
  EXPECT_EQ(run.t_end, 100.0);
  EXPECT_EQ(run.method.name, "rk4");
  EXPECT_EQ(run.method.dt, 0.01);
  EXPECT_EQ(run.method.spikes, SpikeHandling::located);
  EXPECT_EQ(run.stimulus, Stimulus().spec());  // no input
  // Izhikevich 2003: a = 0.02, b = 0.2, c = -65, d = 8; u0 = b v0 at v0 = -65.
  EXPECT_EQ(run.parameters.at("a"), 0.02);
  EXPECT_EQ(run.parameters.at("d"), 8.0);
  EXPECT_THAT(run.initial_state, ElementsAre(-65.0, -13.0));
  EXPECT_EQ(run.problem.t_start, 0.0);
  EXPECT_EQ(run.problem.t_end, 100.0);
  EXPECT_EQ(run.problem.initial_state, run.initial_state);
}

TEST(Resolve, PresetGivesItsPublishedSetup) {
  const EffectiveRun run = resolve(with_preset("izh2004-A"));
  EXPECT_EQ(run.preset, "izh2004-A");
  EXPECT_EQ(run.model, "izh2003");
  EXPECT_EQ(run.t_end, 100.0);
  EXPECT_EQ(run.parameters.at("a"), 0.02);
  EXPECT_EQ(run.parameters.at("b"), 0.2);
  EXPECT_EQ(run.parameters.at("c"), -65.0);
  EXPECT_EQ(run.parameters.at("d"), 6.0);
  EXPECT_THAT(run.initial_state, ElementsAre(-70.0, -14.0));  // u0 = b v0
  // I = 14 for t > 10 (the published code's strict inequality).
  EXPECT_EQ(run.problem.stimulus.at(10.0).current, 0.0);
  EXPECT_EQ(run.problem.stimulus.at(10.25).current, 14.0);
  EXPECT_EQ(run.problem.stimulus.at(99.0).current, 14.0);
  EXPECT_EQ(run.method.dt, 0.01);  // the published step only for the published scheme
}

TEST(Resolve, PublishedSchemeTakesThePresetsStepAndGridSpikes) {
  RunSettings settings = with_preset("izh2004-A");
  settings.method = "izhikevich-published";
  const EffectiveRun run = resolve(settings);
  EXPECT_EQ(run.method.dt, 0.25);  // tau of panel A
  EXPECT_EQ(run.method.spikes, SpikeHandling::grid);
  EXPECT_TRUE(run.method.published.u_from_new_v);
  EXPECT_TRUE(run.method.published.reset_in_same_step);
  EXPECT_EQ(run.method.published.v_substeps, 1);

  RunSettings without_preset = with_model("izh2003");
  without_preset.method = "izhikevich-published";
  EXPECT_EQ(resolve(without_preset).method.dt, 0.01);
}

TEST(Resolve, StoresTheCanonicalStimulusSpec) {
  RunSettings settings = with_model("izh2003");
  settings.stimulus = "step:start=10,amp=14";
  const EffectiveRun run = resolve(settings);
  EXPECT_EQ(run.stimulus, run.problem.stimulus.spec());
  EXPECT_EQ(run.problem.stimulus.at(5.0).current, 0.0);
  EXPECT_EQ(run.problem.stimulus.at(50.0).current, 14.0);
}

TEST(Resolve, FlagOverConfigOverPresetOverDefaults) {
  const RunSettings preset = with_preset("izh2004-A");  // d = 6, t_end = 100, rk4 by default
  RunSettings config;
  config.parameters = {{"d", 7.0}, {"a", 0.03}};
  config.t_end = 150.0;
  config.method = "midpoint";
  config.method_options["dt"] = 0.05;
  RunSettings flags;
  flags.parameters = {{"d", 8.0}};
  flags.method_options["dt"] = 0.02;

  const EffectiveRun run = resolve(overlay(overlay(preset, config), flags));
  EXPECT_EQ(run.parameters.at("d"), 8.0);                     // flag
  EXPECT_EQ(run.parameters.at("a"), 0.03);                    // config, merged key by key
  EXPECT_EQ(run.parameters.at("c"), -65.0);                   // preset
  EXPECT_EQ(run.parameters.at("vpeak"), 30.0);                // model default
  EXPECT_EQ(run.t_end, 150.0);                                // config over preset
  EXPECT_EQ(run.method.name, "midpoint");                     // config over default
  EXPECT_EQ(run.method.dt, 0.02);                             // flag over config
  EXPECT_EQ(run.method.rtol, 1e-6);                           // default
  EXPECT_THAT(run.initial_state, ElementsAre(-70.0, -14.0));  // preset
}

TEST(Resolve, OverlayReplacesOnlyTheFieldsThatAreSet) {
  RunSettings base;
  base.model = "izh2003";
  base.v0 = -60.0;
  base.method_options["u_from_new_v"] = true;
  base.method_options["v_substeps"] = 1LL;
  RunSettings top;
  top.v0 = -55.0;
  top.method_options["v_substeps"] = 2LL;
  const RunSettings merged = overlay(base, top);
  EXPECT_EQ(merged.model, "izh2003");
  EXPECT_EQ(merged.v0, -55.0);
  EXPECT_EQ(merged.method_options.at("u_from_new_v"), OptionValue(true));
  EXPECT_EQ(merged.method_options.at("v_substeps"), OptionValue(2LL));
}

TEST(Resolve, UnknownNamesListWhatIsAllowed) {
  EXPECT_THAT(error_of(with_preset("izh2004-Z")), HasSubstr("izh2004-Z"));
  EXPECT_THAT(error_of(with_model("izh2099")), AllOf(HasSubstr("izh2099"), HasSubstr("izh2003")));
  RunSettings method = with_model("izh2003");
  method.method = "rk5";
  EXPECT_THAT(error_of(method), AllOf(HasSubstr("rk5"), HasSubstr("rk4"), HasSubstr("izhikevich-published")));
  RunSettings parameter = with_model("izh2003");
  parameter.parameters = {{"tau", 1.0}};
  EXPECT_THAT(error_of(parameter), AllOf(HasSubstr("tau"), HasSubstr("vpeak")));
}

TEST(Resolve, NoModelAndNoPresetListsTheModels) {
  EXPECT_THAT(error_of(RunSettings{}), AllOf(HasSubstr("no model"), HasSubstr("izh2003"), HasSubstr("hh")));
}

TEST(Resolve, PresetModelConflictIsAnError) {
  RunSettings settings = with_preset("izh2004-A");
  settings.model = "izh2007";
  EXPECT_THAT(error_of(settings), AllOf(HasSubstr("izh2007"), HasSubstr("izh2004-A"), HasSubstr("izh2003")));
  settings.model = "izh2003";  // agreeing is fine
  EXPECT_NO_THROW(resolve(settings));
}

TEST(Resolve, ParameterOutOfItsTableRangeIsAnError) {
  RunSettings settings = with_model("izh2003");
  settings.parameters = {{"vpeak", 500.0}};
  EXPECT_THAT(error_of(settings), AllOf(HasSubstr("vpeak"), HasSubstr("500")));
}

TEST(Resolve, InitialStateMustBeFinite) {
  RunSettings settings = with_model("izh2003");
  settings.v0 = nan;
  EXPECT_THAT(error_of(settings), AllOf(HasSubstr("v0 = nan"), HasSubstr("finite")));
  settings.v0 = -70.0;
  settings.u0 = infinity;
  EXPECT_THAT(error_of(settings), AllOf(HasSubstr("u0 = inf"), HasSubstr("finite")));
}

TEST(Resolve, GivenInitialStateIsUsedAndRemembered) {
  RunSettings settings = with_model("izh2003");
  settings.v0 = -60.0;
  settings.u0 = -5.0;
  const EffectiveRun run = resolve(settings);
  EXPECT_THAT(run.initial_state, ElementsAre(-60.0, -5.0));
  EXPECT_EQ(run.u0, -5.0);
  settings.u0.reset();
  EXPECT_THAT(resolve(settings).initial_state, ElementsAre(-60.0, -12.0));  // u0 = b v0
  EXPECT_FALSE(resolve(settings).u0);
}

TEST(Resolve, DurationMustBePositiveFiniteAndAtMostTenMillionMs) {
  for (const double t_end : {0.0, -1.0, nan, infinity, 2e7}) {
    RunSettings settings = with_model("izh2003");
    settings.t_end = t_end;
    EXPECT_THAT(error_of(settings),
                AllOf(HasSubstr(fmt::format("t_end = {}", t_end)), HasSubstr("allowed: 0 < t_end <= 10000000 ms")));
  }
  RunSettings longest = with_model("izh2003");
  longest.t_end = 1e7;
  EXPECT_EQ(resolve(longest).t_end, 1e7);
}

TEST(Resolve, StepMustBePositiveAndWithinTheDuration) {
  RunSettings settings = with_model("izh2003");
  settings.t_end = 1.0;
  settings.method_options["dt"] = 5.0;
  EXPECT_THAT(error_of(settings), HasSubstr("dt = 5 is larger than the duration t_end = 1; allowed: 0 < dt <= t_end"));
  for (const double dt : {0.0, -0.1, nan}) {
    settings.method_options["dt"] = dt;
    EXPECT_THAT(error_of(settings),
                AllOf(HasSubstr(fmt::format("dt = {} ms", dt)), HasSubstr("allowed: a finite dt > 0 ms")));
  }
  settings.method_options["dt"] = 1.0;  // one step over the whole span is allowed
  EXPECT_EQ(resolve(settings).method.dt, 1.0);
}

TEST(Resolve, TolerancesMustBeInZeroOne) {
  for (const double tolerance : {0.0, -1e-6, 1.5, nan}) {
    RunSettings rtol = with_model("izh2003");
    rtol.method_options["rtol"] = tolerance;
    EXPECT_THAT(error_of(rtol),
                AllOf(HasSubstr(fmt::format("rtol = {}", tolerance)), HasSubstr("allowed: 0 < rtol <= 1")));
    RunSettings atol = with_model("izh2003");
    atol.method_options["atol"] = tolerance;
    EXPECT_THAT(error_of(atol),
                AllOf(HasSubstr(fmt::format("atol = {}", tolerance)), HasSubstr("allowed: 0 < atol <= 1")));
  }
  RunSettings edge = with_model("izh2003");
  edge.method = "dopri5";
  edge.method_options["rtol"] = 1.0;
  edge.method_options["atol"] = 1e-12;
  EXPECT_NO_THROW(resolve(edge));
}

TEST(Resolve, SpikeHandlingNewtonPolicyAndSubstepsAreChecked) {
  RunSettings spikes = with_model("izh2003");
  spikes.method_options["spikes"] = "sometimes";
  EXPECT_THAT(error_of(spikes), AllOf(HasSubstr("spikes = 'sometimes'"), HasSubstr("grid, located")));
  RunSettings newton = with_model("izh2003");
  newton.method_options["newton_failure"] = "retry";
  EXPECT_THAT(error_of(newton), AllOf(HasSubstr("newton_failure = 'retry'"), HasSubstr("fail, halve-step")));
  RunSettings substeps = with_model("izh2003");
  substeps.method_options["v_substeps"] = 3;
  EXPECT_THAT(error_of(substeps), AllOf(HasSubstr("v_substeps = 3"), HasSubstr("allowed: an integer from 1 to 2")));

  RunSettings implicit = with_model("izh2003");
  implicit.method = "backward-euler";
  implicit.method_options["newton_failure"] = "halve-step";
  EXPECT_EQ(resolve(implicit).method.newton_failure, NewtonFailurePolicy::halve_step);

  RunSettings valid = with_model("izh2003");
  valid.method = "izhikevich-published";
  valid.method_options["spikes"] = "located";
  valid.method_options["v_substeps"] = 2;
  valid.method_options["u_from_new_v"] = false;
  valid.method_options["reset_in_same_step"] = false;
  const EffectiveRun run = resolve(valid);
  EXPECT_EQ(run.method.spikes, SpikeHandling::located);
  EXPECT_EQ(run.method.published.v_substeps, 2);
  EXPECT_FALSE(run.method.published.u_from_new_v);
  EXPECT_FALSE(run.method.published.reset_in_same_step);
}

TEST(Resolve, SeriesOrderIsForParkerSochackiWithinItsRange) {
  RunSettings series = with_model("izh2003");
  series.method = "parker-sochacki";
  EXPECT_EQ(resolve(series).method.series_order, 0);  // default: as many terms as the tolerances need
  series.method_options["series_order"] = 60;
  EXPECT_EQ(resolve(series).method.series_order, 60);
  for (const int order : {-1, 61}) {
    series.method_options["series_order"] = order;
    EXPECT_THAT(error_of(series), AllOf(HasSubstr(fmt::format("series_order = {}", order)), HasSubstr("0"),
                                        HasSubstr("to 60")));
  }
  RunSettings rk4 = with_model("izh2003");
  rk4.method_options["series_order"] = 8;
  EXPECT_THAT(error_of(rk4), AllOf(HasSubstr("series_order = 8 is read by parker-sochacki; method rk4 does not "
                                             "read it")));
  rk4.method_options["series_order"] = 0;
  EXPECT_NO_THROW(resolve(rk4));
}

TEST(Resolve, AnOptionTheMethodDoesNotReadIsRefusedUnlessAtItsDefault) {
  RunSettings settings = with_model("izh2003");
  settings.method = "rk4";
  settings.method_options["rtol"] = 1e-3;
  EXPECT_THAT(error_of(settings), HasSubstr("rtol = 0.001 is read by rosenbrock-euler, exprb32, dopri5"));
  settings.method_options["rtol"] = MethodOptions{}.rtol;
  EXPECT_NO_THROW(resolve(settings));
  settings.method_options.clear();
  settings.method_options["v_substeps"] = 2LL;
  EXPECT_THAT(error_of(settings), HasSubstr("v_substeps = 2 is read by izhikevich-published"));
  settings.method = "izhikevich-published";
  EXPECT_EQ(resolve(settings).method.published.v_substeps, 2);
}

TEST(Resolve, MaxRateMustBePositiveAndFinite) {
  RunSettings settings = with_model("izh2003");
  EXPECT_EQ(resolve(settings).method.max_rate_hz, MethodOptions{}.max_rate_hz);
  settings.method_options["max_rate_hz"] = 250.0;
  EXPECT_EQ(resolve(settings).method.max_rate_hz, 250.0);
  for (const double rate : {0.0, -5.0, nan, infinity}) {
    settings.method_options["max_rate_hz"] = rate;
    EXPECT_THAT(error_of(settings), AllOf(HasSubstr(fmt::format("max_rate_hz = {} Hz", rate)), HasSubstr("> 0")));
  }
}

TEST(Resolve, OutputStepIsForAdaptiveMethodsWithinTheDuration) {
  RunSettings settings = with_model("izh2003");
  settings.method = "dopri5";
  EXPECT_EQ(resolve(settings).output_step, 0.0);  // default: at the method's own steps
  settings.output_step = 0.1;
  EXPECT_EQ(resolve(settings).output_step, 0.1);
  settings.method = "cvode-bdf";
  EXPECT_EQ(resolve(settings).output_step, 0.1);
  for (const double step : {-0.1, nan, 500.0}) {
    settings.output_step = step;
    EXPECT_THAT(error_of(settings),
                AllOf(HasSubstr(fmt::format("output_step = {}", step)), HasSubstr("allowed: 0 < output_step <= 100")));
  }
  RunSettings fixed = with_model("izh2003");
  fixed.method = "rk4";
  fixed.output_step = 0.1;
  EXPECT_THAT(error_of(fixed), AllOf(HasSubstr("output_step = 0.1 ms"), HasSubstr("adaptive"), HasSubstr("dopri5"),
                                     HasSubstr("rk4"), HasSubstr("--record-every")));
  fixed.output_step = 0.0;  // "off" is allowed for every method
  EXPECT_EQ(resolve(fixed).output_step, 0.0);
}

TEST(Resolve, BadStimulusSpecIsAnInputError) {
  RunSettings settings = with_model("izh2003");
  settings.stimulus = "step:amp=14,begin=10";
  EXPECT_THAT(error_of(settings), HasSubstr("begin"));
}

TEST(Resolve, ExplicitNoStimulusOverridesThePresets) {
  RunSettings settings = with_preset("izh2004-A");
  settings.stimulus = "none";
  EXPECT_TRUE(resolve(settings).problem.stimulus.empty());
}

}  // namespace
}  // namespace neurodyn
