// The coincidence factor Gamma on trains whose values are computed by hand, against a brute-force maximum
// matching, and on independent Poisson trains.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "neurodyn/analysis/coincidence_factor.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

constexpr double kTolerance = 1e-12;

// Gamma written out from Kistler et al. 1997 for the counts given.
double gamma_by_hand(double coincidences, double n_data, double n_model, double duration, double delta) {
  const double chance = 2.0 * (n_data / duration) * delta;
  return (coincidences - chance * n_data) / (0.5 * (n_data + n_model)) / (1.0 - chance);
}

// first, first + period, ... (count spikes), shifted by `shift`.
std::vector<double> periodic(double first, double period, int count, double shift = 0.0) {
  std::vector<double> spikes;
  for (int k = 0; k < count; ++k) spikes.push_back(first + period * k + shift);
  return spikes;
}

// A homogeneous Poisson train of `rate` spikes per ms over [0, duration].
std::vector<double> poisson_train(std::mt19937_64& generator, double rate, double duration) {
  std::exponential_distribution<double> interval(rate);
  std::vector<double> spikes;
  for (double t = interval(generator); t <= duration; t += interval(generator)) spikes.push_back(t);
  return spikes;
}

// The most disjoint (data, model) pairs at most delta apart, by trying every pairing.
std::size_t brute_force_matching(const std::vector<double>& data, const std::vector<double>& model, double delta,
                                 std::size_t i, std::vector<bool>& used) {
  if (i == data.size()) return 0;
  std::size_t best = brute_force_matching(data, model, delta, i + 1, used);  // d_i unpaired
  for (std::size_t j = 0; j < model.size(); ++j) {
    if (used[j] || std::abs(data[i] - model[j]) > delta) continue;
    used[j] = true;
    best = std::max(best, 1 + brute_force_matching(data, model, delta, i + 1, used));
    used[j] = false;
  }
  return best;
}

// Each data spike in time order takes the nearest free model spike within delta (not always a maximum).
std::size_t nearest_first_matching(const std::vector<double>& data, const std::vector<double>& model, double delta) {
  std::vector<bool> used(model.size(), false);
  std::size_t count = 0;
  for (const double d : data) {
    std::size_t best = model.size();
    for (std::size_t j = 0; j < model.size(); ++j) {
      if (!used[j] && std::abs(d - model[j]) <= delta &&
          (best == model.size() || std::abs(d - model[j]) < std::abs(d - model[best]))) {
        best = j;
      }
    }
    if (best < model.size()) {
      used[best] = true;
      ++count;
    }
  }
  return count;
}

// The message of the InputError that `call` throws (fails the test if it throws none).
template <typename Call>
std::string input_error_message(Call call) {
  try {
    call();
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

TEST(CoincidenceFactor, IdenticalTrainsGiveOne) {
  const std::vector<double> spikes{10, 35, 80, 120, 400, 401.5, 403, 990};  // also spikes closer than delta
  const CoincidenceFactor c = coincidence_factor(spikes, spikes, 1000.0);
  EXPECT_EQ(c.coincidences, 8u);
  EXPECT_EQ(c.data_spikes, 8u);
  EXPECT_EQ(c.model_spikes, 8u);
  EXPECT_NEAR(c.expected_coincidences, 2.0 * (8.0 / 1000.0) * 4.0 * 8.0, kTolerance);
  EXPECT_NEAR(c.gamma, 1.0, kTolerance);
  EXPECT_EQ(c.rate_penalty, 0.0);
  EXPECT_NEAR(c.error, 0.0, kTolerance);
}

TEST(CoincidenceFactor, SameCountWithoutCoincidenceGivesMinusTheChanceTerm) {
  // 10 spikes in 1000 ms: nu = 0.01 / ms, 2 nu Delta = 0.08. The model fires 50 ms after each data spike.
  const std::vector<double> data = periodic(50, 100, 10);
  const std::vector<double> model = periodic(50, 100, 10, 50.0);
  const CoincidenceFactor c = coincidence_factor(data, model, 1000.0);
  EXPECT_EQ(c.coincidences, 0u);
  EXPECT_NEAR(c.expected_coincidences, 0.8, kTolerance);
  EXPECT_NEAR(c.gamma, -0.08 / 0.92, kTolerance);
  EXPECT_NEAR(c.error, 1.0 + 0.08 / 0.92, kTolerance);
}

TEST(CoincidenceFactor, ShiftedPeriodicTrain) {
  // 40 spikes every 25 ms in 1000 ms: nu = 0.04 / ms, 2 nu Delta = 0.32. The model is the same lattice moved by
  // `shift` and wrapped around the recording, so it keeps 40 spikes in [0, 1000] and its nearest spike to each
  // data spike is min(|shift|, 25 - |shift|) away. The times are exact in binary.
  const std::vector<double> data = periodic(12.5, 25, 40);
  const auto shifted = [](double shift) { return periodic(std::fmod(12.5 + shift + 25.0, 25.0), 25, 40); };
  const double none = -0.32 / 0.68;
  for (const double shift : {4.5, 10.0, 20.5, -4.5, -10.0, -20.5}) {  // |shift| in (Delta, ISI - Delta)
    const CoincidenceFactor c = coincidence_factor(data, shifted(shift), 1000.0);
    EXPECT_EQ(c.coincidences, 0u) << shift;
    EXPECT_NEAR(c.gamma, none, kTolerance) << shift;
  }
  for (const double shift : {0.5, 3.0, 4.0, -3.0, -4.0, 21.0}) {  // nearest spike within Delta (inclusive)
    const CoincidenceFactor c = coincidence_factor(data, shifted(shift), 1000.0);
    EXPECT_EQ(c.coincidences, 40u) << shift;
    EXPECT_NEAR(c.gamma, 1.0, kTolerance) << shift;
  }
}

TEST(CoincidenceFactor, IndependentPoissonTrainsAverageToTheChanceLevel) {
  // Two independent 20 Hz trains over 100 s, 200 times. A window of +-Delta around a data spike holds
  // Poisson(x) model spikes, x = 2 nu Delta, and counts once: x - x^2 / 2 on average to second order. Two data
  // spikes g < 2 Delta apart (probability density nu) whose only model spike lies in the overlap of their
  // windows (probability nu (2 Delta - g)) count once more: x^2 / 2 per data spike. So the mean of Gamma is
  // -x^2 / (1 - x) to leading order: -4.1e-4 at Delta = 0.5 ms, well inside 4 standard errors of 0.
  const double rate = 0.02, duration = 100'000.0, delta = 0.5;
  const int repetitions = 200;
  std::mt19937_64 generator(20240607);
  std::vector<double> gammas;
  for (int r = 0; r < repetitions; ++r) {
    const std::vector<double> data = poisson_train(generator, rate, duration);
    const std::vector<double> model = poisson_train(generator, rate, duration);
    gammas.push_back(coincidence_factor(data, model, duration, {.delta_ms = delta}).gamma);
  }
  double mean = 0.0, sum_of_squares = 0.0;
  for (const double g : gammas) mean += g / repetitions;
  for (const double g : gammas) sum_of_squares += (g - mean) * (g - mean);
  const double standard_error = std::sqrt(sum_of_squares / (repetitions - 1)) / std::sqrt(repetitions);
  // One Gamma has a standard deviation of about sqrt(x / N_data) / (1 - x) = 3e-3 (N_coinc nearly Poisson),
  // so the mean of 200 has a standard error of about 2e-4.
  EXPECT_LT(standard_error, 4e-4);
  const double x = 2.0 * rate * delta;
  EXPECT_NEAR(mean, 0.0, 4.0 * standard_error + x * x / (1.0 - x));
  EXPECT_NEAR(mean, -x * x / (1.0 - x), 4.0 * standard_error);
}

TEST(CoincidenceFactor, IndependentPoissonTrainsFallBelowZeroAtLargerDelta) {
  // As above with Delta = 4 ms: x = 0.16, leading-order mean -x^2 / (1 - x) = -0.030; the neglected terms are
  // of relative order x.
  const double rate = 0.02, duration = 100'000.0, delta = 4.0;
  const int repetitions = 200;
  std::mt19937_64 generator(7);
  double sum = 0.0, sum_of_squares = 0.0;
  for (int r = 0; r < repetitions; ++r) {
    const std::vector<double> data = poisson_train(generator, rate, duration);
    const std::vector<double> model = poisson_train(generator, rate, duration);
    const double g = coincidence_factor(data, model, duration, {.delta_ms = delta}).gamma;
    sum += g;
    sum_of_squares += g * g;
  }
  const double mean = sum / repetitions;
  const double standard_error = std::sqrt((sum_of_squares - repetitions * mean * mean) / (repetitions - 1)) /
                                std::sqrt(repetitions);
  const double x = 2.0 * rate * delta, leading = -x * x / (1.0 - x);
  EXPECT_LT(mean, -4.0 * standard_error);
  EXPECT_NEAR(mean, leading, x * std::abs(leading) + 4.0 * standard_error);
}

TEST(CoincidenceFactor, EachModelSpikeIsPairedAtMostOnce) {
  // Two data spikes within Delta of one model spike: one coincidence, not two.
  const std::vector<double> data{10.0, 13.0};
  const std::vector<double> model{11.5};
  const CoincidenceFactor c = coincidence_factor(data, model, 100.0);
  EXPECT_EQ(c.coincidences, 1u);
  EXPECT_NEAR(c.gamma, gamma_by_hand(1, 2, 1, 100.0, 4.0), kTolerance);
  // And the other way round: one data spike, two model spikes within Delta.
  EXPECT_EQ(coincidence_factor(model, data, 100.0).coincidences, 1u);
}

TEST(CoincidenceFactor, CountsAMaximumMatchingWhereNearestFirstDoesNot) {
  // Delta = 1: the data spike at 10 is nearer 10.5 than 9.1; taking 10.5 would leave 11.5 without a partner.
  // The most pairs: (10, 9.1) and (11.5, 10.5).
  const std::vector<double> data{10.0, 11.5};
  const std::vector<double> model{9.1, 10.5};
  EXPECT_EQ(nearest_first_matching(data, model, 1.0), 1u);
  const CoincidenceFactor c = coincidence_factor(data, model, 100.0, {.delta_ms = 1.0});
  EXPECT_EQ(c.coincidences, 2u);
  EXPECT_NEAR(c.gamma, gamma_by_hand(2, 2, 2, 100.0, 1.0), kTolerance);
}

TEST(CoincidenceFactor, CoincidencesAreAMaximumMatchingOnSmallRandomTrains) {
  std::mt19937_64 generator(42);
  std::uniform_real_distribution<double> time(0.0, 60.0);
  std::uniform_int_distribution<int> count(0, 7);
  const double duration = 60.0, delta = 3.0;  // at most 7 spikes: 2 nu Delta <= 0.7
  int nearest_first_falls_short = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<double> data(count(generator)), model(count(generator));
    for (double& t : data) t = time(generator);
    for (double& t : model) t = time(generator);
    std::sort(data.begin(), data.end());
    std::sort(model.begin(), model.end());
    data.erase(std::unique(data.begin(), data.end()), data.end());
    model.erase(std::unique(model.begin(), model.end()), model.end());
    std::vector<bool> used(model.size(), false);
    const std::size_t most = brute_force_matching(data, model, delta, 0, used);
    if (nearest_first_matching(data, model, delta) < most) ++nearest_first_falls_short;
    const CoincidenceFactor c = coincidence_factor(data, model, duration, {.delta_ms = delta});
    ASSERT_EQ(c.coincidences, most) << "trial " << trial;
    if (!data.empty()) {
      EXPECT_NEAR(c.gamma,
                  gamma_by_hand(static_cast<double>(most), static_cast<double>(data.size()),
                                static_cast<double>(model.size()), duration, delta),
                  kTolerance);
    }
    EXPECT_LE(c.gamma, 1.0 + kTolerance);
  }
  EXPECT_GT(nearest_first_falls_short, 0);  // the trains are dense enough for the rule to matter
}

TEST(CoincidenceFactor, RateCorrectionByHand) {
  // Data: 10 spikes in 1000 ms (nu_data = 0.01 / ms); model: the same 10 plus 5 far from any data spike
  // (nu_model = 0.015 / ms). Gamma = (10 - 0.8) / (0.5 * 25) / 0.92 = 0.8; the penalty
  // 2 |0.01 - 0.015| / 0.01 = 1; the error 1 + 1 - 0.8 = 1.2.
  const std::vector<double> data = periodic(50, 100, 10);
  std::vector<double> model = data;
  for (const double extra : {20.0, 220.0, 420.0, 620.0, 820.0}) model.push_back(extra);
  std::sort(model.begin(), model.end());
  const CoincidenceFactor plain = coincidence_factor(data, model, 1000.0);
  EXPECT_EQ(plain.coincidences, 10u);
  EXPECT_NEAR(plain.gamma, 0.8, kTolerance);
  EXPECT_EQ(plain.rate_penalty, 0.0);
  EXPECT_NEAR(plain.error, 0.2, kTolerance);
  const CoincidenceFactor corrected = coincidence_factor(data, model, 1000.0, {.rate_correction = true});
  EXPECT_NEAR(corrected.gamma, 0.8, kTolerance);
  EXPECT_NEAR(corrected.rate_penalty, 1.0, kTolerance);
  EXPECT_NEAR(corrected.error, 1.2, kTolerance);
  // Too few model spikes: 5 of the 10, nu_model = 0.005 / ms, the same penalty 1.
  // Gamma = (5 - 0.8) / (0.5 * 15) / 0.92.
  const std::vector<double> half{50, 250, 450, 650, 850};
  const CoincidenceFactor fewer = coincidence_factor(data, half, 1000.0, {.rate_correction = true});
  EXPECT_NEAR(fewer.rate_penalty, 1.0, kTolerance);
  EXPECT_NEAR(fewer.gamma, 4.2 / 7.5 / 0.92, kTolerance);
  EXPECT_NEAR(fewer.error, 2.0 - 4.2 / 7.5 / 0.92, kTolerance);
}

TEST(CoincidenceFactor, EmptyTrains) {
  const std::vector<double> none;
  const std::vector<double> some{100, 300, 500};
  const CoincidenceFactor both = coincidence_factor(none, none, 1000.0, {.rate_correction = true});
  EXPECT_EQ(both.gamma, 1.0);
  EXPECT_EQ(both.rate_penalty, 0.0);
  EXPECT_EQ(both.error, 0.0);
  EXPECT_EQ(both.expected_coincidences, 0.0);

  const CoincidenceFactor no_data = coincidence_factor(none, some, 1000.0);
  EXPECT_EQ(no_data.gamma, 0.0);
  EXPECT_EQ(no_data.error, 1.0);
  const CoincidenceFactor no_data_corrected = coincidence_factor(none, some, 1000.0, {.rate_correction = true});
  EXPECT_EQ(no_data_corrected.gamma, 0.0);
  EXPECT_EQ(no_data_corrected.rate_penalty, std::numeric_limits<double>::infinity());
  EXPECT_EQ(no_data_corrected.error, std::numeric_limits<double>::infinity());

  // nu = 0.003 / ms, 2 nu Delta = 0.024: Gamma = -0.024 * 3 / 1.5 / 0.976; the penalty 2 |0.003 - 0| / 0.003.
  const CoincidenceFactor no_model = coincidence_factor(some, none, 1000.0, {.rate_correction = true});
  EXPECT_NEAR(no_model.gamma, -0.048 / 0.976, kTolerance);
  EXPECT_NEAR(no_model.rate_penalty, 2.0, kTolerance);
}

TEST(CoincidenceFactor, SpikesAtTheEndsOfTheRecordingAreAllowed) {
  const std::vector<double> spikes{0.0, 500.0, 1000.0};
  EXPECT_NEAR(coincidence_factor(spikes, spikes, 1000.0).gamma, 1.0, kTolerance);
}

TEST(CoincidenceFactor, BadInputNamesTheFieldAndValue) {
  using testing::HasSubstr;
  const std::vector<double> good{10, 20, 30};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, good, 100.0, {.delta_ms = 0.0}); }),
              HasSubstr("delta_ms = 0 is not allowed; allowed: finite and > 0"));
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, good, 100.0, {.delta_ms = -1.0}); }),
              HasSubstr("delta_ms = -1"));
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, good, 100.0, {.delta_ms = nan}); }),
              HasSubstr("delta_ms = nan"));
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, good, 0.0); }),
              HasSubstr("duration_ms = 0 is not allowed"));
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, good, inf); }), HasSubstr("duration_ms = inf"));

  const std::vector<double> unsorted{10, 30, 20};
  EXPECT_THAT(input_error_message([&] { coincidence_factor(unsorted, good, 100.0); }),
              HasSubstr("data_ms[2] = 20 ms does not follow data_ms[1] = 30 ms; allowed: strictly increasing"));
  const std::vector<double> repeated{10, 20, 20};
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, repeated, 100.0); }),
              HasSubstr("model_ms[2] = 20 ms does not follow"));
  const std::vector<double> not_finite{10, nan};
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, not_finite, 100.0); }),
              HasSubstr("model_ms[1] = nan ms is not allowed; allowed: finite"));
  const std::vector<double> negative{-1, 10};
  EXPECT_THAT(input_error_message([&] { coincidence_factor(negative, good, 100.0); }),
              HasSubstr("data_ms[0] = -1 ms is outside the recording; allowed: [0, duration_ms = 100] ms"));
  const std::vector<double> late{10, 120};
  EXPECT_THAT(input_error_message([&] { coincidence_factor(good, late, 100.0); }),
              HasSubstr("model_ms[1] = 120 ms is outside the recording"));

  // 125 data spikes in 1000 ms with Delta = 4 ms: 2 nu Delta = 1 exactly; 124 spikes give 0.992 and a Gamma.
  const std::vector<double> dense = periodic(4, 8, 125);
  EXPECT_THAT(input_error_message([&] { coincidence_factor(dense, good, 1000.0); }),
              HasSubstr("2 * nu * delta_ms = 2 * (125 data spikes / duration_ms = 1000) * delta_ms = 4 = 1 leaves "
                        "the coincidence factor undefined; allowed: < 1"));
  const std::vector<double> fewer(dense.begin(), dense.end() - 1);
  EXPECT_NEAR(coincidence_factor(fewer, fewer, 1000.0).gamma, 1.0, 1e-9);
}

}  // namespace
}  // namespace neurodyn
