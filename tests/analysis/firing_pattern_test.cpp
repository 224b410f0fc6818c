// The firing-pattern classifier on the panels of Izhikevich's 2004 figure 1 that carry its labels (under
// the published scheme that defines them), on the cells of the 2003 figure 2 (under the published scheme and
// a converged solution: the label must not depend on the numerics), and on synthetic trains for the labels no
// preset shows.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../solve/problems.hpp"
#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

enum class Semantics { published, converged };

FiringPatternClass classify_preset(const std::string& name, Semantics semantics) {
  const Problem problem = testing::problem_from_preset(name);
  const MethodOptions options =
      semantics == Semantics::published
          ? testing::method("izhikevich-published", *find_preset(name).published_dt_ms, SpikeHandling::grid)
          : testing::method("rk4", 0.01);
  const Solution solution = testing::solve_spikes_only(problem, options);
  EXPECT_TRUE(solution.ok()) << solution.message;
  return classify_firing_pattern(solution.spike_times, stimulus_window(problem.stimulus, 0.0, problem.t_end));
}

struct Expected {
  std::string preset;
  FiringPattern pattern;
};

class Figure2004 : public ::testing::TestWithParam<Expected> {};

TEST_P(Figure2004, PublishedPanelCarriesItsLabel) {
  const FiringPatternClass result = classify_preset(GetParam().preset, Semantics::published);
  EXPECT_EQ(to_string(result.pattern), to_string(GetParam().pattern)) << result.reason;
}

INSTANTIATE_TEST_SUITE_P(Panels, Figure2004,
                         ::testing::Values(Expected{"izh2004-A", FiringPattern::tonic_spiking},
                                           Expected{"izh2004-B", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-C", FiringPattern::tonic_bursting},
                                           Expected{"izh2004-D", FiringPattern::phasic_bursting},
                                           Expected{"izh2004-E", FiringPattern::mixed_mode},
                                           Expected{"izh2004-F", FiringPattern::spike_frequency_adaptation},
                                           Expected{"izh2004-G", FiringPattern::tonic_spiking},
                                           Expected{"izh2004-H", FiringPattern::tonic_spiking},
                                           Expected{"izh2004-I", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-J", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-K", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-L", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-M", FiringPattern::rebound_spike},
                                           Expected{"izh2004-N", FiringPattern::rebound_burst},
                                           Expected{"izh2004-O", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-P", FiringPattern::tonic_spiking},
                                           Expected{"izh2004-Q", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-R", FiringPattern::phasic_spiking},
                                           Expected{"izh2004-S", FiringPattern::tonic_spiking},
                                           Expected{"izh2004-T", FiringPattern::tonic_bursting}),
                         [](const ::testing::TestParamInfo<Expected>& test) { return test.param.preset.substr(8); });

// A spike after a brief pulse is the response to it, with its latency: panel I's single spike comes 16.6 ms
// after the onset of its 3 ms pulse.
TEST(FiringPattern, ASpikeAfterABriefPulseIsPhasicSpikingWithItsLatency) {
  const FiringPatternClass result = classify_preset("izh2004-I", Semantics::published);
  EXPECT_EQ(result.pattern, FiringPattern::phasic_spiking);
  EXPECT_NE(result.reason.find("latency 16.6 ms"), std::string::npos) << result.reason;
}

// The thalamo-cortical cell released from a held hyperpolarization fires a rebound burst.
TEST(FiringPattern, ReleaseFromHyperpolarizationGivesAReboundBurst) {
  const FiringPatternClass result = classify_preset("izh2003-TC-burst", Semantics::published);
  EXPECT_EQ(to_string(result.pattern), to_string(FiringPattern::rebound_burst)) << result.reason;
}

// The 2003 cells. RS fires an initial doublet and then settles within two ISIs at its steady rate (ISIs 5.3,
// 29.0, 32.4, 32.4 ms converged): an onset transient like panel 1A's, so tonic spiking; LTS slows down over
// five ISIs (2.9 to 13.4 ms) before settling: spike-frequency adaptation. IB fires a burst of three spikes and
// then single spikes after a pause: mixed mode. CH: repeated bursts. FS: tonic, settling within two ISIs.
class Figure2003 : public ::testing::TestWithParam<Expected> {};

TEST_P(Figure2003, CellIsNamedTheSameUnderBothSemantics) {
  for (const Semantics semantics : {Semantics::published, Semantics::converged}) {
    const FiringPatternClass result = classify_preset(GetParam().preset, semantics);
    EXPECT_EQ(to_string(result.pattern), to_string(GetParam().pattern))
        << (semantics == Semantics::published ? "published: " : "converged: ") << result.reason;
  }
}

INSTANTIATE_TEST_SUITE_P(Cells, Figure2003,
                         ::testing::Values(Expected{"izh2003-RS", FiringPattern::tonic_spiking},
                                           Expected{"izh2003-IB", FiringPattern::mixed_mode},
                                           Expected{"izh2003-CH", FiringPattern::tonic_bursting},
                                           Expected{"izh2003-FS", FiringPattern::tonic_spiking},
                                           Expected{"izh2003-LTS", FiringPattern::spike_frequency_adaptation}),
                         [](const ::testing::TestParamInfo<Expected>& test) { return test.param.preset.substr(8); });

TEST(FiringPattern, SilentWithoutSpikesInTheWindow) {
  const std::vector<double> spikes{5.0};  // before the stimulus
  EXPECT_EQ(classify_firing_pattern(spikes, {10.0, 100.0}).pattern, FiringPattern::silent);
}

TEST(FiringPattern, ReboundNeedsAHyperpolarizingInputAndSpikesAfterIt) {
  const std::vector<double> one{30.0}, three{30.0, 32.0, 34.0}, during{22.0, 30.0};
  const SpikeTrainWindow inhibition{20.0, 100.0, -1, 25.0}, excitation{20.0, 100.0, 1, 25.0};
  EXPECT_EQ(classify_firing_pattern(one, inhibition).pattern, FiringPattern::rebound_spike);
  EXPECT_EQ(classify_firing_pattern(three, inhibition).pattern, FiringPattern::rebound_burst);
  EXPECT_NE(classify_firing_pattern(during, inhibition).pattern, FiringPattern::rebound_burst);  // not silent during
  // After an excitatory pulse the same spikes are its delayed response: a burst, then silence.
  EXPECT_EQ(classify_firing_pattern(three, excitation).pattern, FiringPattern::phasic_bursting);
  EXPECT_EQ(classify_firing_pattern(std::vector<double>{}, inhibition).pattern, FiringPattern::silent);
}

TEST(FiringPattern, IrregularWhenIntervalsRiseAndFallRepeatedly) {
  std::vector<double> spikes{10.0};
  for (const double isi : {12.0, 7.0, 15.0, 6.0, 13.0, 8.0, 14.0}) spikes.push_back(spikes.back() + isi);
  const FiringPatternClass result = classify_firing_pattern(spikes, {0.0, 100.0});
  EXPECT_EQ(result.pattern, FiringPattern::irregular) << result.reason;
}

TEST(FiringPattern, JitterOfARegularCellIsNotIrregular) {
  // The ISIs of the eFEL recording (tests/data/recordings): a pause and then +-10% noise around 72 ms. They
  // turn often but by 9% on the median step, not the tens of percent of a chaotic train.
  std::vector<double> spikes{741.0};
  for (const double isi : {83.1, 159.8, 61.2, 73.3, 61.4, 64.5, 74.7, 61.8, 75.0, 68.9, 73.6, 67.4, 69.1,
                           73.4, 73.1,  79.5, 80.0, 75.2, 74.2, 75.0, 69.7, 82.3, 71.2, 64.3, 84.6}) {
    spikes.push_back(spikes.back() + isi);
  }
  const FiringPatternClass result = classify_firing_pattern(spikes, {700.0, 2700.0});
  EXPECT_EQ(result.pattern, FiringPattern::tonic_spiking) << result.reason;
  EXPECT_EQ(classify_firing_pattern(spikes, {700.0, 2700.0}, {.irregular_change = 0.05}).pattern,
            FiringPattern::irregular);
}

TEST(FiringPattern, EvenlySpacedSpikesAreTonic) {
  std::vector<double> spikes;
  for (int k = 1; k <= 10; ++k) spikes.push_back(10.0 * k);
  EXPECT_EQ(classify_firing_pattern(spikes, {0.0, 105.0}).pattern, FiringPattern::tonic_spiking);
}

TEST(FiringPattern, AdaptationNeedsSeveralSlowingIntervals) {
  // The ISIs lengthen over four intervals, then settle: adapting; with the rule asking for five, tonic.
  std::vector<double> spikes{10.0};
  for (const double isi : {5.0, 8.0, 12.0, 16.0, 20.0, 20.0, 20.0}) spikes.push_back(spikes.back() + isi);
  EXPECT_EQ(classify_firing_pattern(spikes, {0.0, 120.0}).pattern, FiringPattern::spike_frequency_adaptation);
  EXPECT_EQ(classify_firing_pattern(spikes, {0.0, 120.0}, {.min_adaptation_isis = 5}).pattern,
            FiringPattern::tonic_spiking);
}

TEST(FiringPattern, NamesAreIzhikevichsVocabulary) {
  EXPECT_EQ(to_string(FiringPattern::tonic_bursting), "tonic bursting");
  EXPECT_EQ(to_string(FiringPattern::spike_frequency_adaptation), "spike-frequency adaptation");
  EXPECT_EQ(to_string(FiringPattern::rebound_burst), "rebound burst");
}

TEST(FiringPattern, RejectsInvalidRules) {
  const std::vector<double> spikes{1.0, 2.0};
  EXPECT_THROW(classify_firing_pattern(spikes, {0.0, 10.0}, {.settle_tolerance = 1.0}), InputError);
  EXPECT_THROW(classify_firing_pattern(spikes, {0.0, 10.0}, {.min_adaptation_isis = 0}), InputError);
  EXPECT_THROW(classify_firing_pattern(spikes, {0.0, 10.0}, {.irregular_change = 0.0}), InputError);
  EXPECT_THROW(classify_firing_pattern(spikes, {10.0, 0.0}), InputError);
}

}  // namespace
}  // namespace neurodyn
