// Forward sensitivities by RK4 and Dormand-Prince (solve/sensitivity.hpp) against independent truths: central
// finite differences of the library's converged Dormand-Prince runs for spike times through resets, the
// differentiated closed-form solution of the leaky integrate-and-fire membrane below threshold for the state, and
// the order in dt.
#include "neurodyn/solve/sensitivity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/derivatives.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

// 2007 RS cell: 70 pA step at 100 ms, six spikes in 1 s.
Problem regular_spiking() { return testing::problem_from_preset("izh2007-RS"); }

Solution converged(const Problem& problem) {
  MethodOptions options = testing::method("dopri5", 0.01);
  options.rtol = options.atol = 1e-12;
  return testing::solve_spikes_only(problem, options);
}

// The problem with parameter `name` (or the step's "amplitude") moved by delta.
Problem moved(Problem problem, const std::string& name, double delta) {
  if (name == "amplitude") {
    auto components = problem.stimulus.components();
    std::get<StepCurrent>(components.front()).amplitude += delta;
    problem.stimulus = Stimulus(components);
    return problem;
  }
  ParameterValues values = parameter_values(problem.model);
  values[name] += delta;
  problem.model = make_model(model_name(problem.model), values);
  return problem;
}

double value_of(const Problem& problem, const std::string& name) {
  if (name == "amplitude") return std::get<StepCurrent>(problem.stimulus.components().front()).amplitude;
  return parameter_values(problem.model).at(name);
}

std::size_t column_of(const SensitivityResult& result, const std::string& name) {
  const auto found = std::find(result.parameters.begin(), result.parameters.end(), name);
  return static_cast<std::size_t>(found - result.parameters.begin());
}

// The parameters of the RS cell checked against differences: the preset's nine (vpeak enters the guard, c and
// d the reset map), the two slopes of the cutoff and the reset (both zero here), and the step amplitude.
const std::vector<std::string> checked_parameters = {"C", "k", "vr", "vt",           "vpeak",         "a",
                                                     "b", "c", "d",  "peak_u_slope", "reset_u_slope", "amplitude"};

// The step of the central differences, relative to the parameter's value (absolute at 0): 1e-6, except for the
// cutoff (vpeak and its slope; v_detect of Hodgkin-Huxley). A spike time moves little with the cutoff
// (dtau/dvpeak is about 0.02 ms/mV: v crosses it at 50 mV/ms and more), so the converged runs' 1e-11 ms of
// error over a 1e-6 step would blur that gradient at 1e-7; a 1e-4 step resolves it to 3e-9, while its
// truncation error (O(step^2)) stays below that.
double difference_step(const std::string& name, double value) {
  const double relative = name == "vpeak" || name == "peak_u_slope" || name == "v_detect" ? 1e-4 : 1e-6;
  return value == 0.0 ? relative : relative * std::abs(value);
}

// dtau_k/dtheta by central differences of converged runs, and the work they took.
struct Differences {
  std::vector<double> spike_times;
  std::map<std::string, std::vector<double>> gradients;
  long long rhs_evaluations = 0;
};

const Differences& rs_differences() {
  static const Differences differences = [] {
    Differences d;
    const Problem problem = regular_spiking();
    const Solution base = converged(problem);
    d.spike_times = base.spike_times;
    for (const std::string& name : checked_parameters) {
      const double step = difference_step(name, value_of(problem, name));
      const Solution plus = converged(moved(problem, name, step)), minus = converged(moved(problem, name, -step));
      EXPECT_TRUE(plus.ok() && minus.ok()) << name;
      EXPECT_EQ(plus.spike_times.size(), base.spike_times.size()) << name;
      EXPECT_EQ(minus.spike_times.size(), base.spike_times.size()) << name;
      auto& gradient = d.gradients[name];
      for (std::size_t k = 0; k < std::min(plus.spike_times.size(), minus.spike_times.size()); ++k) {
        gradient.push_back((plus.spike_times[k] - minus.spike_times[k]) / (2.0 * step));
      }
      d.rhs_evaluations += plus.statistics.rhs_evaluations + minus.statistics.rhs_evaluations;
    }
    return d;
  }();
  return differences;
}

// The largest difference over the spikes between the sensitivities and the differences for one parameter,
// relative to the largest |dtau_k/dtheta| of that parameter (dtau_1/dd and dtau_1/dc are exactly 0: the first
// spike comes before any reset).
double worst_relative_difference(const SensitivityResult& result, const Differences& differences,
                                 const std::string& name) {
  const auto& reference = differences.gradients.at(name);
  double scale = 0.0, worst = 0.0;
  for (const double g : reference) scale = std::max(scale, std::abs(g));
  const std::size_t column = column_of(result, name);
  for (std::size_t k = 0; k < reference.size(); ++k) {
    worst = std::max(worst, std::abs(result.spike_gradient(k, column) - reference[k]) / scale);
  }
  return worst;
}

SensitivityResult rs_sensitivities(double dt) {
  SensitivityOptions options;
  options.amplitude = true;
  return solve_sensitivities(regular_spiking(), testing::method("rk4", dt), options);
}

// At dt = 0.001 ms the RK4 error (4e-6 of each gradient at dt = 0.1 ms, so about 4e-14 here) is far below what
// the differences resolve: the converged spike times carry about 1e-11 ms of error, which a difference quotient
// turns into a few 1e-9 of the gradient, and that is the agreement reached (at most 9e-9 over the twelve
// parameters). The bound 1e-7 leaves room for the reference's rounding on another machine.
TEST(Sensitivity, SpikeTimeGradientsOfTheRsCellMatchDifferencesOfConvergedRuns) {
  const Differences& differences = rs_differences();
  const SensitivityResult result = rs_sensitivities(0.001);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(result.spike_times.size(), 6u);
  ASSERT_EQ(differences.spike_times.size(), 6u);
  for (std::size_t k = 0; k < 6; ++k) EXPECT_NEAR(result.spike_times[k], differences.spike_times[k], 1e-9);
  ASSERT_EQ(result.parameter_count(), 17u);
  EXPECT_EQ(result.parameters.back(), "amplitude");
  EXPECT_EQ(result.units.back(), "pA");
  for (const std::string& name : checked_parameters) {
    const double worst = worst_relative_difference(result, differences, name);
    EXPECT_LT(worst, 1e-7) << name;
    std::printf("d tau / d %-13s  largest relative difference %.2g\n", name.c_str(), worst);
  }
  // The work of one gradient of every spike time against all 17 entries of theta, against that of the
  // differences (two converged runs per parameter, for the 12 checked here).
  EXPECT_EQ(result.counts.reset_derivative_evaluations, 6);
  // Four f per RK4 step, three for the step that re-integrates to a spike (it reuses the first stage) and three
  // more per spike: f at the end of the step for the locator's interpolant, f^- and f^+. Each stage's dual pass
  // carries the 17 columns.
  const long long stages = 4 * result.counts.steps - 6;
  EXPECT_EQ(result.counts.rhs_evaluations, stages + 3 * 6);
  EXPECT_EQ(result.counts.directional_derivatives, 17 * stages);
  std::printf("sensitivities: %lld steps, %lld f, %lld directional derivatives; differences: %lld f\n",
              result.counts.steps, result.counts.rhs_evaluations, result.counts.directional_derivatives,
              differences.rhs_evaluations);
}

// Dormand-Prince 5(4) at rtol = atol = 1e-10, its steps controlled by the error of x and S: the gradients match
// the differences of converged runs to 1e-5 of each (a few 1e-9 is reached). At rest (before the step) x does not
// move while S_vr grows: with x alone in control the steps grow there until S_vr is wrong by its own size.
TEST(Sensitivity, DormandPrinceSpikeTimeGradientsMatchDifferencesOfConvergedRuns) {
  const Differences& differences = rs_differences();
  MethodOptions dopri5 = testing::method("dopri5", 0.01);
  dopri5.rtol = dopri5.atol = 1e-10;
  SensitivityOptions options;
  options.amplitude = true;
  const SensitivityResult result = solve_sensitivities(regular_spiking(), dopri5, options);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(result.spike_times.size(), 6u);
  for (std::size_t k = 0; k < 6; ++k) EXPECT_NEAR(result.spike_times[k], differences.spike_times[k], 1e-7);
  for (const std::string& name : checked_parameters) {
    const double worst = worst_relative_difference(result, differences, name);
    EXPECT_LT(worst, 1e-5) << name;
    std::printf("dopri5: d tau / d %-13s  largest relative difference %.2g\n", name.c_str(), worst);
  }
  std::printf("dopri5 sensitivities: %lld steps (%lld rejected), %lld f\n", result.counts.steps,
              result.counts.rejected_steps, result.counts.rhs_evaluations);
}

// Asking for some parameters gives the same columns as asking for all (each column is its own directional
// derivative), in the order asked, with a dual pass that carries only those.
TEST(Sensitivity, ChosenParametersGiveTheSameColumnsForLessWork) {
  const MethodOptions rk4 = testing::method("rk4", 0.01);
  SensitivityOptions all;
  all.amplitude = true;
  const SensitivityResult full = solve_sensitivities(regular_spiking(), rk4, all);
  SensitivityOptions some = all;
  some.parameters = {"d", "a", "b"};
  const SensitivityResult chosen = solve_sensitivities(regular_spiking(), rk4, some);
  ASSERT_TRUE(full.ok() && chosen.ok());
  EXPECT_EQ(chosen.parameters, (std::vector<std::string>{"d", "a", "b", "amplitude"}));
  EXPECT_EQ(chosen.units, (std::vector<std::string>{"pA", "1/ms", "nS", "pA"}));
  EXPECT_EQ(chosen.spike_times, full.spike_times);
  EXPECT_EQ(chosen.final_state, full.final_state);
  for (std::size_t c = 0; c < chosen.parameter_count(); ++c) {
    const std::size_t column = column_of(full, chosen.parameters[c]);
    for (std::size_t k = 0; k < chosen.spike_times.size(); ++k) {
      EXPECT_DOUBLE_EQ(chosen.spike_gradient(k, c), full.spike_gradient(k, column)) << chosen.parameters[c];
    }
    for (std::size_t i = 0; i < chosen.dimension; ++i) {
      EXPECT_DOUBLE_EQ(chosen.sensitivity(i, c), full.sensitivity(i, column)) << chosen.parameters[c];
    }
  }
  EXPECT_EQ(chosen.counts.rhs_evaluations, full.counts.rhs_evaluations);
  EXPECT_EQ(chosen.counts.directional_derivatives * 17, full.counts.directional_derivatives * 4);
}

// The first spike precedes every reset: its time does not depend on c or d, nor on the reset slope, exactly.
TEST(Sensitivity, FirstSpikeDoesNotDependOnTheReset) {
  const SensitivityResult result = rs_sensitivities(0.01);
  ASSERT_TRUE(result.ok()) << result.message;
  for (const char* name : {"c", "d", "reset_u_slope", "u_max"}) {
    EXPECT_EQ(result.spike_gradient(0, column_of(result, name)), 0.0) << name;
  }
}

// The spike-time gradient error falls as dt^4: RK4 and the cubic Hermite locator are both fourth order (the
// state and S at the crossing come from an RK4 step, not from the interpolant). Over dt = 0.2 ... 0.05 ms the
// error goes from about 5e-5 to 3e-7 of each gradient, well above the differences' 1e-8; the observed order
// is 3.8.
TEST(Sensitivity, SpikeTimeGradientErrorIsFourthOrderInDt) {
  const Differences& differences = rs_differences();
  for (const std::string name : {"a", "b", "d", "amplitude"}) {
    std::vector<double> steps, errors;
    for (int k = 0; k <= 4; ++k) {
      const double dt = 0.2 * std::exp2(-0.5 * k);
      const SensitivityResult result = rs_sensitivities(dt);
      ASSERT_TRUE(result.ok()) << result.message;
      ASSERT_EQ(result.spike_times.size(), 6u);
      steps.push_back(dt);
      errors.push_back(worst_relative_difference(result, differences, name));
    }
    const double order = testing::observed_order(steps, errors);
    EXPECT_NEAR(order, 4.0, 0.3) << name;
    std::printf("d tau / d %-9s  observed order %.2f (error %.2g at dt = 0.2 ms, %.2g at 0.05 ms)\n", name.c_str(),
                order, errors.front(), errors.back());
  }
}

// A model without a reset (Hodgkin-Huxley, squid axon, 10 uA/cm^2 from 10 ms): a spike is only an upward
// crossing of v_detect, so tau gets its gradient (g_theta = -1 for v_detect) and S goes on without a jump.
TEST(Sensitivity, SpikeTimeGradientsWithoutResetMatchDifferences) {
  const Problem problem = testing::problem_from_preset("hh-squid", 50.0);
  SensitivityOptions options;
  options.amplitude = true;
  const SensitivityResult result = solve_sensitivities(problem, testing::method("rk4", 0.0025), options);
  ASSERT_TRUE(result.ok()) << result.message;
  const Solution base = converged(problem);
  ASSERT_GE(base.spike_times.size(), 3u);
  ASSERT_EQ(result.spike_times.size(), base.spike_times.size());
  for (const std::string name : {"g_Na", "g_K", "E_K", "v_detect", "amplitude"}) {
    const double step = difference_step(name, value_of(problem, name));
    const Solution plus = converged(moved(problem, name, step)), minus = converged(moved(problem, name, -step));
    ASSERT_EQ(plus.spike_times.size(), base.spike_times.size()) << name;
    ASSERT_EQ(minus.spike_times.size(), base.spike_times.size()) << name;
    double scale = 0.0, worst = 0.0;
    std::vector<double> differences;
    for (std::size_t k = 0; k < base.spike_times.size(); ++k) {
      differences.push_back((plus.spike_times[k] - minus.spike_times[k]) / (2.0 * step));
      scale = std::max(scale, std::abs(differences.back()));
    }
    for (std::size_t k = 0; k < differences.size(); ++k) {
      worst = std::max(worst, std::abs(result.spike_gradient(k, column_of(result, name)) - differences[k]) / scale);
    }
    EXPECT_LT(worst, 1e-7) << name;
    std::printf("hh: d tau / d %-9s  largest relative difference %.2g\n", name.c_str(), worst);
  }
}

// A LIF cell without refractoriness from -65 mV, 200 pA from 20 ms: below threshold for 100 ms.
Problem subthreshold_lif() {
  Problem problem;
  problem.model = make_model("lif", {{"t_ref", 0.0}});
  problem.initial_state = {-65.0};
  problem.stimulus = parse_stimulus("step:amp=200,start=20", 100.0);
  problem.t_end = 100.0;
  return problem;
}

// Below threshold the LIF membrane C v' = -g_L (v - E_L) + I has the closed form
//   v(t) = v_inf + (v(t_s) - v_inf) exp(-(t - t_s) g_L / C),  v_inf = E_L + I / g_L,
// on each piece of a step input; its derivatives, taken by dual numbers through that formula, are the exact
// sensitivities. No spike: S has no jump, and v_threshold, v_reset and t_ref do not enter.
TEST(Sensitivity, SubthresholdLifMatchesTheDifferentiatedClosedForm) {
  const Problem problem = subthreshold_lif();
  SensitivityOptions options;
  options.amplitude = true;
  options.record_grid = true;
  const SensitivityResult result = solve_sensitivities(problem, testing::method("rk4", 0.01), options);
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_TRUE(result.spike_times.empty());
  ASSERT_EQ(result.parameters,
            (std::vector<std::string>{"C", "g_L", "E_L", "v_threshold", "v_reset", "t_ref", "amplitude"}));
  ASSERT_EQ(result.times.size(), 10001u);

  using Number = Dual<7>;
  const Number capacitance(250.0, 7, 0), leak(25.0, 7, 1), rest(-70.0, 7, 2), amplitude(200.0, 7, 6);
  const auto exact = [&](double t) {
    const Number v_step = rest + (problem.initial_state[0] - rest) * exp(-std::min(t, 20.0) * leak / capacitance);
    if (t <= 20.0) return v_step;
    const Number v_inf = rest + amplitude / leak;
    return Number(v_inf + (v_step - v_inf) * exp(-(t - 20.0) * leak / capacitance));
  };
  for (const std::size_t sample :
       {std::size_t{500}, std::size_t{2000}, std::size_t{2001}, std::size_t{5000}, std::size_t{10000}}) {
    const double t = result.times[sample];
    const Number v = exact(t);
    EXPECT_NEAR(result.states[sample], v.value(), 1e-10) << "t = " << t;
    for (std::size_t j = 0; j < 7; ++j) {
      const double sensitivity = result.sensitivities[sample * 7 + j];
      EXPECT_NEAR(sensitivity, v.derivatives()[static_cast<Eigen::Index>(j)],
                  1e-9 * std::max(1.0, std::abs(v.derivatives()[static_cast<Eigen::Index>(j)])))
          << "d v / d " << result.parameters[j] << " at t = " << t;
    }
  }
  EXPECT_EQ(result.final_sensitivity, std::vector<double>(result.sensitivities.end() - 7, result.sensitivities.end()));
}

// Dormand-Prince records the state and S on the asked grid from its continuous extension: at rtol = atol = 1e-9
// they follow the same closed form to 1e-6.
TEST(Sensitivity, DormandPrinceRecordsTheClosedFormOnItsGrid) {
  const Problem problem = subthreshold_lif();
  MethodOptions dopri5 = testing::method("dopri5", 0.01);
  dopri5.rtol = dopri5.atol = 1e-9;
  SensitivityOptions options;
  options.parameters = {"g_L", "C"};
  options.amplitude = true;
  options.record_grid = true;
  options.record_step = 0.5;
  const SensitivityResult result = solve_sensitivities(problem, dopri5, options);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_EQ(result.times.size(), 201u);
  EXPECT_LT(result.counts.steps, 200);  // far fewer steps than grid points
  using Number = Dual<3>;
  const Number leak(25.0, 3, 0), capacitance(250.0, 3, 1), amplitude(200.0, 3, 2);
  const double rest = -70.0;
  for (std::size_t sample = 0; sample < result.times.size(); ++sample) {
    const double t = result.times[sample];
    EXPECT_NEAR(t, 0.5 * static_cast<double>(sample), 1e-12);
    const Number v_step = rest + (problem.initial_state[0] - rest) * exp(-std::min(t, 20.0) * leak / capacitance);
    const Number v_inf = rest + amplitude / leak;
    const Number v = t <= 20.0 ? v_step : Number(v_inf + (v_step - v_inf) * exp(-(t - 20.0) * leak / capacitance));
    EXPECT_NEAR(result.states[sample], v.value(), 1e-6) << "t = " << t;
    for (std::size_t j = 0; j < 3; ++j) {
      const double exact = v.derivatives()[static_cast<Eigen::Index>(j)];
      EXPECT_NEAR(result.sensitivities[sample * 3 + j], exact, 1e-6 * std::max(1.0, std::abs(exact)))
          << "d v / d " << result.parameters[j] << " at t = " << t;
    }
  }
}

// An initial state that follows the parameters: u0 = b (v0 - vr), the steady state of u at v0. The sensitivity
// started from du0/db = v0 - vr and du0/dvr = -b matches central differences of converged runs in which u0 is
// recomputed from the moved parameter.
TEST(Sensitivity, InitialSensitivityCarriesAParameterDependentStart) {
  Problem problem = regular_spiking();
  const double v0 = -64.0;
  const auto start = [&](Problem p) {
    const ParameterValues moved_values = parameter_values(p.model);
    p.initial_state = {v0, moved_values.at("b") * (v0 - moved_values.at("vr"))};
    return p;
  };
  problem = start(problem);
  const ParameterValues values = parameter_values(problem.model);
  ASSERT_NE(problem.initial_state[1], 0.0);
  SensitivityOptions options;
  const MethodOptions rk4 = testing::method("rk4", 0.005);
  const SensitivityResult plain = solve_sensitivities(problem, rk4, options);
  const std::size_t p = plain.parameter_count();
  options.initial_sensitivity.assign(2 * p, 0.0);
  options.initial_sensitivity[p + column_of(plain, "b")] = v0 - values.at("vr");
  options.initial_sensitivity[p + column_of(plain, "vr")] = -values.at("b");
  const SensitivityResult result = solve_sensitivities(problem, rk4, options);
  ASSERT_TRUE(result.ok()) << result.message;
  ASSERT_GE(result.spike_times.size(), 5u);
  for (const std::string name : {"b", "vr"}) {
    const double h = difference_step(name, values.at(name));
    const Solution up = converged(start(moved(problem, name, h)));
    const Solution down = converged(start(moved(problem, name, -h)));
    ASSERT_EQ(up.spike_times.size(), result.spike_times.size());
    for (std::size_t k = 0; k < result.spike_times.size(); ++k) {
      const double difference = (up.spike_times[k] - down.spike_times[k]) / (2.0 * h);
      EXPECT_NEAR(result.spike_gradient(k, column_of(result, name)), difference, 1e-5 * std::abs(difference) + 1e-9)
          << name << " spike " << k;
    }
  }
  // Without the initial sensitivity, the gradient in b misses the start's dependence on it.
  EXPECT_GT(std::abs(plain.spike_gradient(0, column_of(plain, "b")) - result.spike_gradient(0, column_of(result, "b"))),
            1e-3 * std::abs(result.spike_gradient(0, column_of(result, "b"))));
}

TEST(Sensitivity, RefusesWhatItDoesNotCover) {
  const MethodOptions rk4 = testing::method("rk4", 0.01);
  Problem sine = regular_spiking();
  sine.stimulus = parse_stimulus("sine:amp=70,freq_hz=5", 1000.0);
  SensitivityOptions with_amplitude;
  with_amplitude.amplitude = true;
  EXPECT_THROW(solve_sensitivities(sine, rk4, with_amplitude), InputError);
  EXPECT_NO_THROW(solve_sensitivities(sine, rk4));  // the parameters alone are fine

  Problem refractory;
  refractory.model = make_model("lif");  // t_ref = 2 ms: the hold would move with the spike time
  refractory.initial_state = {-70.0};
  EXPECT_THROW(solve_sensitivities(refractory, rk4), InputError);

  EXPECT_THROW(solve_sensitivities(regular_spiking(), testing::method("rk4", 2000.0)), InputError);
  EXPECT_THAT([] { solve_sensitivities(regular_spiking(), testing::method("euler", 0.01)); },
              ::testing::ThrowsMessage<InputError>(
                  ::testing::HasSubstr("method 'euler' are not implemented; allowed: rk4, dopri5")));

  SensitivityOptions wrong_start;
  wrong_start.initial_sensitivity = {1.0, 2.0, 3.0};  // not n x P
  EXPECT_THROW(solve_sensitivities(regular_spiking(), rk4, wrong_start), InputError);

  SensitivityOptions unknown;
  unknown.parameters = {"a", "tau_w"};
  EXPECT_THAT([&] { solve_sensitivities(regular_spiking(), rk4, unknown); },
              ::testing::ThrowsMessage<InputError>(
                  ::testing::HasSubstr("'tau_w' is not a parameter of model izh2007; allowed: C, k")));
  SensitivityOptions twice;
  twice.parameters = {"a", "a"};
  EXPECT_THROW(solve_sensitivities(regular_spiking(), rk4, twice), InputError);
}

}  // namespace
}  // namespace neurodyn
