// The protocol found in a sampled command current: levels, steps and ramps, on commands built by hand with
// known epochs, with and without noise like that of a recorded, ADC-quantised command.
#include "neurodyn/io/command_epochs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <random>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

struct SampledCommand {
  std::vector<double> time_ms;
  std::vector<double> current_pA;
};

// 0.1 ms samples over [0, 1000) ms: `level(t)` plus Gaussian noise of `noise_pA`, rounded to `quantum_pA`.
template <class Level>
SampledCommand sampled(Level level, double noise_pA, double quantum_pA) {
  std::mt19937 generator(7);
  std::normal_distribution<double> noise(0.0, noise_pA);
  SampledCommand command;
  for (int k = 0; k < 10000; ++k) {
    const double t = 0.1 * k;
    double value = level(t) + (noise_pA > 0 ? noise(generator) : 0.0);
    if (quantum_pA > 0) value = quantum_pA * std::round(value / quantum_pA);
    command.time_ms.push_back(t);
    command.current_pA.push_back(value);
  }
  return command;
}

TEST(CommandEpochs, FindsTwoStepsAndTheHoldingBetweenThemInANoisyCommand) {
  // The shape of a dual-step protocol: -12.5 pA holding, +105 pA from 100 to 400 ms, -100 pA from 600 to 800 ms.
  const auto command = sampled(
      [](double t) { return t >= 100 && t < 400 ? 105.0 : t >= 600 && t < 800 ? -100.0 : -12.5; }, 4.0, 3.125);
  const auto epochs = detect_command_epochs(command.time_ms, command.current_pA);
  ASSERT_EQ(epochs.size(), 5u);
  const char* types[] = {"holding", "step", "holding", "step", "holding"};
  const double starts[] = {0, 100, 400, 600, 800};
  for (std::size_t k = 0; k < epochs.size(); ++k) {
    EXPECT_EQ(epochs[k].type, types[k]) << k;
    EXPECT_NEAR(epochs[k].start_ms, starts[k], 1e-9) << k;
  }
  EXPECT_EQ(epochs[1].name, "step 1");
  EXPECT_EQ(epochs[3].name, "step 2");
  EXPECT_NEAR(epochs[0].level_pA, -12.5, 0.5);  // the mean of 1000 noisy samples
  EXPECT_NEAR(epochs[1].level_pA, 105.0, 0.5);
  EXPECT_NEAR(epochs[3].level_pA, -100.0, 0.5);
  EXPECT_NEAR(epochs[4].end_ms, 1000.0, 1e-9);  // the last time plus one interval
  const auto steps = test_steps(epochs, epochs[0].level_pA);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1].name, "step 2");
}

TEST(CommandEpochs, ARampIsOneEpochFromItsFirstToItsLastLevel) {
  const auto command = sampled([](double t) { return t >= 200 && t < 700 ? 0.4 * (t - 200) : 0.0; }, 0.0, 0.0);
  const auto epochs = detect_command_epochs(command.time_ms, command.current_pA);
  ASSERT_EQ(epochs.size(), 3u);
  EXPECT_EQ(epochs[1].type, "ramp");
  EXPECT_EQ(epochs[1].name, "ramp 1");
  EXPECT_NEAR(epochs[1].start_ms, 200.0, 1.0);
  EXPECT_NEAR(epochs[1].end_ms, 700.0, 1.0);
  EXPECT_NEAR(epochs[1].end_level_pA, 0.4 * 499.9, 1.0);
  EXPECT_EQ(epochs[2].type, "holding");
}

TEST(CommandEpochs, AConstantCommandIsHoldingThroughout) {
  const auto command = sampled([](double) { return 20.0; }, 1.0, 0.0);
  const auto epochs = detect_command_epochs(command.time_ms, command.current_pA);
  ASSERT_EQ(epochs.size(), 1u);
  EXPECT_EQ(epochs[0].type, "holding");
  EXPECT_TRUE(test_steps(epochs, epochs[0].level_pA).empty());
}

TEST(CommandEpochs, FindsTheStepOfARealRecordedCurrent) {
  // tests/data/recordings/efel_step_current.txt (eFEL, BSD; see the README there): time (s), current (pA), v (mV);
  // its README: "one 2 s current step, on at about 0.700 s, off at about 2.700 s; baseline about -12.5 pA, step
  // level about +105 pA".
  std::ifstream file(std::string(NEURODYN_TEST_DATA_DIR) + "/recordings/efel_step_current.txt");
  SampledCommand command;
  for (double t = 0, i = 0, v = 0; file >> t >> i >> v;) {
    command.time_ms.push_back(1000.0 * t);
    command.current_pA.push_back(i);
  }
  ASSERT_EQ(command.time_ms.size(), 12000u);
  const auto epochs = detect_command_epochs(command.time_ms, command.current_pA);
  ASSERT_EQ(epochs.size(), 3u);
  EXPECT_EQ(epochs[1].type, "step");
  EXPECT_NEAR(epochs[1].start_ms, 700.0, 0.5);
  EXPECT_NEAR(epochs[1].end_ms, 2700.0, 0.5);
  EXPECT_NEAR(epochs[0].level_pA, -12.5, 1.0);
  EXPECT_NEAR(epochs[1].level_pA, 105.0, 1.0);

  Sweep sweep;
  sweep.time_ms = command.time_ms;
  sweep.command = RecordedChannel{"I", "pA", command.current_pA};
  sweep.epochs = epochs;
  sweep.holding_pA = epochs[0].level_pA;
  const SpikeTrainWindow window = command_response_window(sweep);
  EXPECT_EQ(window.start_ms, epochs[1].start_ms);
  EXPECT_EQ(window.end_ms, command.time_ms.back());  // the response runs to the end of the record
  EXPECT_EQ(window.input_end(), epochs[1].end_ms);
  EXPECT_EQ(window.polarity, 1);
}

TEST(CommandEpochs, AStepAtTheHoldingLevelIsNoTestStep) {
  const std::vector<CommandEpoch> epochs{{"holding", "holding", 0, 10, 0, 0},
                                         {"A", "step", 10, 20, 0, 0},
                                         {"B", "step", 20, 30, -100, -100},
                                         {"holding", "holding", 30, 40, 0, 0}};
  const auto steps = test_steps(epochs, 0.0);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].name, "B");
}

TEST(CommandEpochs, RefusesMismatchedOrNonFiniteInput) {
  const std::vector<double> times{0, 1, 2}, two{0, 1}, bad{0, NAN, 1};
  EXPECT_THROW(detect_command_epochs(times, two), InputError);
  EXPECT_THROW(detect_command_epochs(times, bad), InputError);
}

}  // namespace
}  // namespace neurodyn
