// `neurodyn patterns`: the 20 panels of the 2004 figure under both semantics. The published spike counts are
// docs/reference.md 1.2's; panel T's converged run is a runaway burst; `differs` marks the panels whose converged
// run ends otherwise, counts otherwise, is of another class or fires its first spike much earlier or later, on
// stdout as in the CSV file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

struct PatternRow {
  std::string panel;
  int published_spikes;
  int converged_spikes;
  std::string converged_status;
  std::string differs;
  std::string difference;
};

std::vector<PatternRow> read_patterns(const std::filesystem::path& path) {
  std::vector<PatternRow> rows;
  std::istringstream lines(read_text(path));
  std::string line;
  while (std::getline(lines, line) && line.starts_with('#')) {
  }
  EXPECT_EQ(line,
            "panel,feature,published_spikes,published_first_spike_ms,published_class,converged_spikes,"
            "converged_first_spike_ms,converged_class,converged_status,differs,difference");
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    if (cells.size() == 10) cells.emplace_back();  // an empty difference
    EXPECT_EQ(cells.size(), 11u) << line;
    if (cells.size() != 11) continue;
    rows.push_back({cells[0], std::stoi(cells[2]), std::stoi(cells[5]), cells[8], cells[9], cells[10]});
  }
  return rows;
}

TEST_F(CliTest, PatternsTableHasThePublishedCountsAndMarksWhatTheConvergedSolutionChanges) {
  const auto result = run({"patterns", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  const auto rows = read_patterns(out() / "patterns.csv");
  ASSERT_EQ(rows.size(), 20u);

  // docs/reference.md 1.2, column "count", panels A to T.
  const std::vector<int> published{5, 1, 28, 6, 6, 6, 10, 14, 1, 1, 1, 1, 1, 7, 1, 5, 1, 1, 3, 12};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    EXPECT_EQ(row.panel, std::string(1, static_cast<char>('A' + i)));
    EXPECT_EQ(row.published_spikes, published[i]) << row.panel;
    const bool changed = row.converged_status != "ok" || row.converged_spikes != row.published_spikes ||
                         row.panel == "I" || row.panel == "M";  // same count, first spike 10 ms earlier
    EXPECT_EQ(row.differs, changed ? "true" : "false") << row.panel << ": " << row.difference;
    // stdout marks the same panels.
    const auto table_line = result.out.find("\n" + row.panel + "  ");
    ASSERT_NE(table_line, std::string::npos) << row.panel;
    const std::string line = result.out.substr(table_line + 1, result.out.find('\n', table_line + 1) - table_line - 1);
    EXPECT_EQ(line.ends_with("* " + row.difference), changed) << line;
  }
  EXPECT_EQ(rows[19].converged_status, "runaway-burst");  // panel T (docs/reference.md 1.2)
  // Bistability (P) and the depolarizing after-potential (Q) change under an accurate solution
  // (docs/reference.md 1.2).
  EXPECT_EQ(rows[15].differs, "true");
  EXPECT_EQ(rows[16].differs, "true");
  EXPECT_THAT(result.out, HasSubstr("panels differ under the converged semantics: "));
  EXPECT_THAT(result.err, HasSubstr("izh2004-T: converged: runaway-burst"));

  EXPECT_TRUE(read_text(out() / "patterns.png").starts_with("\x89PNG"));
  EXPECT_THAT(read_text(out() / "patterns.svg"),
              AllOf(HasSubstr("published: izhikevich-published"), HasSubstr("T: inhibition-induced bursting *")));
}

TEST_F(CliTest, PatternsUnderTheConvergedSemanticsDrawsTheRunawayBurstLabelled) {
  const auto result = run({"patterns", "--semantics", "converged", "--out", "out"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(read_text(out() / "patterns.svg"), AllOf(HasSubstr("converged: dopri5"), HasSubstr("[runaway-burst] *")));
  EXPECT_THAT(result.out, HasSubstr("(converged semantics)"));
}

TEST_F(CliTest, PatternsRejectsAnUnknownSemanticsAndWritesNothing) {
  const auto result = run({"patterns", "--semantics", "exact", "--out", "out"});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, AllOf(HasSubstr("semantics"), HasSubstr("exact"), HasSubstr("published, converged")));
  EXPECT_THAT(files_in(out()), ::testing::IsEmpty());
}

}  // namespace
}  // namespace neurodyn::cli_test
