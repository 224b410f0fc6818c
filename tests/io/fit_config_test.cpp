// Reading a fit's TOML (io/fit_config.hpp): every table and key, relative paths, and errors naming the key.
#include "neurodyn/io/fit_config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "neurodyn/error.hpp"

namespace {

using namespace neurodyn;
using ::testing::HasSubstr;

FitSettings parse(const std::string& text) { return parse_fit_settings(text, "fit.toml", "/data/cells"); }

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(FitConfig, ReadsEveryTable) {
  const FitSettings settings = parse(R"(
preset = "izh2007-RS"
[parameters]
vpeak = 30
[method]
name = "rk4"
dt = 0.05
[data]
recording = "cell.abf"
training = [0, 2]
held_out = [1]
window = [10, 2000.5]
current_column = 2
time_scale_ms = 1000
[free]
a = [0.001, 0.2]
b = "default"
[objective]
kind = "gamma"
features = ["spike_count", "ISI_CV"]
sigma = { ISI_CV = 0.05 }
delta = 2
rate_correction = true
mask = [1.5, 8]
threshold = -10
[optimizer]
name = "de"
evaluations = 500
seed = 9
population = 30
threads = 2
gradient = "forward"
start = "preset"
)");
  EXPECT_EQ(settings.run.preset, "izh2007-RS");
  EXPECT_EQ(settings.run.parameters.at("vpeak"), 30.0);
  EXPECT_EQ(settings.run.method, "rk4");
  EXPECT_EQ(settings.recording, std::filesystem::path("/data/cells/cell.abf"));
  EXPECT_EQ(settings.training, (std::vector<int>{0, 2}));
  EXPECT_EQ(settings.held_out, (std::vector<int>{1}));
  EXPECT_EQ(settings.window, (std::pair{10.0, 2000.5}));
  EXPECT_EQ(settings.text.current_column, 2);
  EXPECT_EQ(settings.text.time_scale_ms, 1000.0);
  ASSERT_EQ(settings.free.size(), 2u);
  EXPECT_EQ(settings.objective, "gamma");
  EXPECT_EQ(settings.features, (std::vector<std::string>{"spike_count", "ISI_CV"}));
  EXPECT_EQ(settings.sigma.at("ISI_CV"), 0.05);
  EXPECT_EQ(settings.delta_ms, 2.0);
  EXPECT_EQ(settings.rate_correction, true);
  EXPECT_EQ(settings.mask_ms, (std::pair{1.5, 8.0}));
  EXPECT_EQ(settings.threshold_mV, -10.0);
  EXPECT_EQ(settings.optimizer, "de");
  EXPECT_EQ(settings.evaluations, 500);
  EXPECT_EQ(settings.seed, 9);
  EXPECT_EQ(settings.population, 30);
  EXPECT_EQ(settings.threads, 2);
  EXPECT_EQ(settings.gradient, "forward");
  EXPECT_EQ(settings.start, "preset");
}

TEST(FitConfig, KindIsOneObjectiveOrAListForAParetoFront) {
  const FitSettings one = parse("[objective]\nkind = \"gamma\"\n");
  EXPECT_EQ(one.objective, "gamma");
  EXPECT_FALSE(one.objectives);
  const FitSettings front = parse("[objective]\nkind = [\"features\", \"gamma\"]\n");
  EXPECT_FALSE(front.objective);
  EXPECT_EQ(front.objectives, (std::vector<std::string>{"features", "gamma"}));
  EXPECT_THAT(error_of("[objective]\nkind = [1, 2]\n"), HasSubstr("objective.kind must be an array of strings"));
}

TEST(FitConfig, SigmaIsATableOrARule) {
  EXPECT_EQ(parse("[objective]\nsigma = \"repeats\"\n").sigma_rule, "repeats");
  EXPECT_TRUE(parse("[objective]\nsigma = \"repeats\"\n").sigma.empty());
  EXPECT_FALSE(parse("[objective]\nsigma = { ISI_CV = 0.05 }\n").sigma_rule);
  EXPECT_THAT(error_of("[objective]\nsigma = 2.0\n"), HasSubstr("objective.sigma must be a table"));
}

TEST(FitConfig, ErrorsNameTheKeyAndLine) {
  EXPECT_THAT(error_of("[data]\nsweeps = [1]\n"), HasSubstr("unknown key 'data.sweeps'"));
  EXPECT_THAT(error_of("[optimizer]\nevaluations = 1.5\n"), HasSubstr("optimizer.evaluations must be an integer"));
  EXPECT_THAT(error_of("[data]\ntraining = [1, -2]\n"), HasSubstr("data.training holds -2"));
  EXPECT_THAT(error_of("[data]\nwindow = [1]\n"), HasSubstr("data.window must be an array of two numbers"));
  EXPECT_THAT(error_of("[free]\na = 3\n"), HasSubstr("free.a must be [min, max] or \"default\""));
  EXPECT_THAT(error_of("t_end = 100\n"), HasSubstr("t_end is set by the recording"));
  EXPECT_THAT(error_of("[objective]\nfeatures = \"spike_count\"\n"),
              HasSubstr("objective.features must be an array of strings"));
  EXPECT_THAT(error_of("fit = 1\n"), HasSubstr("unknown key 'fit'"));
  EXPECT_THAT(error_of("[data]\nsweeps = [1]\n"), HasSubstr(" 2 | sweeps = [1]"));  // the line, as toml11 shows it
}

}  // namespace
