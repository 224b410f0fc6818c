// Ornstein-Uhlenbeck noise: its samples against an independent implementation (golden values), its
// statistics against the process's stationary law with tolerances from the sample size, determinism, and the
// interpolation between samples.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <ostream>
#include <vector>

#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {
namespace {

const std::vector<double>& samples_of(const Stimulus& input) {
  return std::get<OrnsteinUhlenbeck>(input.components().front()).samples;
}

double mean_of(const std::vector<double>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / double(x.size());
}

// Sample autocovariance at lag k (divided by n, as in Bartlett's formula).
double autocovariance(const std::vector<double>& x, double mean, std::size_t lag) {
  double sum = 0.0;
  for (std::size_t i = 0; i + lag < x.size(); ++i) sum += (x[i] - mean) * (x[i + lag] - mean);
  return sum / double(x.size());
}

TEST(OrnsteinUhlenbeck, SamplesMatchAnIndependentImplementation) {
  // Computed by a separate Python program: MT19937-64 transcribed from Matsumoto & Nishimura's reference
  // mt19937-64.c (checked against the standard's 10000th output 9981545732273789042), the polar method on
  // the top 53 bits, and the exact OU update. Equality to the last bit is what "same seed, same bytes" means.
  const Stimulus noise = parse_stimulus("noise:mean=-3,sigma=2.5,tau=4,seed=2024,sample_step=0.1", 0.5);
  const std::vector<double> expected{-3.0,
                                     -2.7324308018019297,
                                     -2.0392344750508227,
                                     -2.734677682674044,
                                     -3.2162000993612696,
                                     -2.8259710267465254};
  EXPECT_EQ(samples_of(noise), expected);
}

TEST(OrnsteinUhlenbeck, GridCoversTheSpanAndStartsAtTheMean) {
  const Stimulus noise = parse_stimulus("noise:mean=7,sigma=1,tau=2,seed=3,sample_step=0.25", 10.1);
  const auto& samples = samples_of(noise);
  // ceil(10.1 / 0.25) + 1 = 42 samples: t = 0, 0.25, ..., 10.25.
  EXPECT_EQ(samples.size(), 42u);
  EXPECT_EQ(samples.front(), 7.0);
}

TEST(OrnsteinUhlenbeck, LinearBetweenSamplesAndConstantOutside) {
  const Stimulus noise = parse_stimulus("noise:mean=0,sigma=1,tau=2,seed=11,sample_step=0.5", 5.0);
  const auto& s = samples_of(noise);
  ASSERT_EQ(s.size(), 11u);
  EXPECT_EQ(noise.at(1.5).current, s[3]);
  EXPECT_NEAR(noise.at(1.6).current, s[3] + 0.2 * (s[4] - s[3]), 1e-14);
  EXPECT_NEAR(noise.at(1.6).slope, (s[4] - s[3]) / 0.5, 1e-12);
  // One-sided slopes at a sample: the segments on either side.
  EXPECT_NEAR(noise.limit(1.5, Side::left).slope, (s[3] - s[2]) / 0.5, 1e-12);
  EXPECT_NEAR(noise.limit(1.5, Side::right).slope, (s[4] - s[3]) / 0.5, 1e-12);
  EXPECT_EQ(noise.limit(1.5, Side::left).current, noise.limit(1.5, Side::right).current);
  EXPECT_EQ(noise.at(-3.0).current, s.front());
  EXPECT_EQ(noise.at(-3.0).slope, 0.0);
  EXPECT_EQ(noise.at(5.0).current, s.back());
  EXPECT_EQ(noise.at(400.0).current, s.back());
  EXPECT_EQ(noise.at(400.0).slope, 0.0);
  EXPECT_EQ(noise.limit(0.0, Side::left).slope, 0.0);
  EXPECT_TRUE(noise.discontinuities(-10.0, 10.0).empty());
}

TEST(OrnsteinUhlenbeck, SameSeedSameSamplesOtherSeedOtherSamples) {
  const auto draw = [](const char* spec) { return samples_of(parse_stimulus(spec, 1000.0)); };
  const auto first = draw("noise:mean=1,sigma=2,tau=3,seed=99");
  EXPECT_EQ(first, draw("noise:mean=1,sigma=2,tau=3,seed=99"));
  const auto other = draw("noise:mean=1,sigma=2,tau=3,seed=100");
  ASSERT_EQ(other.size(), first.size());
  std::size_t equal = 0;
  for (std::size_t i = 1; i < first.size(); ++i) equal += first[i] == other[i] ? 1 : 0;
  EXPECT_EQ(equal, 0u);
}

// The stationary law of dI = (mean - I)/tau dt + sigma sqrt(2/tau) dW is N(mean, sigma^2) with
// autocorrelation exp(-|lag|/tau). Sampled every h it is an AR(1) series with coefficient a = exp(-h/tau),
// whose estimators have (Bartlett 1946; Priestley 1981, section 5.3) for n samples:
//   var(sample mean) = sigma^2 / n (1 + a) / (1 - a)
//   var(sample variance) = 2 sigma^4 / n (1 + a^2) / (1 - a^2)
//   var(r_k) = [(1 + a^2)(1 - a^{2k}) / (1 - a^2) - 2 k a^{2k}] / n
// Tolerances are 5 of these standard deviations: a false failure is rarer than 1 in a million per check,
// and an exact-scheme error (an Euler step's variance factor, for example) is far larger.
struct OuCase {
  double sigma;
  double tau;
  double h;
};

void PrintTo(const OuCase& c, std::ostream* out) {
  *out << "sigma " << c.sigma << ", tau " << c.tau << ", h " << c.h;
}

class OrnsteinUhlenbeckStatistics : public ::testing::TestWithParam<OuCase> {};

TEST_P(OrnsteinUhlenbeckStatistics, StationaryMeanStdAndAutocorrelationAtLagTau) {
  const auto [sigma, tau, h] = GetParam();
  const double mean = -12.5;
  const std::size_t n = 1'000'000;
  const Stimulus noise =
      parse_stimulus(fmt::format("noise:mean={},sigma={},tau={},seed=12345,sample_step={}", mean, sigma, tau, h),
                     h * double(n - 1));
  std::vector<double> x = samples_of(noise);
  ASSERT_EQ(x.size(), n);
  // Drop the first 20 tau (the start at the mean) so that the series is stationary.
  x.erase(x.begin(), x.begin() + static_cast<long>(std::ceil(20.0 * tau / h)));
  const double m = static_cast<double>(x.size());
  const double a = std::exp(-h / tau);

  const double sample_mean = mean_of(x);
  EXPECT_NEAR(sample_mean, mean, 5.0 * sigma * std::sqrt((1 + a) / (1 - a) / m));

  const double variance = autocovariance(x, sample_mean, 0);
  const double variance_sd = sigma * sigma * std::sqrt(2.0 * (1 + a * a) / (1 - a * a) / m);
  EXPECT_NEAR(variance, sigma * sigma, 5.0 * variance_sd);
  EXPECT_NEAR(std::sqrt(variance), sigma, 5.0 * variance_sd / (2.0 * sigma));

  const auto lag = static_cast<std::size_t>(std::lround(tau / h));
  const double k = double(lag);
  const double a2k = std::pow(a, 2.0 * k);
  const double r_sd = std::sqrt(((1 + a * a) * (1 - a2k) / (1 - a * a) - 2.0 * k * a2k) / m);
  EXPECT_NEAR(autocovariance(x, sample_mean, lag) / variance, std::exp(-1.0), 5.0 * r_sd);
}

INSTANTIATE_TEST_SUITE_P(Grids, OrnsteinUhlenbeckStatistics,
                         ::testing::Values(OuCase{2.0, 5.0, 0.5},    // fine grid, 10 samples per tau
                                           OuCase{3.0, 1.0, 1.0}));  // coarse: exact even at h = tau

}  // namespace
}  // namespace neurodyn
