// `neurodyn compare` end to end on a short ladder: the CSV files, the verdict and both figures hold every
// method of the ladder; the reference reproduces docs/reference.md 2.1's spike times; bad input and a failing
// reference write nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The first 400 ms of docs/reference.md 2.1's problem (two spikes, at 200.022 and 347.810 ms).
const std::vector<std::string> small_ladder{
    "compare",         "--preset",         "izh2007-RS", "--t-end",       "400",
    "--methods",       "euler,rk4,dopri5", "--steps",    "0.1,0.05,0.02", "--tolerances",
    "1e-6,1e-8,1e-10", "--repeats",        "1",          "--out",         "out"};

TEST_F(CliTest, CompareWritesEveryRunOfTheLadderTheVerdictAndBothFigures) {
  const auto result = run(small_ladder);
  ASSERT_EQ(result.exit_status, 0) << result.err;

  const auto rows = csv_rows(read_text(out() / "compare.csv"));
  ASSERT_EQ(rows.size(), 1u + 3 * 3);
  std::map<std::string, std::set<std::string>> settings;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows.front().size()) << i;
    settings[rows[i][0]].insert(rows[i][2]);
    EXPECT_EQ(rows[i][3], "ok");
    EXPECT_EQ(rows[i][4], "2");  // docs/reference.md 2.1: two spikes before 400 ms
    EXPECT_EQ(rows[i][5], "true");
  }
  EXPECT_EQ(settings["euler"], (std::set<std::string>{"0.1", "0.05", "0.02"}));
  EXPECT_EQ(settings["rk4"], (std::set<std::string>{"0.1", "0.05", "0.02"}));
  EXPECT_EQ(settings["dopri5"], (std::set<std::string>{"1e-06", "1e-08", "1e-10"}));

  const std::string csv = read_text(out() / "compare.csv");
  EXPECT_THAT(csv, AllOf(HasSubstr("# reference: cvode-adams"), HasSubstr("# cross-check: parker-sochacki"),
                         HasSubstr("preset = \"izh2007-RS\""), HasSubstr("t_end = 400.0")));
  // The reference's spike times (docs/reference.md 2.1, to the three decimals given there).
  EXPECT_THAT(csv, AllOf(HasSubstr(" 200.022"), HasSubstr(" 347.80")));

  const auto summary = csv_rows(read_text(out() / "summary.csv"));
  ASSERT_EQ(summary.size(), 4u);
  EXPECT_EQ(summary[1][0], "euler");
  EXPECT_EQ(summary[1][3], "0.1");  // every step of the ladder gets both spikes

  const std::string verdict = read_text(out() / "verdict.txt");
  EXPECT_THAT(verdict, AllOf(HasSubstr("agree within"), HasSubstr("euler: largest reliable step 0.1 ms"),
                             HasSubstr("rk4: largest reliable step")));
  EXPECT_THAT(result.out, HasSubstr(verdict));
  for (const std::string method : {"euler", "rk4", "dopri5"}) {
    EXPECT_THAT(result.err, HasSubstr("compare: " + method + ": 3 runs"));
  }

  for (const std::string figure : {"work_precision", "convergence"}) {
    EXPECT_TRUE(read_text(out() / (figure + ".png")).starts_with("\x89PNG")) << figure;
  }
  const std::string work_precision = read_text(out() / "work_precision.svg");
  for (const std::string method : {"euler (steps)", "rk4 (steps)", "dopri5 (tolerances)"}) {
    EXPECT_THAT(work_precision, HasSubstr(method));
  }
  const std::string convergence = read_text(out() / "convergence.svg");
  EXPECT_THAT(convergence, AllOf(HasSubstr("euler (order 1.0"), HasSubstr("rk4 (order")));
  EXPECT_THAT(files_in(out()), ::testing::Not(::testing::Contains(HasSubstr(".tmp"))));
}

TEST_F(CliTest, CompareTakesTheProblemFromAConfigFile) {
  // The problem written in compare.csv's header is a config file: the same comparison from it finds the
  // same reference spike times.
  ASSERT_EQ(run(small_ladder).exit_status, 0);
  std::string config;
  std::istringstream lines(read_text(out() / "compare.csv"));
  bool in_problem = false;
  for (std::string line; std::getline(lines, line) && line.starts_with('#');) {
    if (in_problem) config += line.substr(std::min<std::size_t>(2, line.size())) + "\n";
    in_problem = in_problem || line.find("problem (remove the leading") != std::string::npos;
  }
  write_text(directory() / "problem.toml", config);
  const auto again = run({"compare", "--config", "problem.toml", "--methods", "rk4", "--steps", "0.05", "--repeats",
                          "1", "--out", "again"});
  ASSERT_EQ(again.exit_status, 0) << again.err;
  const auto reference_line = [](const std::string& csv) { return csv.substr(csv.find("# reference:"), 80); };
  EXPECT_EQ(reference_line(read_text(directory() / "again" / "compare.csv")),
            reference_line(read_text(out() / "compare.csv")));
}

struct BadCompareInput {
  std::string name;
  std::vector<std::string> arguments;
  std::vector<std::string> message_parts;
};

std::ostream& operator<<(std::ostream& out, const BadCompareInput& input) { return out << input.name; }

class CompareInputErrors : public CliTest, public ::testing::WithParamInterface<BadCompareInput> {};

TEST_P(CompareInputErrors, ExitTwoNameTheFieldAndValueAndWriteNothing) {
  std::vector<std::string> arguments{"compare", "--t-end", "300"};
  arguments.insert(arguments.end(), GetParam().arguments.begin(), GetParam().arguments.end());
  arguments.insert(arguments.end(), {"--out", "out"});
  const auto result = run(arguments);
  EXPECT_EQ(result.exit_status, 2) << result.err;
  for (const auto& part : GetParam().message_parts) EXPECT_THAT(result.err, HasSubstr(part));
  EXPECT_THAT(files_in(out()), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    Cli, CompareInputErrors,
    ::testing::Values(BadCompareInput{"UnknownMethod", {"--methods", "rk4,rk7"}, {"--methods", "rk7", "rk4"}},
                      BadCompareInput{"EmptyMethodList", {"--methods", ""}, {"--methods is empty"}},
                      BadCompareInput{"EmptyMethodInList", {"--methods", "rk4,,euler"}, {"--methods", "empty item"}},
                      BadCompareInput{"NonNumericStep", {"--steps", "0.1,fine"}, {"--steps", "'fine'"}},
                      BadCompareInput{"NegativeStep", {"--steps", "-0.1"}, {"--steps", "'-0.1'"}},
                      BadCompareInput{"StepOffTheReferenceGrid", {"--steps", "0.0005"}, {"step = 0.0005"}},
                      BadCompareInput{"NonNumericTolerance", {"--tolerances", "tight"}, {"--tolerances", "'tight'"}},
                      BadCompareInput{"ToleranceOutOfRange", {"--tolerances", "0.5"}, {"tolerance", "0.5"}},
                      BadCompareInput{"ZeroRepeats", {"--repeats", "0"}, {"repeats = 0"}},
                      BadCompareInput{"UnknownPreset", {"--preset", "izh2004-Z"}, {"izh2004-Z"}},
                      BadCompareInput{"BadParameter", {"--param", "d=lots"}, {"--param", "lots"}}),
    [](const auto& param_info) { return param_info.param.name; });

TEST_F(CliTest, CompareWithAFailingReferenceEndsWithItsStatusAndWritesNothing) {
  // docs/reference.md 1.2: under an accurate solver panel T's burst accelerates without bound.
  const auto result = run({"compare", "--preset", "izh2004-T", "--methods", "rk4", "--out", "out"});
  EXPECT_EQ(result.exit_status, 3) << result.err;
  EXPECT_THAT(result.err, AllOf(HasSubstr("error: runaway-burst: "), HasSubstr("the reference (cvode-adams")));
  EXPECT_THAT(files_in(out()), IsEmpty());
}

}  // namespace
}  // namespace neurodyn::cli_test
