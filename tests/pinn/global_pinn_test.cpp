#include "neurodyn/pinn/global_pinn.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/pinn/pinn_score.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

// The earlier study's problem: the 2007 RS cell, 70 pA from 100 ms, from rest (docs/reference.md 2.1 and 6.2).
Problem earlier_study_problem(double t_end) {
  const Preset& preset = find_preset("izh2007-RS");
  Problem problem;
  problem.model = make_model(preset.model, preset.parameters);
  problem.initial_state = initial_state(problem.model, preset.v0, preset.u0);
  problem.stimulus = parse_stimulus(preset.stimulus, t_end);
  problem.t_end = t_end;
  return problem;
}

TEST(GlobalPinn, NetworksHaveThePublishedSizes) {
  // 6 x 128 tanh on 5 Fourier inputs, and the guided 4 x 128 on one input: 50,050 parameters as published.
  GlobalPinnOptions pure;
  pure.epochs = pure.first_epochs = 1;
  const GlobalPinnRun pure_run = run_global_pinn(earlier_study_problem(200.0), pure);
  EXPECT_EQ(pure_run.trained_parameters, 5 * 128 + 128 + 5 * (128 * 128 + 128) + 128 * 2 + 2);
  EXPECT_EQ(pure_run.collocation_points, 2000);  // 1000 uniform + 4 x 250 in the bands
  GlobalPinnOptions guided = guided_defaults();
  guided.epochs = guided.first_epochs = 1;
  guided.lbfgs_calls = 1;
  guided.lbfgs_iterations = 1;
  const GlobalPinnRun guided_run = run_global_pinn(earlier_study_problem(1000.0), guided);
  EXPECT_EQ(guided_run.trained_parameters, 50050);
  EXPECT_EQ(guided_run.data_points, 1001);  // Euler at 1 ms over 0..1000 ms
  EXPECT_EQ(guided_run.collocation_points, 2000);
  EXPECT_EQ(guided_run.loss.size(), 2u);  // one Adam epoch, one L-BFGS call
}

TEST(GlobalPinn, PureNetworkOnTheEarlierStudysProblemMissesTheSpikeAndTheScoreSaysSo) {
  GlobalPinnOptions options;
  options.hidden_layers = 2;
  options.hidden_width = 32;
  options.uniform_points = 200;
  options.bands = {{95, 105, 50}, {150, 250, 100}};
  options.epochs = 300;
  options.first_epochs = 200;
  const Problem problem = earlier_study_problem(300.0);
  const GlobalPinnRun run = run_global_pinn(problem, options);
  const PinnScore score = score_against(run.trace, converged_reference(problem, 0.1));
  EXPECT_EQ(score.reference_spike_count, 1u);  // at 200.022 ms
  EXPECT_NE(score.spike_count, score.reference_spike_count);
  EXPECT_GT(score.max_v_error, 10.0);  // mV: it follows the slow rise at best, never the upstroke and reset
  EXPECT_EQ(run.loss.size(), 300u);
  EXPECT_LT(run.loss.back(), run.loss.front());  // it did train
}

TEST(GlobalPinn, AStoppedTrainingResumesFromItsCheckpointBitForBit) {
  GlobalPinnOptions options;
  options.hidden_layers = 2;
  options.hidden_width = 16;
  options.uniform_points = 100;
  options.bands = {};
  options.first_epochs = 5;
  const Problem problem = earlier_study_problem(150.0);
  options.epochs = 12;
  const GlobalPinnRun whole = run_global_pinn(problem, options);

  const auto path = std::filesystem::temp_directory_path() / fmt::format("neurodyn-pinn-checkpoint-{}", ::getpid());
  TrainingCheckpoint checkpoint{path, "problem and settings", 1e9, false};
  options.epochs = 7;  // stopped after 7 epochs (the checkpoint is written after the last Adam epoch)
  run_global_pinn(problem, options, {}, checkpoint);
  ASSERT_TRUE(std::filesystem::exists(path));
  options.epochs = 12;
  checkpoint.resume = true;
  const GlobalPinnRun resumed = run_global_pinn(problem, options, {}, checkpoint);
  EXPECT_EQ(resumed.loss, whole.loss);
  EXPECT_EQ(resumed.trace.states, whole.trace.states);

  checkpoint.identity = "another problem";
  try {
    run_global_pinn(problem, options, {}, checkpoint);
    FAIL() << "another run's checkpoint accepted";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("written by a run of another problem or other settings"));
  }
  std::ofstream(path) << "not an archive";
  try {
    run_global_pinn(problem, options, {}, checkpoint);
    FAIL() << "a broken checkpoint accepted";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("not a readable PINN checkpoint"));
  }
  std::filesystem::remove(path);
}

TEST(GlobalPinn, BadOptionsAreRefusedNamingTheField) {
  const auto message = [](auto&& change) {
    GlobalPinnOptions options;
    change(options);
    try {
      validate(options);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message([](GlobalPinnOptions& o) { o.hidden_layers = 0; }), "hidden_layers = 0: must be between 1 and 20");
  EXPECT_EQ(message([](GlobalPinnOptions& o) { o.epochs = 0; }), "epochs = 0: must be between 1 and 10000000");
  EXPECT_EQ(message([](GlobalPinnOptions& o) { o.first_epochs = 20000; }),
            "first_epochs = 20000: must be between 0 and epochs");
  EXPECT_EQ(message([](GlobalPinnOptions& o) { o.guide = "rk4"; }),
            "guide 'rk4' is not allowed; allowed: euler, converged");
  Problem lif;
  lif.model = make_model("lif");
  lif.initial_state = {-70.0};
  try {
    run_global_pinn(lif, {});
    FAIL() << "lif accepted";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "model: one network over the span trains models with two state variables (izh2003, izh2007, fhn); "
                 "got 'lif'");
  }
}

}  // namespace
}  // namespace neurodyn
