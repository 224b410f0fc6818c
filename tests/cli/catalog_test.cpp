// `neurodyn models`, `models NAME`, `presets [MODEL]`, `methods`: every model and method is listed, and the
// presets of docs/reference.md with their published parameter values.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Whether a line of `text` starts with `fields`, separated by spaces, and goes on after them (a table row).
bool has_row_starting(const std::string& text, const std::vector<std::string>& fields) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> found;
    for (std::string word; found.size() <= fields.size() && words >> word;) found.push_back(word);
    if (found.size() > fields.size() && std::equal(fields.begin(), fields.end(), found.begin())) return true;
  }
  return false;
}

TEST_F(CliTest, ModelsListsEveryModel) {
  const auto result = run({"models"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const std::string model : {"izh2003", "izh2007", "fhn", "lif", "adex", "hh"}) {
    EXPECT_TRUE(has_row_starting(result.out, {model})) << model;
  }
}

TEST_F(CliTest, ModelNameShowsItsParameterTable) {
  const auto result = run({"models", "izh2003"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  // Izhikevich 2003: the paper's defaults a = 0.02, b = 0.2, c = -65 mV, d = 8, cutoff 30 mV.
  EXPECT_TRUE(has_row_starting(result.out, {"a", "1/ms", "0.02"}));
  EXPECT_TRUE(has_row_starting(result.out, {"c", "mV", "-65"}));
  EXPECT_TRUE(has_row_starting(result.out, {"vpeak", "mV", "30"}));
  EXPECT_THAT(result.out, HasSubstr("Izhikevich"));
}

TEST_F(CliTest, PresetsOfOneModel) {
  const auto result = run({"presets", "izh2007"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("izh2007-RS"));
  EXPECT_THAT(result.out, Not(HasSubstr("izh2004-A")));
}

TEST_F(CliTest, PresetsOfOneFamily) {
  const auto result = run({"presets", "izh2004"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (char panel = 'A'; panel <= 'T'; ++panel) {
    EXPECT_TRUE(has_row_starting(result.out, {std::string("izh2004-") + panel})) << panel;
  }
  EXPECT_THAT(result.out, Not(HasSubstr("izh2003-RS")));  // the 2003 model's own cells are another family
}

TEST_F(CliTest, PresetsListsAllTwentyPanelsOfThe2004Figure) {
  const auto result = run({"presets"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (char panel = 'A'; panel <= 'T'; ++panel) {
    EXPECT_TRUE(has_row_starting(result.out, {std::string("izh2004-") + panel})) << panel;
  }
}

TEST_F(CliTest, MethodsListsTheMethodsWithTheirOrder) {
  const auto result = run({"methods"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_TRUE(has_row_starting(result.out, {"euler", "1"}));
  EXPECT_TRUE(has_row_starting(result.out, {"rk4", "4"}));
  EXPECT_TRUE(has_row_starting(result.out, {"backward-euler", "1"}));
  EXPECT_THAT(result.out, HasSubstr("izhikevich-published"));
}

}  // namespace
}  // namespace neurodyn::cli_test
