// Which plane each model is drawn in: its own for two variables, hh-reduced with the full model's membrane
// for Hodgkin-Huxley, none for the one-variable leaky integrate-and-fire model.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "neurodyn/analysis/planar_reduction.hpp"

namespace neurodyn {
namespace {

TEST(PlanarReduction, TwoVariableModelsAreTheirOwnPlane) {
  const auto reduction = planar_reduction(make_model("izh2007", {{"k", 1.5}}));
  ASSERT_TRUE(reduction);
  EXPECT_FALSE(reduction->is_reduction());
  EXPECT_EQ(parameter_values(reduction->plane).at("k"), 1.5);
  const std::vector<double> state{-60.0, 3.0};
  EXPECT_EQ(reduction->projected(state), state);
}

TEST(PlanarReduction, HodgkinHuxleyIsDrawnInTheVNPlaneOfItsReductionWithItsOwnMembrane) {
  const auto reduction = planar_reduction(make_model("hh", {{"g_K", 30.0}, {"E_L", -60.0}}));
  ASSERT_TRUE(reduction);
  EXPECT_TRUE(reduction->is_reduction());
  EXPECT_EQ(model_name(reduction->plane), "hh-reduced");
  const ParameterValues values = parameter_values(reduction->plane);
  EXPECT_EQ(values.at("g_K"), 30.0);
  EXPECT_EQ(values.at("E_L"), -60.0);
  EXPECT_EQ(values.at("h_intercept"), 0.8);
  EXPECT_THAT(reduction->description, ::testing::HasSubstr("h = 0.8 - n"));
  const std::vector<double> full_state{-64.0, 0.05, 0.6, 0.32};
  EXPECT_EQ(reduction->projected(full_state), (std::vector<double>{-64.0, 0.32}));
}

TEST(PlanarReduction, OneVariableModelHasNone) { EXPECT_FALSE(planar_reduction(make_model("lif", {}))); }

}  // namespace
}  // namespace neurodyn
