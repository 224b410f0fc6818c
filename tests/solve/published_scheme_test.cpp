// The published scheme against the published figure: the spike counts of the 20 panels of Izhikevich's
// 2004 figure 1 (docs/reference.md 1.2), and spike times against an independent transcription of the MATLAB loop.
#include <gtest/gtest.h>

#include "problems.hpp"

namespace neurodyn {
namespace {

class PublishedPanel : public ::testing::TestWithParam<char> {};

TEST_P(PublishedPanel, ReproducesThePublishedSpikeCount) {
  const std::string name = std::string("izh2004-") + GetParam();
  const Preset& preset = find_preset(name);
  ASSERT_TRUE(preset.published_dt_ms && preset.published_spike_count);
  const Problem problem = testing::problem_from_preset(name);
  const Solution solution =
      solve(problem, testing::method("izhikevich-published", *preset.published_dt_ms, SpikeHandling::grid));
  ASSERT_TRUE(solution.ok()) << solution.message;
  EXPECT_EQ(static_cast<int>(solution.spike_times.size()), *preset.published_spike_count) << name;
}

std::string panel_letter(const ::testing::TestParamInfo<char>& panel) { return std::string(1, panel.param); }

INSTANTIATE_TEST_SUITE_P(Figure2004, PublishedPanel, ::testing::Range('A', static_cast<char>('T' + 1)),
                         panel_letter);

// Panel A written out as the MATLAB code does it (docs/reference.md 1.1), independently of the library:
// spike times are the labels t_k of the steps that detected v > 30.
TEST(PublishedScheme, SpikeTimesAreTheLabelsOfTheDetectingSteps) {
  const double a = 0.02, b = 0.2, c = -65, d = 6, tau = 0.25;
  double v = -70, u = b * v;
  std::vector<double> expected;
  for (int k = 0; k <= 400; ++k) {
    const double t = k * tau;
    const double current = t > 10 ? 14 : 0;
    v = v + tau * (0.04 * v * v + 5 * v + 140 - u + current);
    u = u + tau * a * (b * v - u);
    if (v > 30) {
      expected.push_back(t);
      v = c;
      u = u + d;
    }
  }
  ASSERT_EQ(expected.size(), 5u);
  const Solution solution = solve(testing::problem_from_preset("izh2004-A"),
                                  testing::method("izhikevich-published", tau, SpikeHandling::grid));
  ASSERT_EQ(solution.spike_times.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_DOUBLE_EQ(solution.spike_times[i], expected[i]);
}

// The published-code switches change the numbers the way the codes they name do.
TEST(PublishedScheme, SwitchesSelectTheOtherPublishedCodes) {
  const Problem problem = testing::problem_from_preset("izh2004-A");
  MethodOptions options = testing::method("izhikevich-published", 0.25, SpikeHandling::grid);
  const Solution published = solve(problem, options);

  // u from the old v: plain forward Euler on both variables (NEST's default), transcribed independently.
  options.published.u_from_new_v = false;
  const Solution old_v = solve(problem, options);
  double v = -70, u = 0.2 * v;
  std::vector<double> expected;
  for (int k = 0; k <= 400; ++k) {
    const double t = k * 0.25, current = t > 10 ? 14 : 0;
    const double v_new = v + 0.25 * (0.04 * v * v + 5 * v + 140 - u + current);
    u = u + 0.25 * 0.02 * (0.2 * v - u);
    v = v_new;
    if (v > 30) {
      expected.push_back(t);
      v = -65;
      u += 6;
    }
  }
  ASSERT_EQ(old_v.spike_times.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_DOUBLE_EQ(old_v.spike_times[i], expected[i]);

  // The reset at the start of the next step labels each spike one step later than the same-step reset.
  options = testing::method("izhikevich-published", 0.25, SpikeHandling::grid);
  options.published.reset_in_same_step = false;
  const Solution next_step = solve(problem, options);
  ASSERT_EQ(next_step.spike_times.size(), published.spike_times.size());
  for (std::size_t i = 0; i < published.spike_times.size(); ++i) {
    EXPECT_DOUBLE_EQ(next_step.spike_times[i], published.spike_times[i] + 0.25);
  }
}

}  // namespace
}  // namespace neurodyn
