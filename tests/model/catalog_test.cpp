// The run-time catalog: lookup by name, construction from user values, and the messages of every error a user
// can trigger (they must name the field, the value and what is allowed).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"

namespace {

using namespace neurodyn;
using ::testing::AllOf;
using ::testing::HasSubstr;

// The message of the InputError that `action` throws ("" and a test failure when it throws none).
template <class Action>
std::string input_error_message(Action&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no InputError thrown";
  return "";
}

TEST(ModelCatalog, ListsEveryModelOnceInVariantOrder) {
  const auto& catalog = model_catalog();
  ASSERT_EQ(catalog.size(), std::variant_size_v<AnyModel>);
  const std::vector<std::string_view> expected{"izh2003", "izh2007", "fhn",        "fhn-lienard", "lif",
                                               "adex",    "hh",      "hh-reduced", "fhn-scaled"};
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    EXPECT_EQ(catalog[i].name, expected[i]);
    EXPECT_EQ(model_name(make_model(catalog[i].name)), expected[i]);
    EXPECT_FALSE(catalog[i].citation.empty());
  }
  EXPECT_EQ(model_info("hh").state_variables.size(), 4u);
  EXPECT_EQ(model_info("izh2007").parameters.size(), Izhikevich2007::parameters.size());
  EXPECT_FALSE(model_info("fhn").has_reset);
  EXPECT_EQ(model_info("fhn").current_unit, "dimensionless");
}

TEST(ModelCatalog, UnknownModelNamesTheModelAndListsTheKnownOnes) {
  const std::string message = input_error_message([] { model_info("izh2005"); });
  EXPECT_THAT(message, AllOf(HasSubstr("model = 'izh2005'"), HasSubstr("izh2003"), HasSubstr("fhn-lienard"),
                             HasSubstr("hh")));
  EXPECT_EQ(input_error_message([] { make_model("izh2005"); }), message);
}

TEST(ModelCatalog, MakeModelAppliesValuesOverDefaults) {
  const AnyModel model = make_model("izh2003", {{"a", 0.1}, {"d", 2.0}});
  const auto& izhikevich = std::get<Izhikevich2003>(model);
  EXPECT_EQ(izhikevich.a, 0.1);
  EXPECT_EQ(izhikevich.d, 2.0);
  EXPECT_EQ(izhikevich.b, 0.2);
  EXPECT_EQ(izhikevich.c, -65.0);
  const ParameterValues values = parameter_values(model);
  EXPECT_EQ(values.size(), Izhikevich2003::parameters.size());
  EXPECT_EQ(values.at("a"), 0.1);
  EXPECT_EQ(values.at("vpeak"), 30.0);
}

// Every parameter of every model can be set to either end of its range and reads back under its own name.
TEST(ModelCatalog, RangeEndsAreAcceptedAndReadBackByName) {
  for (const ModelInfo& info : model_catalog()) {
    for (const bool at_max : {false, true}) {
      ParameterValues values;
      for (const ParameterInfo& parameter : info.parameters) {
        values[std::string(parameter.name)] = at_max ? parameter.max : parameter.min;
      }
      EXPECT_EQ(parameter_values(make_model(info.name, values)), values) << info.name;
    }
  }
}

TEST(ModelCatalog, UnknownParameterNamesItAndListsTheModelsParameters) {
  const std::string message = input_error_message([] { make_model("adex", {{"tau_m", 10.0}}); });
  EXPECT_THAT(message, AllOf(HasSubstr("'tau_m'"), HasSubstr("adex"),
                             HasSubstr("C, g_L, E_L, V_T, DeltaT, a, tau_w, b, V_r, V_peak")));
}

TEST(ModelCatalog, OutOfRangeValueNamesFieldValueAndRange) {
  EXPECT_EQ(input_error_message([] { make_model("izh2003", {{"a", 5.0}}); }),
            "izh2003.a = 5 is out of range; allowed: [-1, 2]");
  EXPECT_THAT(input_error_message([] { make_model("hh", {{"g_Na", -1.0}}); }),
              AllOf(HasSubstr("hh.g_Na = -1"), HasSubstr("[0, 500]")));
  EXPECT_THAT(input_error_message([] { make_model("lif", {{"C", std::numeric_limits<double>::infinity()}}); }),
              AllOf(HasSubstr("lif.C = inf"), HasSubstr("out of range")));
}

TEST(ModelCatalog, NanValueIsRejectedByName) {
  EXPECT_THAT(input_error_message([] { make_model("izh2007", {{"k", std::nan("")}}); }),
              AllOf(HasSubstr("izh2007.k = nan"), HasSubstr("not a number"), HasSubstr("[0.01, 10]")));
}

TEST(InitialState, DefaultsAreEachModelsPublishedStart) {
  EXPECT_EQ(initial_state(make_model("izh2003"), std::nullopt, std::nullopt), (std::vector<double>{-65.0, -13.0}));
  // The 2003/2004 code starts at u = b v0.
  EXPECT_EQ(initial_state(make_model("izh2003", {{"b", 0.25}}), -64.0, std::nullopt),
            (std::vector<double>{-64.0, -16.0}));
  EXPECT_EQ(initial_state(make_model("izh2007"), std::nullopt, std::nullopt), (std::vector<double>{-60.0, 0.0}));
  EXPECT_EQ(initial_state(make_model("izh2007"), std::nullopt, 12.0), (std::vector<double>{-60.0, 12.0}));
  EXPECT_EQ(initial_state(make_model("adex", {{"E_L", -58.0}}), std::nullopt, std::nullopt),
            (std::vector<double>{-58.0, 0.0}));
  EXPECT_EQ(initial_state(make_model("lif"), -60.0, std::nullopt), (std::vector<double>{-60.0}));
}

TEST(InitialState, LienardConvertsTheFirstOrderW) {
  // u0 is w0 of the first-order form: v' = v0 - v0^3/3 - w0 with I(0) = 0.
  const std::vector<double> x = initial_state(make_model("fhn-lienard"), 1.5, 0.25);
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0], 1.5);
  EXPECT_DOUBLE_EQ(x[1], 1.5 - 1.125 - 0.25);
}

TEST(InitialState, NonFiniteValuesAreRejectedByName) {
  EXPECT_EQ(input_error_message([] { initial_state(make_model("izh2003"), std::nan(""), std::nullopt); }),
            "v0 = nan is not allowed; allowed: a finite value");
  EXPECT_EQ(input_error_message(
                [] { initial_state(make_model("adex"), -70.0, -std::numeric_limits<double>::infinity()); }),
            "u0 = -inf is not allowed; allowed: a finite value");
}

TEST(InitialState, ModelsWithoutARecoveryVariableRejectU0) {
  EXPECT_THAT(input_error_message([] { initial_state(make_model("hh"), -65.0, 0.5); }),
              AllOf(HasSubstr("u0 = 0.5"), HasSubstr("hh has no recovery variable u"),
                    HasSubstr("its gates start at their steady state at v0")));
  EXPECT_THAT(input_error_message([] { initial_state(make_model("lif"), std::nullopt, 1.0); }),
              AllOf(HasSubstr("u0 = 1"), HasSubstr("lif has no recovery variable u")));
}

}  // namespace
