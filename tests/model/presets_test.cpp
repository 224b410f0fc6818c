// The preset catalog: every preset names an existing model, stays inside the model's parameter ranges, starts
// below the spike cutoff and has a positive span; the published ones have a whole number of published steps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace {

using namespace neurodyn;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Presets, NamesAreUnique) {
  std::set<std::string> names;
  for (const Preset& preset : preset_catalog()) EXPECT_TRUE(names.insert(preset.name).second) << preset.name;
}

TEST(Presets, EachIsCompleteWithAPositiveSpan) {
  for (const Preset& preset : preset_catalog()) {
    SCOPED_TRACE(preset.name);
    EXPECT_FALSE(preset.description.empty());
    EXPECT_FALSE(preset.source.empty());
    EXPECT_FALSE(preset.stimulus.empty());
    EXPECT_GT(preset.t_end_ms, 0.0);
    EXPECT_TRUE(std::isfinite(preset.t_end_ms));
  }
}

TEST(Presets, ParametersAreKnownAndInsideTheModelsRanges) {
  for (const Preset& preset : preset_catalog()) {
    SCOPED_TRACE(preset.name);
    const ModelInfo& info = model_info(preset.model);
    for (const auto& [name, value] : preset.parameters) {
      const auto row = std::ranges::find(info.parameters, name, &ParameterInfo::name);
      ASSERT_NE(row, info.parameters.end()) << name;
      EXPECT_GE(value, row->min) << name;
      EXPECT_LE(value, row->max) << name;
    }
    EXPECT_NO_THROW(make_model(preset.model, preset.parameters));
  }
}

TEST(Presets, InitialStateIsFiniteAndBelowTheCutoff) {
  for (const Preset& preset : preset_catalog()) {
    SCOPED_TRACE(preset.name);
    const AnyModel model = make_model(preset.model, preset.parameters);
    const std::vector<double> x = initial_state(model, preset.v0, preset.u0);
    for (double value : x) EXPECT_TRUE(std::isfinite(value));
    const double guard = std::visit(
        [&](const auto& m) {
          typename std::decay_t<decltype(m)>::State state;
          for (int i = 0; i < state.size(); ++i) state[i] = x[static_cast<std::size_t>(i)];
          return m.guard(state);
        },
        model);
    EXPECT_LT(guard, 0.0);
  }
}

TEST(Presets, PublishedStepsDivideTheSpan) {
  int published = 0;
  for (const Preset& preset : preset_catalog()) {
    if (!preset.published_dt_ms) continue;
    SCOPED_TRACE(preset.name);
    ++published;
    const double steps = preset.t_end_ms / *preset.published_dt_ms;
    EXPECT_NEAR(steps, std::round(steps), 1e-9);
  }
  EXPECT_EQ(published, 28);  // the 20 panels of 2004 and the 8 cells of 2003
}

TEST(Presets, The2004FigureHasTwentyPanelsWithPublishedCounts) {
  for (char panel = 'A'; panel <= 'T'; ++panel) {
    const Preset& preset = find_preset(std::string("izh2004-") + panel);
    EXPECT_EQ(preset.model, "izh2003");
    EXPECT_TRUE(preset.published_spike_count.has_value()) << panel;
    EXPECT_TRUE(preset.v0.has_value()) << panel;
  }
}

// Panel L's pulses start at T1 = 100/11 exactly as the published code computes it: the spec must carry all
// 17 significant digits so that the parsed value is the same double.
TEST(Presets, IntegratorPanelCarriesFullPrecisionPulseTimes) {
  const std::string& spec = find_preset("izh2004-L").stimulus;
  EXPECT_THAT(spec, HasSubstr("start=9.0909090909090917,"));
  EXPECT_EQ(std::stod("9.0909090909090917"), 100.0 / 11.0);
}

// Panel R starts at u = -16, not b v0 = -65, and uses u' = a b (v + 65).
TEST(Presets, AccommodationPanelHasItsOwnStart) {
  const Preset& preset = find_preset("izh2004-R");
  const AnyModel model = make_model(preset.model, preset.parameters);
  EXPECT_EQ(initial_state(model, preset.v0, preset.u0), (std::vector<double>{-65.0, -16.0}));
}

TEST(Presets, FindPresetSuggestsCloseNames) {
  try {
    find_preset("izh2004-a");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr("preset = 'izh2004-a'"), HasSubstr("did you mean"),
                                    HasSubstr("izh2004-A"), Not(HasSubstr("hh-squid"))));
  }
}

TEST(Presets, FindPresetListsAllNamesWhenNoneIsClose) {
  try {
    find_preset("squid axon");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr("preset = 'squid axon'"), HasSubstr("known presets"),
                                    HasSubstr("hh-squid"), HasSubstr("izh2004-T"), HasSubstr("adex-irregular")));
  }
}

}  // namespace
