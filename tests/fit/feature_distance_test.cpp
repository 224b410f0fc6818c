// BluePyOpt's feature score as a fit uses it (fit/feature_distance.hpp), on rows made by hand.
#include <gtest/gtest.h>

#include "neurodyn/error.hpp"
#include "neurodyn/fit/feature_distance.hpp"

namespace {

using namespace neurodyn;

EpochFeatures row(std::vector<std::pair<std::string, EfelValue>> values) {
  EpochFeatures features;
  features.values = std::move(values);
  return features;
}

EfelValue one(double value) { return std::vector<double>{value}; }

TEST(FeatureDistance, SumsAbsoluteDifferencesOverSigma) {
  const std::vector<std::string> names{"spike_count", "mean_frequency"};
  const std::vector<double> sigma{1.0, 5.0};
  const std::vector<EpochFeatures> data{row({{"spike_count", one(10)}, {"mean_frequency", one(20)}})};
  const std::vector<EpochFeatures> model{row({{"spike_count", one(7)}, {"mean_frequency", one(30)}})};
  EXPECT_DOUBLE_EQ(feature_distance(data, model, names, sigma), 3.0 + 2.0);
}

TEST(FeatureDistance, UndefinedInTheDataIsNotScoredUndefinedInTheModelScoresTheMaximum) {
  const std::vector<std::string> names{"spike_count", "inv_first_ISI", "ISI_CV"};
  const std::vector<double> sigma{1.0, 5.0, 0.1};
  const std::vector<EpochFeatures> data{
      row({{"spike_count", one(1)}, {"inv_first_ISI", std::nullopt}, {"ISI_CV", one(0.2)}})};
  const std::vector<EpochFeatures> model{
      row({{"spike_count", one(1)}, {"inv_first_ISI", one(40)}, {"ISI_CV", std::nullopt}})};
  EXPECT_DOUBLE_EQ(feature_distance(data, model, names, sigma), max_feature_score);
  EXPECT_DOUBLE_EQ(worst_feature_distance(data, names), 2.0 * max_feature_score);
}

TEST(FeatureDistance, EachTermIsCappedAtTheMaximum) {
  const std::vector<std::string> names{"time_to_first_spike"};
  const std::vector<double> sigma{1.0};
  const std::vector<EpochFeatures> data{row({{"time_to_first_spike", one(10)}, {"spike_count", one(3)}})};
  const std::vector<EpochFeatures> model{row({{"time_to_first_spike", one(900)}, {"spike_count", one(3)}})};
  EXPECT_DOUBLE_EQ(feature_distance(data, model, names, sigma), max_feature_score);
}

TEST(FeatureDistance, SubthresholdFeaturesAreScoredOnlyWhereTheDataDoNotSpike) {
  const std::vector<std::string> names{"voltage_deflection"};
  const std::vector<double> sigma{1.0};
  const std::vector<EpochFeatures> data{row({{"voltage_deflection", one(-10)}, {"spike_count", one(0)}}),
                                        row({{"voltage_deflection", one(15)}, {"spike_count", one(4)}})};
  const std::vector<EpochFeatures> model{row({{"voltage_deflection", one(-12)}, {"spike_count", one(0)}}),
                                         row({{"voltage_deflection", one(40)}, {"spike_count", one(4)}})};
  EXPECT_DOUBLE_EQ(feature_distance(data, model, names, sigma), 2.0);
}

TEST(FeatureDistance, ShapeFeaturesAreRefusedForAModelWithAReset) {
  EXPECT_THROW(require_fit_feature("AP1_amp", true, "izh2007"), InputError);
  EXPECT_NO_THROW(require_fit_feature("AP1_amp", false, "hh"));
  EXPECT_THROW(require_fit_feature("peak_time", false, "hh"), InputError);  // one value per spike
  EXPECT_THROW(require_fit_feature("spike_rate", true, "izh2007"), InputError);  // unknown
  for (const std::string& name : default_fit_features()) EXPECT_NO_THROW(require_fit_feature(name, true, "izh2007"));
}

TEST(FeatureDistance, SpikeCountIsAlwaysComputed) {
  const std::vector<std::string> names{"ISI_CV"};
  EXPECT_EQ(computed_features(names), (std::vector<std::string>{"ISI_CV", "spike_count"}));
  const std::vector<std::string> with{"spike_count", "ISI_CV"};
  EXPECT_EQ(computed_features(with), with);
}

}  // namespace
