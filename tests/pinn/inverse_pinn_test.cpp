#include "neurodyn/pinn/inverse_pinn.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

Problem regular_spiking(double t_end) {
  Problem problem;
  problem.model = make_model("izh2003");
  problem.initial_state = {-65.0, -13.0};
  problem.stimulus = parse_stimulus("const:amp=10", t_end);
  problem.t_end = t_end;
  return problem;
}

TEST(InversePinn, RecoversAAndBOfTheRegularSpikingCellFromNoisyVoltageWithinTwoPercent) {
  // 200 ms at 20 kHz with 0.5 mV of noise; a and b start at the middle of their fitting ranges (0.1005 and 0.1).
  const Problem problem = regular_spiking(200.0);
  const VoltageTrace data = noisy_voltage(problem, 0.05, 0.5, 7);
  const InversePinnRun run = run_inverse_pinn(problem, data, {});
  ASSERT_EQ(run.parameters.size(), 2u);
  EXPECT_EQ(run.parameters[0].start, 0.1005);
  EXPECT_NEAR(run.parameters[0].value, 0.02, 0.02 * 0.02);
  EXPECT_NEAR(run.parameters[1].value, 0.2, 0.02 * 0.2);
  EXPECT_LT(run.parameters[0].standard_error, 0.02 * 0.02);
  EXPECT_EQ(run.stretches.size(), 5u);      // between the 6 spikes of 200 ms
  EXPECT_NEAR(run.data_rms_mV, 0.5, 0.03);  // the fit leaves the noise
}

TEST(InversePinn, RecoversTheInputCurrentFromNoisyVoltage) {
  // The input I = 10 identified with a and b known, from a start 20 % below it.
  const Problem problem = regular_spiking(200.0);
  const VoltageTrace data = noisy_voltage(problem, 0.05, 0.5, 7);
  InversePinnOptions options;
  options.unknowns = {"I"};
  options.start["I"] = 8.0;
  const InversePinnRun run = run_inverse_pinn(problem, data, options);
  ASSERT_EQ(run.parameters.size(), 1u);
  EXPECT_EQ(run.parameters[0].start, 8.0);
  EXPECT_NEAR(run.parameters[0].value, 10.0, 0.01 * 10.0);
  EXPECT_NEAR(run.data_rms_mV, 0.5, 0.03);
}

TEST(InversePinn, AStoppedFitResumesFromTheIterateKept) {
  const Problem problem = regular_spiking(100.0);
  const VoltageTrace data = noisy_voltage(problem, 0.05, 0.5, 7);
  const auto path = std::filesystem::temp_directory_path() / fmt::format("neurodyn-inverse-checkpoint-{}", ::getpid());
  TrainingCheckpoint checkpoint{path, "problem and settings", 0.0, false};  // kept after every iteration
  InversePinnOptions options;
  options.max_iterations = 2;
  const InversePinnRun stopped = run_inverse_pinn(problem, data, options, {}, checkpoint);
  ASSERT_EQ(stopped.loss.size(), 2u);
  options.max_iterations = 100;
  checkpoint.resume = true;
  const InversePinnRun resumed = run_inverse_pinn(problem, data, options, {}, checkpoint);
  ASSERT_GT(resumed.loss.size(), 2u);
  EXPECT_EQ(resumed.loss[0], stopped.loss[0]);
  EXPECT_EQ(resumed.loss[1], stopped.loss[1]);
  EXPECT_LT(resumed.loss.back(), stopped.loss.back());
  EXPECT_NEAR(resumed.parameters[0].value, 0.02, 0.02 * 0.02);
  EXPECT_NEAR(resumed.parameters[1].value, 0.2, 0.02 * 0.2);
  std::filesystem::remove(path);
}

TEST(InversePinn, RefusesWhatItCannotIdentifyFrom) {
  const Problem problem = regular_spiking(50.0);
  const VoltageTrace data = noisy_voltage(problem, 0.05, 0.5, 7);
  const auto message = [&](const Problem& p, const VoltageTrace& d, const InversePinnOptions& o) {
    try {
      run_inverse_pinn(p, d, o);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  InversePinnOptions unknown;
  unknown.unknowns = {"a", "tau"};
  EXPECT_EQ(message(problem, data, unknown), "unknowns: 'tau' is not a parameter of izh2003 nor the input 'I'");
  InversePinnOptions capped;
  capped.voltage_cap_mV = -90.0;
  EXPECT_EQ(message(problem, data, capped),
            "trace: no stretch of at least 5 ms below the voltage cap -90 mV between resets; nothing to identify from");
  VoltageTrace uneven = data;
  uneven.t_ms[10] += 0.01;
  EXPECT_NE(message(problem, uneven, {}).find("trace: the samples must be uniform in time"), std::string::npos);
  Problem pulsed = problem;
  pulsed.stimulus = parse_stimulus("pulses:amp=10,start=0,width=5,period=10,count=5", 50.0);
  InversePinnOptions input;
  input.unknowns = {"I"};
  EXPECT_EQ(message(pulsed, data, input),
            "unknowns: 'I' is the amplitude of a stimulus of one step or const component; the stimulus is "
            "'pulses:amp=10,start=0,width=5,period=10,count=5'");
  Problem lif;
  lif.model = make_model("lif");
  lif.initial_state = {-70.0};
  EXPECT_EQ(message(lif, data, {}), "model: the inverse PINN identifies izh2003 and izh2007; got 'lif'");
}

}  // namespace
}  // namespace neurodyn
