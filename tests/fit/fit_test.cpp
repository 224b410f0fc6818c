// The machinery of a fit: the exact gradient against differences, the budget kept exactly by every optimizer, the
// same result for any number of threads, resuming from a checkpoint, failures scored and counted, and every input
// error refused before a simulation runs.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <filesystem>

#include "neurodyn/error.hpp"
#include "neurodyn/fit/checkpoint.hpp"
#include "neurodyn/fit/feature_distance.hpp"
#include "neurodyn/fit/fit_plan.hpp"
#include "neurodyn/fit/optimizers.hpp"
#include "neurodyn/io/abf2.hpp"
#include "synthetic_recording.hpp"

namespace {

using namespace neurodyn;
using testing_fit::Protocol;
using testing_fit::true_cell;

// Three short sweeps (-100, 150 and 300 pA for 200 ms): cheap evaluations.
const Recording& short_recording() {
  static const Recording data = [] {
    Protocol protocol;
    protocol.steps_pA = {-100.0, 150.0, 300.0};
    protocol.step_start_ms = 50.0;
    protocol.step_end_ms = 250.0;
    protocol.sweep_ms = 300.0;
    return testing_fit::synthetic_recording(true_cell(), protocol);
  }();
  return data;
}

FitSettings small_fit(const std::string& optimizer, long long budget) {
  FitSettings settings;
  settings.run.model = "izh2007";
  settings.run.parameters = true_cell();
  settings.run.method = "rk4";
  settings.run.method_options["dt"] = 0.05;
  settings.training = std::vector<int>{0, 2};
  settings.held_out = std::vector<int>{1};
  for (const char* name : {"a", "b", "d", "k"}) settings.free.push_back({name, std::nullopt});
  settings.optimizer = optimizer;
  settings.evaluations = budget;
  settings.seed = 11;
  return settings;
}

// A Pareto fit of features and gamma by NSGA-II (population 8 on the three short sweeps).
FitSettings pareto_fit(long long budget) {
  FitSettings settings = small_fit("nsga2", budget);
  settings.objectives = std::vector<std::string>{"features", "gamma"};
  settings.population = 8;
  return settings;
}

FitRun run_small(const FitSettings& settings, const FitControl& control = {}) {
  const FitPlan plan = plan_fit(settings, short_recording());
  const FitEvaluator evaluator(plan);
  return run_fit(evaluator, control);
}

std::string plan_error(const FitSettings& settings) {
  try {
    plan_fit(settings, short_recording());
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

// The plan's exact gradient at a point of the unit cube against central differences of its objective with step h
// (relative agreement `tolerance`); returns the score.
double expect_gradient_matches_differences(const FitSettings& settings, double h, double tolerance) {
  const FitPlan plan = plan_fit(settings, short_recording());
  const FitEvaluator evaluator(plan);
  const std::vector<double> x{0.31, 0.44, 0.27, 0.36};
  std::vector<double> gradient(4);
  const Evaluation with_gradient = evaluator.evaluate_with_gradient(x, gradient);
  // The sensitivities and the solver integrate the same steps (rk4) or to the same tolerance (dopri5); they place a
  // reset by different means (a step to the located time, the solver's interpolant), which moves the trace after a
  // spike by the method's error.
  EXPECT_NEAR(with_gradient.score, evaluator.evaluate(x).score, 1e-5 * with_gradient.score);
  for (std::size_t j = 0; j < x.size(); ++j) {
    std::vector<double> up = x, down = x;
    up[j] += h;
    down[j] -= h;
    const double difference = (evaluator.evaluate(up).score - evaluator.evaluate(down).score) / (2.0 * h);
    EXPECT_NEAR(gradient[j], difference, tolerance * std::abs(difference) + 1e-4) << plan.free[j].name;
  }
  return with_gradient.score;
}

TEST(FitGradient, ExactGradientOfTheMaskedTraceMseMatchesCentralDifferences) {
  FitSettings settings = small_fit("lbfgs", 10);
  settings.objective = "trace_mse";
  expect_gradient_matches_differences(settings, 1e-6, 1e-4);
}

// The spike-time objective's gradient runs through dtau_k/dtheta of every matched spike (and of an unmatched one
// through its distance to the window's end).
TEST(FitGradient, ExactGradientOfTheSpikeTimeObjectiveMatchesCentralDifferences) {
  FitSettings settings = small_fit("lbfgs", 10);
  settings.objective = "spike_times";
  EXPECT_GT(expect_gradient_matches_differences(settings, 1e-6, 1e-4), 1.0);  // ms^2: away from the data
}

// With Dormand-Prince (rtol = atol = 1e-9, S under error control too) the gradient matches differences of the
// solver's own runs, whose steps move with the parameters. The masked trace MSE is smooth only between the
// parameter values where a model spike crosses a data sample: its pieces are short (a step of 1e-4 in the unit
// cube already crosses several here), so the differences take a step of 1e-6.
TEST(FitGradient, DormandPrinceGradientOfTheMaskedTraceMseMatchesCentralDifferences) {
  FitSettings settings = small_fit("lbfgs", 10);
  settings.objective = "trace_mse";
  settings.run.method = "dopri5";
  settings.run.method_options.clear();
  settings.run.method_options["rtol"] = 1e-9;
  settings.run.method_options["atol"] = 1e-9;
  expect_gradient_matches_differences(settings, 1e-6, 1e-4);
}

TEST(FitBudget, EveryOptimizerStopsAtExactlyTheBudget) {
  for (const char* name :
       {"sga", "sa", "de", "sade", "pso", "cmaes", "xnes", "bobyqa", "subplex", "study-gd", "study-sa", "study-ga"}) {
    const FitRun run = run_small(small_fit(name, 23));
    EXPECT_LE(run.history.size(), 23u) << name;
    if (run.end == FitEnd::budget) {
      EXPECT_EQ(run.history.size(), 23u) << name;
    }
    EXPECT_EQ(run.best_score, std::min_element(run.history.begin(), run.history.end(),
                                               [](const auto& p, const auto& q) { return p.score < q.score; })
                                  ->score)
        << name;
  }
}

// Progress comes after every evaluation with the count, the best so far and, for a population method, the generation
// (0 for the first population, then one more per generation); a local method has no generations.
TEST(FitProgress, ReportsEveryEvaluationAndAPopulationMethodsGeneration) {
  for (const char* name : {"sga", "bobyqa"}) {
    std::vector<FitProgress> reports;
    FitControl control;
    control.progress = [&](const FitProgress& progress) { reports.push_back(progress); };
    const FitRun run = run_small(small_fit(name, 120), control);
    ASSERT_EQ(reports.size(), run.history.size()) << name;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      EXPECT_EQ(reports[i].evaluations, static_cast<long long>(i + 1)) << name;
      EXPECT_EQ(reports[i].budget, 120) << name;
      EXPECT_EQ(reports[i].best_score, std::min_element(run.history.begin(), run.history.begin() + i + 1,
                                                        [](const auto& p, const auto& q) { return p.score < q.score; })
                                           ->score)
          << name;
    }
    if (std::string(name) == "sga") {  // population 50: the first population, then generations of 50
      EXPECT_EQ(reports[49].generation, 0);
      EXPECT_EQ(reports[50].generation, 1);
      EXPECT_EQ(reports[119].generation, 2);
    } else {
      EXPECT_EQ(reports.back().generation, 0);
    }
  }
}

TEST(FitDeterminism, TheSameSeedGivesTheSameFitForAnyNumberOfThreads) {
  for (const char* name : {"cmaes", "pso", "nsga2"}) {
    FitSettings one = std::string(name) == "nsga2" ? pareto_fit(40) : small_fit(name, 40), two = one;
    one.threads = 1;
    two.threads = 2;
    const FitRun a = run_small(one), b = run_small(two);
    ASSERT_EQ(a.history.size(), b.history.size()) << name;
    for (std::size_t i = 0; i < a.history.size(); ++i) {
      EXPECT_EQ(a.history[i].unit_point, b.history[i].unit_point) << name << " evaluation " << i + 1;
      EXPECT_EQ(a.history[i].score, b.history[i].score) << name << " evaluation " << i + 1;
    }
  }
}

// Whether objectives p dominate q: no worse in any, better in one.
bool dominates(const std::vector<double>& p, const std::vector<double>& q) {
  bool better = false;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (p[k] > q[k]) return false;
    better = better || p[k] < q[k];
  }
  return better;
}

// The front is what its definition says, checked pair by pair: no evaluation dominates a member, and every other
// evaluation is dominated by a member or has a member's objectives.
TEST(FitPareto, Nsga2FrontHoldsExactlyTheNonDominatedEvaluations) {
  const FitRun run = run_small(pareto_fit(45));
  ASSERT_EQ(run.history.size(), 45u);  // the budget, exactly, inside the sixth generation
  for (const EvaluationRecord& record : run.history) {
    ASSERT_EQ(record.objectives.size(), 2u);
    EXPECT_EQ(record.score, record.objectives[0]);
  }
  ASSERT_FALSE(run.pareto_front.empty());
  for (const std::size_t member : run.pareto_front) {
    for (const EvaluationRecord& record : run.history) {
      EXPECT_FALSE(dominates(record.objectives, run.history[member].objectives)) << "member " << member;
    }
  }
  for (std::size_t i = 0; i < run.history.size(); ++i) {
    const bool covered = std::any_of(run.pareto_front.begin(), run.pareto_front.end(), [&](std::size_t member) {
      return dominates(run.history[member].objectives, run.history[i].objectives) ||
             run.history[member].objectives == run.history[i].objectives;
    });
    EXPECT_TRUE(covered) << "evaluation " << i;
  }
  EXPECT_EQ(run.history[static_cast<std::size_t>(run.best_index - 1)].score, run.best_score);
}

// A fit stopped after 17 evaluations and resumed from its checkpoint gives the uninterrupted fit's history.
void expect_resume_ends_as_uninterrupted(const FitSettings& settings) {
  const FitRun whole = run_small(settings);

  const std::filesystem::path file = std::filesystem::temp_directory_path() / "neurodyn_fit_resume.checkpoint";
  std::atomic<bool> stop{false};
  {
    CheckpointWriter writer(file, false);
    FitControl control;
    control.stop = &stop;
    control.on_evaluation = [&](const EvaluationRecord& record) {
      writer.add(record);
      if (record.index == 17) stop.store(true);
    };
    const FitRun stopped = run_small(settings, control);
    EXPECT_EQ(stopped.end, FitEnd::interrupted);
    EXPECT_GE(stopped.history.size(), 17u);
    EXPECT_LT(stopped.history.size(), 40u);
  }
  FitControl resumed_control;
  resumed_control.replay = read_checkpoint(file);
  long long simulated = 0;
  resumed_control.on_evaluation = [&](const EvaluationRecord&) { ++simulated; };
  const FitRun resumed = run_small(settings, resumed_control);
  std::filesystem::remove(file);
  EXPECT_EQ(simulated, 40 - static_cast<long long>(resumed_control.replay.size()));
  ASSERT_EQ(resumed.history.size(), whole.history.size());
  for (std::size_t i = 0; i < whole.history.size(); ++i) {
    EXPECT_EQ(resumed.history[i].unit_point, whole.history[i].unit_point) << i;
    EXPECT_EQ(resumed.history[i].score, whole.history[i].score) << i;
    EXPECT_EQ(resumed.history[i].objectives, whole.history[i].objectives) << i;
  }
  EXPECT_EQ(resumed.best_point, whole.best_point);
  EXPECT_EQ(resumed.pareto_front, whole.pareto_front);

  // A checkpoint of another fit (another seed) is refused at its first evaluation.
  FitSettings other = settings;
  other.seed = 12;
  FitControl wrong;
  wrong.replay = resumed_control.replay;
  EXPECT_THROW(run_small(other, wrong), InputError);
}

TEST(FitResume, AStoppedFitResumedFromItsCheckpointEndsAsAnUninterruptedOne) {
  expect_resume_ends_as_uninterrupted(small_fit("cmaes", 40));
  expect_resume_ends_as_uninterrupted(pareto_fit(40));  // the objectives replayed too
}

TEST(FitFailures, AFailedSimulationScoresThePenaltyAndTheFitGoesOn) {
  FitSettings settings = small_fit("cmaes", 12);
  settings.run.method_options["max_steps"] = 100LL;  // every run ends with max_steps
  const FitRun run = run_small(settings);
  EXPECT_EQ(run.history.size(), 12u);
  for (const EvaluationRecord& record : run.history) {
    EXPECT_EQ(record.failures, 2);
    EXPECT_GT(record.score, 0.0);
  }
}

TEST(FitPlan, RefusesBadInputNamingTheFieldAndValue) {
  FitSettings settings = small_fit("cmaes", 10);
  settings.free = {{"tau", std::nullopt}};
  EXPECT_NE(plan_error(settings).find("free.tau is not a parameter of izh2007"), std::string::npos);

  settings = small_fit("cmaes", 10);
  settings.free = {{"a", std::pair{0.5, 0.1}}};
  EXPECT_NE(plan_error(settings).find("free.a = [0.5, 0.1]"), std::string::npos);
  settings.free = {{"C", std::pair{0.5, 100.0}}};  // below the table's 1 pF
  EXPECT_NE(plan_error(settings).find("free.C = [0.5, 100]"), std::string::npos);
  settings.free = {{"a", std::nullopt}, {"a", std::nullopt}};
  EXPECT_NE(plan_error(settings).find("free.a is given twice"), std::string::npos);

  settings = small_fit("cmaes", 0);
  EXPECT_NE(plan_error(settings).find("optimizer.evaluations = 0"), std::string::npos);
  settings = small_fit("hill-climbing", 10);
  EXPECT_NE(plan_error(settings).find("optimizer.name = 'hill-climbing' is unknown"), std::string::npos);

  settings = small_fit("cmaes", 10);
  settings.training = std::vector<int>{0, 7};
  EXPECT_NE(plan_error(settings).find("data.training holds sweep 7"), std::string::npos);
  settings.training = std::vector<int>{};
  EXPECT_NE(plan_error(settings).find("data.training is empty"), std::string::npos);
  settings.training = std::vector<int>{0, 1};
  EXPECT_NE(plan_error(settings).find("sweep 1 is in data.training and in data.held_out"), std::string::npos);
  settings = small_fit("cmaes", 10);
  settings.window = std::pair{100.0, 50.0};
  EXPECT_NE(plan_error(settings).find("data.window = [100, 50]"), std::string::npos);

  settings = small_fit("lbfgs", 10);
  EXPECT_NE(plan_error(settings).find("needs a smooth objective"), std::string::npos);
  settings.objective = "trace_mse";
  settings.run.method = "heun";
  EXPECT_NE(plan_error(settings).find("optimizer.gradient = 'exact' integrates"), std::string::npos);

  settings = small_fit("cmaes", 10);
  settings.features = std::vector<std::string>{"AP_amplitude"};
  EXPECT_NE(plan_error(settings).find("AP_amplitude has one value per spike"), std::string::npos);
  settings.features = std::vector<std::string>{"AP1_amp"};
  EXPECT_NE(plan_error(settings).find("AP1_amp measures the action potential's shape"), std::string::npos);
  settings.features = std::vector<std::string>{"spike_count"};
  settings.sigma["mean_frequency"] = 2.0;
  EXPECT_NE(plan_error(settings).find("objective.sigma.mean_frequency is given"), std::string::npos);
  settings.sigma = {{"spike_count", -1.0}};
  EXPECT_NE(plan_error(settings).find("objective.sigma.spike_count = -1"), std::string::npos);
  settings = small_fit("cmaes", 10);
  settings.sigma_rule = "bootstrap";
  EXPECT_NE(plan_error(settings).find("objective.sigma = 'bootstrap'; allowed: a table of sigmas by feature, or "
                                      "\"repeats\""),
            std::string::npos);
  settings.sigma_rule = "repeats";  // the three sweeps of short_recording() have three commands
  EXPECT_NE(plan_error(settings).find("needs training sweeps that repeat one command; the training sweeps 0, 2 each"),
            std::string::npos);
  settings = pareto_fit(16);
  settings.optimizer = "cmaes";
  EXPECT_NE(plan_error(settings).find("objective.kind lists 2 objectives, a Pareto front: set optimizer.name = "
                                      "'nsga2' (found 'cmaes')"),
            std::string::npos);
  settings = small_fit("nsga2", 16);
  EXPECT_NE(plan_error(settings).find("optimizer.name = 'nsga2' finds the Pareto front of two or more objectives"),
            std::string::npos);
  settings = pareto_fit(16);
  settings.population = 10;
  EXPECT_NE(plan_error(settings).find("optimizer.population = 10; nsga2 needs a multiple of 4, at least 8"),
            std::string::npos);
  settings.objectives = std::vector<std::string>{"gamma", "gamma"};
  EXPECT_NE(plan_error(settings).find("objective.kind lists 'gamma' twice"), std::string::npos);
  settings.objectives = std::vector<std::string>{"gamma"};
  EXPECT_NE(plan_error(settings).find("a Pareto front needs two or more objectives"), std::string::npos);
  settings = small_fit("cmaes", 10);
  settings.objective = "likelihood";
  EXPECT_NE(plan_error(settings).find("objective.kind = 'likelihood' is unknown"), std::string::npos);
}

TEST(FitPlan, DefaultsAreTheModelsFittingRangesAndAlternateSweeps) {
  FitSettings settings = small_fit("cmaes", 10);
  settings.free.clear();
  settings.training.reset();
  settings.held_out.reset();
  const FitPlan plan = plan_fit(settings, short_recording());
  ASSERT_EQ(plan.free.size(), 9u);
  EXPECT_EQ(plan.free.front().name, "C");
  EXPECT_EQ(plan.free.front().min, 20.0);
  EXPECT_EQ(plan.free.front().max, 500.0);
  ASSERT_EQ(plan.training.size(), 2u);
  EXPECT_EQ(plan.training[1].sweep, 2);
  ASSERT_EQ(plan.held_out.size(), 1u);
  EXPECT_EQ(plan.held_out[0].sweep, 1);
}

// Repeats of one command: three sweeps of -100 pA whose voltages are moved by -1, 0 and +1 mV, and two of 250 pA
// as recorded (each sweep with its own noise). The baseline's pooled scatter is then that of the offsets,
// sqrt((1 + 0 + 1) / (2 + 1)) = 0.816 mV, give or take the noise of eFEL's 10 ms mean (0.02 mV a sweep); the
// deflection, from which the offsets cancel, scatters by the noise alone (eFEL reads its end from a few samples:
// about 0.15 mV), well below its default of 1 mV; the
// spike count, the same in every repeat, does not scatter and keeps its default.
TEST(FitPlan, SigmaFromRepeatsIsThePooledScatterOfSweepsWithOneCommand) {
  Protocol protocol;
  protocol.steps_pA = {-100.0, -100.0, -100.0, 250.0, 250.0, 150.0};
  protocol.step_start_ms = 100.0;
  protocol.step_end_ms = 300.0;
  protocol.sweep_ms = 400.0;
  Recording recording = testing_fit::synthetic_recording(true_cell(), protocol);
  for (int k = 0; k < 3; ++k) {
    for (double& v : recording.sweeps[static_cast<std::size_t>(k)].channels.front().samples) v += k - 1.0;
  }
  FitSettings settings = small_fit("cmaes", 10);
  settings.training = std::vector<int>{0, 1, 2, 3, 4};
  settings.held_out = std::vector<int>{5};
  settings.features = std::vector<std::string>{"voltage_base", "voltage_deflection", "spike_count"};
  settings.sigma_rule = "repeats";
  const FitPlan plan = plan_fit(settings, recording);
  ASSERT_EQ(plan.objective.sigma.size(), 3u);
  EXPECT_NEAR(plan.objective.sigma[0], std::sqrt(2.0 / 3.0), 0.05);
  EXPECT_EQ(plan.objective.sigma_source[0], "repeats");
  EXPECT_GT(plan.objective.sigma[1], 0.0);
  EXPECT_LT(plan.objective.sigma[1], 0.3);  // mV
  EXPECT_EQ(plan.objective.sigma_source[1], "repeats");
  EXPECT_EQ(plan.objective.sigma_source[2], "default");
  EXPECT_EQ(plan.objective.sigma[2], default_feature_sigma("spike_count"));
}

TEST(FitPlan, ATimeSplitTrainsBeforeAndScoresAfter) {
  FitSettings settings = small_fit("cmaes", 10);
  settings.training = std::vector<int>{2};
  settings.held_out.reset();
  settings.split_ms = 150.0;
  const FitPlan plan = plan_fit(settings, short_recording());
  ASSERT_EQ(plan.training.size(), 1u);
  ASSERT_EQ(plan.held_out.size(), 1u);
  EXPECT_LE(plan.training[0].data.time_ms.back(), 150.0);
  EXPECT_GE(plan.held_out[0].data.time_ms.front(), 150.0);
  EXPECT_EQ(plan.held_out[0].simulate_from_ms, 0.0);  // the model runs from the sweep's start either way
}

// The recorded command of every ABF sweep, rebuilt as a stimulus from its epochs, equals the command samples that
// the reader rebuilt from the protocol (away from the samples at the epochs' edges, where the stimulus is open).
TEST(CommandStimulus, EqualsTheRecordedCommandOfEveryAbfSweep) {
  const Recording recording = read_abf2(std::filesystem::path(NEURODYN_TEST_DATA_DIR) / "recordings/171116sh_0018.abf");
  for (const Sweep& sweep : recording.sweeps) {
    const Stimulus stimulus = command_stimulus(sweep);
    std::size_t compared = 0;
    for (std::size_t i = 0; i < sweep.time_ms.size(); ++i) {
      const double t = sweep.time_ms[i];
      const bool at_edge = std::any_of(sweep.epochs.begin(), sweep.epochs.end(), [t](const CommandEpoch& epoch) {
        return std::abs(t - epoch.start_ms) < 1e-9 || std::abs(t - epoch.end_ms) < 1e-9;
      });
      if (at_edge) continue;
      ASSERT_NEAR(stimulus.at(t).current, sweep.command->samples[i], 1e-9) << sweep.name << " t " << t;
      ++compared;
    }
    EXPECT_GT(compared, 59'000u);
  }
}

TEST(CommandStimulus, ASweepWithoutCommandIsRefused) {
  Sweep sweep;
  sweep.name = "sweep 3";
  EXPECT_THROW(
      {
        try {
          command_stimulus(sweep);
        } catch (const InputError& error) {
          EXPECT_NE(std::string(error.what()).find("sweep 3 has no recorded command"), std::string::npos);
          throw;
        }
      },
      InputError);
}

}  // namespace
