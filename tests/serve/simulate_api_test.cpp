// POST /api/simulate's handler against independent truth: the exact spike times of the leaky
// integrate-and-fire neuron, the published spike counts of the 2004 figure (docs/reference.md 1.2), and the closed
// forms of the Izhikevich 2003 nullclines and fixed points.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "neurodyn/serve/simulate_api.hpp"

namespace neurodyn {
namespace {

using nlohmann::json;
using ::testing::DoubleNear;
using ::testing::HasSubstr;

// LIF (Gerstner et al. 2014, ch. 1) from rest E_L under a step I from t0: v(t) = E_L + R I (1 - exp(-(t - t0)/tau)),
// so the threshold is reached after tau ln(R I / (R I - (v_th - E_L))), and after each reset (v_reset = E_L)
// the same time plus the refractory period later.
struct LifTruth {
  double C = 250.0, g_L = 25.0, E_L = -70.0, v_th = -50.0, t_ref = 2.0;  // pF, nS, mV, mV, ms
  double current = 600.0, onset = 10.0;                                // pA, ms
  double tau() const { return C / g_L; }
  double time_to_threshold() const {
    const double drive = current / g_L;  // R I, mV
    return tau() * std::log(drive / (drive - (v_th - E_L)));
  }
  double spike(int k) const { return onset + time_to_threshold() + k * (time_to_threshold() + t_ref); }
};

json lif_request(const std::string& method, double dt) {
  return {{"model", "lif"},
          {"params", {{"C", 250}, {"g_L", 25}, {"E_L", -70}, {"v_threshold", -50}, {"v_reset", -70}, {"t_ref", 2}}},
          {"stimulus", "step:amp=600,start=10"},
          {"t_end", 200},
          {"method", method},
          {"dt", dt}};
}

TEST(SimulateApi, LifSpikeTimesAndIntervalsMatchTheClosedForm) {
  const LifTruth truth;
  const json answer = simulate(lif_request("rk4", 0.01));
  ASSERT_EQ(answer["status"], "ok");
  const auto& spikes = answer["spikes"];
  // Spikes at 10 + 17.92 + 19.92 k ms up to 200 ms: 9 of them.
  ASSERT_EQ(spikes.size(), 9u);
  for (std::size_t k = 0; k < spikes.size(); ++k) {
    EXPECT_THAT(spikes[k].get<double>(), DoubleNear(truth.spike(static_cast<int>(k)), 1e-6)) << "spike " << k;
  }
  const auto& statistics = answer["statistics"];
  EXPECT_EQ(statistics["spike_count"], 9);
  EXPECT_THAT(statistics["mean_isi_ms"].get<double>(), DoubleNear(truth.time_to_threshold() + truth.t_ref, 1e-6));
  EXPECT_THAT(statistics["isi_cv"].get<double>(), DoubleNear(0.0, 1e-6));
  // The window is the stimulus, [10, 200] ms: 9 spikes in 190 ms.
  EXPECT_THAT(statistics["rate_hz"].get<double>(), DoubleNear(9 / 0.190, 1e-9));
  EXPECT_EQ(statistics["firing_pattern"], "tonic spiking");
}

TEST(SimulateApi, ComparisonShowsTheErrorOfEulerAtOneMillisecond) {
  const LifTruth truth;
  json request = lif_request("rk4", 0.01);
  request["compare"] = {{"method", "euler"}, {"dt", 1.0}};
  const json answer = simulate(request);
  const auto& compare = answer["compare"];
  ASSERT_EQ(compare["status"], "ok");
  EXPECT_EQ(compare["run"]["method"]["name"], "euler");
  EXPECT_EQ(compare["run"]["method"]["dt"], 1.0);
  EXPECT_EQ(compare["run"]["model"], "lif");  // the same problem
  // Euler at 1 ms misplaces the first spike by a sizeable fraction of a millisecond; the reported largest shift
  // is measured against the main run, which is exact to 1e-6 ms.
  const double euler_first = compare["spikes"][0].get<double>();
  EXPECT_GT(std::abs(euler_first - truth.spike(0)), 0.1);
  const double shift = compare["difference"]["max_spike_shift_ms"].get<double>();
  EXPECT_GE(shift, std::abs(euler_first - truth.spike(0)) - 1e-6);
  EXPECT_EQ(compare["difference"]["spike_count"].get<long long>(),
            static_cast<long long>(compare["spikes"].size()) - static_cast<long long>(answer["spikes"].size()));
  EXPECT_FALSE(compare.contains("phase_plane"));
}

// docs/reference.md 1.2: spike counts of the 2004 figure under the published scheme.
TEST(SimulateApi, PublishedSchemeGivesThePublishedSpikeCounts) {
  const std::pair<const char*, int> panels[] = {{"izh2004-A", 5}, {"izh2004-C", 28}, {"izh2004-F", 6},
                                                {"izh2004-N", 7}, {"izh2004-T", 12}};
  for (const auto& [preset, count] : panels) {
    const json answer = simulate({{"preset", preset}, {"method", "izhikevich-published"}});
    ASSERT_EQ(answer["status"], "ok") << preset;
    EXPECT_EQ(answer["spikes"].size(), static_cast<std::size_t>(count)) << preset;
    EXPECT_EQ(answer["run"]["method"]["spikes"], "grid") << preset;
  }
}

// Izhikevich 2003: v' = 0.04 v^2 + 5 v + 140 - u + I, u' = a (b v - u). The v-nullcline is
// u = 0.04 v^2 + 5 v + 140 + I, the u-nullcline u = b v, and the fixed points solve
// 0.04 v^2 + (5 - b) v + 140 + I = 0. Panel A (b = 0.2) at I = 0: v = -70 (stable node) and v = -50 (saddle);
// at I = 14 the discriminant is negative: no fixed point, so the neuron fires.
TEST(SimulateApi, PhasePlaneHasTheClosedFormNullclinesAndFixedPoints) {
  const json answer = simulate({{"preset", "izh2004-A"}});
  const auto& plane = answer["phase_plane"];
  ASSERT_TRUE(plane.is_object());
  const auto& curves = plane["curves"];
  ASSERT_EQ(curves.size(), 2u);
  for (const auto& curve : curves) {
    const double current = curve["current"].get<double>();
    for (std::size_t i = 0; i < curve["v"].size(); i += 37) {
      const double v = curve["v"][i].get<double>();
      EXPECT_THAT(curve["first"][i].get<double>(), DoubleNear(0.04 * v * v + 5 * v + 140 + current, 1e-9));
      EXPECT_THAT(curve["second"][i].get<double>(), DoubleNear(0.2 * v, 1e-9));
    }
  }
  const auto& during = curves[0];
  EXPECT_EQ(during["when"], "during the stimulus");
  EXPECT_EQ(during["current"], 14.0);
  EXPECT_TRUE(during["fixed_points"].empty());

  const auto& before = curves[1];
  EXPECT_EQ(before["current"], 0.0);
  const auto& points = before["fixed_points"];
  ASSERT_EQ(points.size(), 2u);
  EXPECT_THAT(points[0]["state"][0].get<double>(), DoubleNear(-70.0, 1e-6));
  EXPECT_THAT(points[0]["state"][1].get<double>(), DoubleNear(-14.0, 1e-6));
  EXPECT_EQ(points[0]["type"], "stable node");
  EXPECT_TRUE(points[0]["stable"].get<bool>());
  EXPECT_THAT(points[1]["state"][0].get<double>(), DoubleNear(-50.0, 1e-6));
  EXPECT_EQ(points[1]["type"], "saddle");
}

TEST(SimulateApi, PhasePlaneIsNullForAOneVariableModel) {
  EXPECT_TRUE(simulate({{"preset", "lif-cortical"}})["phase_plane"].is_null());
}

TEST(SimulateApi, HodgkinHuxleyIsShownInThePlaneOfItsReduction) {
  const json plane = simulate({{"preset", "hh-squid"}, {"t_end", 40}})["phase_plane"];
  ASSERT_FALSE(plane.is_null());
  EXPECT_EQ(plane["axes"], json::array({0, 3}));  // v and n of the trace
  EXPECT_EQ(plane["model"], "hh-reduced");
  EXPECT_THAT(plane["reduction"].get<std::string>(), ::testing::HasSubstr("h = 0.8 - n"));
  const json& during = plane["curves"][0];
  EXPECT_EQ(during["when"], "during the stimulus");
  ASSERT_EQ(during["fixed_points"].size(), 1u);
  EXPECT_EQ(during["fixed_points"][0]["state"].size(), 2u);
  EXPECT_EQ(during["fixed_points"][0]["type"], "unstable focus");  // past the reduction's Hopf at 8.81
  const json own = simulate({{"preset", "fhn-classic"}, {"t_end", 20}})["phase_plane"];
  EXPECT_EQ(own["axes"], json::array({0, 1}));
  EXPECT_TRUE(own["reduction"].is_null());
}

TEST(SimulateApi, ShortRunIsReturnedWhole) {
  const json answer = simulate({{"preset", "izh2004-A"}, {"method", "izhikevich-published"}});
  const auto& trace = answer["trace"];
  EXPECT_FALSE(trace["decimated"].get<bool>());
  EXPECT_EQ(trace["t"].size(), trace["computed_samples"].get<std::size_t>());
  // The published scheme at 0.25 ms over 100 ms, plus the cutoff recorded at each of the 5 spikes.
  EXPECT_EQ(trace["t"].size(), 401u + 5u);
  ASSERT_EQ(trace["x"].size(), 2u);
  EXPECT_EQ(answer["variables"][0]["name"], "v");
  EXPECT_EQ(answer["variables"][1]["name"], "u");
  // The input: 14 for t > 10 ms (open edge), 0 before.
  const auto& t = trace["t"];
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(trace["I"][i].get<double>(), t[i].get<double>() > 10.0 ? 14.0 : 0.0) << "t = " << t[i];
  }
}

// Decimation keeps min and max per bin: the extremes of v (spike peaks at the 30 mV cutoff, the troughs after
// the resets) are those of the whole trace, returned undecimated when the budget allows.
TEST(SimulateApi, DecimatedTraceKeepsPeaksAndTroughs) {
  const json request = {{"preset", "izh2004-A"}, {"t_end", 1000}, {"dt", 0.01}};
  json whole_request = request;
  whole_request["samples"] = 200'000;
  const json whole = simulate(whole_request)["trace"];
  ASSERT_FALSE(whole["decimated"].get<bool>());
  json thinned_request = request;
  thinned_request["samples"] = 1000;
  const json thinned = simulate(thinned_request)["trace"];
  ASSERT_TRUE(thinned["decimated"].get<bool>());
  EXPECT_EQ(thinned["computed_samples"], whole["computed_samples"]);
  EXPECT_GT(whole["t"].size(), 100'000u);
  EXPECT_LE(thinned["t"].size(), 1000u);

  const auto& v_whole = whole["x"][0];
  const auto& v_thinned = thinned["x"][0];
  EXPECT_EQ(*std::max_element(v_thinned.begin(), v_thinned.end()), *std::max_element(v_whole.begin(), v_whole.end()));
  EXPECT_EQ(*std::min_element(v_thinned.begin(), v_thinned.end()), *std::min_element(v_whole.begin(), v_whole.end()));
  EXPECT_THAT(std::max_element(v_whole.begin(), v_whole.end())->get<double>(), DoubleNear(30.0, 1e-9));
  // Every spike's peak survives: as many samples at the cutoff as spikes.
  const auto at_cutoff = std::count_if(v_thinned.begin(), v_thinned.end(),
                                       [](const json& v) { return std::abs(v.get<double>() - 30.0) < 1e-9; });
  EXPECT_EQ(static_cast<std::size_t>(at_cutoff), simulate(thinned_request)["spikes"].size());
  const auto& t = thinned["t"];
  EXPECT_TRUE(std::is_sorted(t.begin(), t.end()));
  EXPECT_EQ(t.front(), 0.0);
  EXPECT_EQ(t.back(), 1000.0);
}

// "samples": "all" returns every computed sample of both runs, the main one and the second method's, and
// beyond the server's limit the thinned trace at that limit, flagged.
TEST(SimulateApi, AllSamplesGivesEveryComputedSampleUpToTheLimit) {
  const json request = {{"preset", "izh2004-A"}, {"compare", {{"method", "euler"}, {"dt", 0.1}}}, {"samples", "all"}};
  const json answer = simulate(request);
  for (const json* trace : {&answer["trace"], &answer["compare"]["trace"]}) {
    EXPECT_FALSE((*trace)["decimated"].get<bool>());
    EXPECT_EQ((*trace)["t"].size(), (*trace)["computed_samples"].get<std::size_t>());
  }
  EXPECT_GT(answer["trace"]["t"].size(), 10'000u);  // 100 ms at 0.01 ms, more than the default of 2000

  ApiLimits limits;
  limits.max_samples = 3000;
  const json thinned = simulate(request, limits)["trace"];
  EXPECT_TRUE(thinned["decimated"].get<bool>());
  EXPECT_LE(thinned["t"].size(), 3000u);
  EXPECT_GT(thinned["t"].size(), 2000u);
  EXPECT_EQ(thinned["computed_samples"], answer["trace"]["computed_samples"]);
}

TEST(SimulateApi, AdaptiveRunOverTheStepBudgetEndsWithItsStatus) {
  ApiLimits limits;
  limits.max_steps = 500;
  const json answer = simulate({{"preset", "hh-squid"}, {"method", "dopri5"}, {"rtol", 1e-10}, {"atol", 1e-10}},
                               limits);
  EXPECT_EQ(answer["status"], "max-steps");
  EXPECT_THAT(answer["message"].get<std::string>(), HasSubstr("500"));
  EXPECT_TRUE(answer["statistics"].is_null());
  EXPECT_GT(answer["trace"]["t"].size(), 1u);  // what was computed until then
}

// The spike list is bounded like a trace: beyond the limit the first spikes are returned and flagged.
TEST(SimulateApi, LongSpikeListsAreTruncatedAndFlagged) {
  ApiLimits limits;
  limits.max_samples = 100;
  limits.default_samples = 50;
  json request = lif_request("rk4", 0.05);
  request["t_end"] = 5000;  // about 250 spikes at 50.2 Hz
  const json answer = simulate(request, limits);
  EXPECT_EQ(answer["spikes"].size(), 100u);
  EXPECT_TRUE(answer["spikes_truncated"].get<bool>());
  EXPECT_GT(answer["statistics"]["spike_count"].get<int>(), 200);  // statistics see every spike
  EXPECT_LE(answer["trace"]["t"].size(), 50u);
}

TEST(SimulateApi, HandlerAnswersJsonText) {
  const ApiResponse response = handle_simulate(R"({"preset": "izh2004-B"})");
  EXPECT_EQ(response.status, 200);
  const json answer = json::parse(response.body);
  EXPECT_EQ(answer["run"]["preset"], "izh2004-B");
  EXPECT_EQ(answer["run"]["model"], "izh2003");
  EXPECT_GE(answer["elapsed_ms"].get<double>(), 0.0);
  EXPECT_THAT(answer["config_toml"].get<std::string>(), HasSubstr("preset = \"izh2004-B\""));
}

}  // namespace
}  // namespace neurodyn
