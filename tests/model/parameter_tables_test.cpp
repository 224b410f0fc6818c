// Every model's parameter table against its struct: a default-constructed model holds the table's defaults,
// every member is in the table exactly once, and the ranges hold the defaults.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <variant>

#include "neurodyn/model/catalog.hpp"

namespace {

using namespace neurodyn;

template <class M>
class ParameterTable : public ::testing::Test {};

using Models = ::testing::Types<Izhikevich2003, Izhikevich2007, FitzHughNagumo, FitzHughNagumoLienard,
                                LeakyIntegrateAndFire, AdEx, HodgkinHuxley, HodgkinHuxleyReduced,
                                ScaledFitzHughNagumo>;
static_assert(std::variant_size_v<AnyModel> == 9, "a model was added to AnyModel: add it to Models here");
TYPED_TEST_SUITE(ParameterTable, Models);

TYPED_TEST(ParameterTable, MemberDefaultsEqualTableDefaults) {
  const TypeParam model{};
  for (const auto& field : TypeParam::parameters) {
    EXPECT_EQ(model.*(field.member), field.info.default_value) << field.info.name;
  }
}

TYPED_TEST(ParameterTable, DefaultsLieInsideNonEmptyRanges) {
  for (const auto& field : TypeParam::parameters) {
    EXPECT_LT(field.info.min, field.info.max) << field.info.name;
    EXPECT_GE(field.info.default_value, field.info.min) << field.info.name;
    EXPECT_LE(field.info.default_value, field.info.max) << field.info.name;
    EXPECT_FALSE(field.info.meaning.empty()) << field.info.name;
  }
}

// The structs hold nothing but their parameters (doubles), so a table whose rows name distinct members and
// whose length times sizeof(double) is the struct's size covers every member once.
TYPED_TEST(ParameterTable, CoversEveryMemberOnceUnderDistinctNames) {
  std::set<std::string> names;
  std::set<const double*> members;
  const TypeParam model{};
  for (const auto& field : TypeParam::parameters) {
    EXPECT_TRUE(names.insert(std::string(field.info.name)).second) << "duplicate name " << field.info.name;
    EXPECT_TRUE(members.insert(&(model.*(field.member))).second) << "duplicate member " << field.info.name;
  }
  EXPECT_EQ(sizeof(TypeParam), TypeParam::parameters.size() * sizeof(double));
}

// A fitting range names a parameter of the table once and lies inside the table's range, narrower on one side
// at least, around the default.
TYPED_TEST(ParameterTable, FittingRangesLieInsideTheTable) {
  EXPECT_FALSE(TypeParam::fitting_ranges.empty());
  std::set<std::string> names;
  for (const FittingRange& range : TypeParam::fitting_ranges) {
    EXPECT_TRUE(names.insert(std::string(range.name)).second) << "duplicate fitting range " << range.name;
    const auto row = std::find_if(TypeParam::parameters.begin(), TypeParam::parameters.end(),
                                  [&](const auto& field) { return field.info.name == range.name; });
    ASSERT_NE(row, TypeParam::parameters.end()) << range.name << " is not a parameter";
    EXPECT_LT(range.min, range.max) << range.name;
    EXPECT_GE(range.min, row->info.min) << range.name;
    EXPECT_LE(range.max, row->info.max) << range.name;
    EXPECT_TRUE(range.min > row->info.min || range.max < row->info.max) << range.name << " spans the whole table";
    EXPECT_GE(row->info.default_value, range.min) << range.name;
    EXPECT_LE(row->info.default_value, range.max) << range.name;
  }
}

TYPED_TEST(ParameterTable, StateVariablesMatchTheDimension) {
  EXPECT_EQ(static_cast<int>(TypeParam::state_variables.size()), TypeParam::dimension);
  EXPECT_EQ(TypeParam::state_variables[0].name, "v");
}

TYPED_TEST(ParameterTable, DefaultInitialStateIsFiniteAndBelowTheCutoff) {
  const TypeParam model{};
  const auto x = model.default_initial_state();
  EXPECT_TRUE(x.allFinite());
  EXPECT_LT(model.guard(x), 0.0);
  EXPECT_TRUE(model.error_scale().minCoeff() > 0.0);
}

}  // namespace
