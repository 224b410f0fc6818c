// The 2004 figure under its published scheme and under an accurate solution, against what is known
// independently: the published spike counts of docs/reference.md 1.2, the grid of the published scheme, the
// panels docs/reference.md 1.2 names as changing (bistability P, DAP Q, runaway bursting T), and converged counts
// and first spikes confirmed by a second method (RK4 with located crossings at a small step).
#include "neurodyn/analysis/published_versus_converged.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include <cmath>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

const std::vector<PanelComparison>& panels() {
  static const std::vector<PanelComparison> compared = compare_published_and_converged();
  return compared;
}

const PanelComparison& panel(const std::string& id) {
  for (const auto& compared : panels()) {
    if (compared.panel == id) return compared;
  }
  throw std::logic_error("no panel " + id);
}

TEST(PublishedVersusConverged, PublishedCountsAreThoseOfTheFigure) {
  // docs/reference.md 1.2, column "count", panels A to T.
  const std::vector<std::size_t> published_counts{5, 1, 28, 6, 6, 6, 10, 14, 1, 1, 1, 1, 1, 7, 1, 5, 1, 1, 3, 12};
  ASSERT_EQ(panels().size(), 20u);
  for (std::size_t i = 0; i < panels().size(); ++i) {
    const auto& compared = panels()[i];
    EXPECT_EQ(compared.panel, std::string(1, static_cast<char>('A' + i)));
    EXPECT_EQ(compared.published.spike_count(), published_counts[i]) << compared.panel;
    EXPECT_TRUE(compared.published.solution.ok()) << compared.panel << ": " << compared.published.solution.message;
  }
  EXPECT_EQ(panel("A").feature, "tonic spiking");
  EXPECT_EQ(panel("T").feature, "inhibition-induced bursting");
}

TEST(PublishedVersusConverged, PublishedSpikesAreStepLabels) {
  // docs/reference.md 1.1: a spike time is the label t_k = k tau of the step in which v > 30 was detected.
  for (const auto& compared : panels()) {
    const double tau = compared.published.method.dt;
    EXPECT_EQ(tau, *compared.preset->published_dt_ms);
    for (const double t : compared.published.solution.spike_times) {
      EXPECT_NEAR(t / tau, std::round(t / tau), 1e-9) << compared.panel << " spike at " << t;
    }
  }
}

TEST(PublishedVersusConverged, RunawayBurstOfPanelTIsReportedAndKeptUpToItsEnd) {
  const auto& t = panel("T");
  EXPECT_EQ(t.converged.solution.status, SolveStatus::runaway_burst);
  EXPECT_TRUE(t.differs);
  ASSERT_GE(t.converged.solution.sample_count(), 2u);
  const double stopped_at = t.converged.solution.times.back();
  EXPECT_LT(stopped_at, t.problem.t_end);
  EXPECT_GT(stopped_at, 50.0);  // the burst starts once the input drops at 50 ms
  EXPECT_GT(t.converged.spike_count(), 10u);
}

TEST(PublishedVersusConverged, DiffersMarksEveryChangedPanelIncludingThoseReferenceNames) {
  // Measured: eight panels change their spike count (C, D, E, H, N, P, Q, S), T runs away, and the first spike
  // of I (spike latency) and of M (rebound spike) comes about 10 ms earlier, with the same count and class.
  const std::set<std::string> changed{"C", "D", "E", "H", "I", "M", "N", "P", "Q", "S", "T"};
  for (const auto& compared : panels()) {
    EXPECT_EQ(compared.differs, changed.contains(compared.panel)) << compared.panel << ": " << compared.difference;
    EXPECT_EQ(compared.differs, !compared.difference.empty()) << compared.panel;
  }
  EXPECT_THAT(panel("I").difference, ::testing::MatchesRegex("first spike 10(\\.[0-9])? ms earlier"));
  EXPECT_THAT(panel("Q").difference, ::testing::HasSubstr("tonic spiking instead of phasic spiking"));
  // docs/reference.md 1.2: bistability (P), the depolarizing after-potential (Q) and inhibition-induced bursting
  // (T) change under an accurate solution.
  for (const std::string id : {"P", "Q", "T"}) EXPECT_TRUE(panel(id).differs) << id;
  // Tonic spiking is robust: the same five spikes.
  EXPECT_FALSE(panel("A").differs);
}

TEST(PublishedVersusConverged, ConvergedRunsAgreeWithASecondMethod) {
  for (const auto& compared : panels()) {
    if (!compared.converged.solution.ok()) continue;
    MethodOptions rk4;
    rk4.name = "rk4";
    rk4.dt = 0.001;
    RecordOptions spikes_only;
    spikes_only.mode = RecordOptions::Mode::spikes_only;
    const Solution check = solve(compared.problem, rk4, spikes_only);
    ASSERT_TRUE(check.ok()) << compared.panel;
    EXPECT_EQ(compared.converged.spike_count(), check.spike_times.size()) << compared.panel;
    if (!check.spike_times.empty()) {
      EXPECT_NEAR(*compared.converged.first_spike_ms(), check.spike_times.front(), 1e-4) << compared.panel;
    }
  }
}

TEST(PublishedVersusConverged, SemanticsNamesAndMethods) {
  EXPECT_EQ(parse_semantics("published"), Semantics::published);
  EXPECT_EQ(parse_semantics("converged"), Semantics::converged);
  EXPECT_THROW(parse_semantics("exact"), InputError);
  const Preset& q = find_preset("izh2004-Q");
  EXPECT_EQ(semantics_method(Semantics::published, q).dt, 0.1);  // docs/reference.md 1.2: tau = 0.1 for Q
  EXPECT_EQ(semantics_method(Semantics::published, q).spikes, SpikeHandling::grid);
  EXPECT_EQ(semantics_method(Semantics::converged, q).name, "dopri5");
  EXPECT_THROW(semantics_method(Semantics::published, find_preset("adex-tonic")), InputError);
}

}  // namespace
}  // namespace neurodyn
