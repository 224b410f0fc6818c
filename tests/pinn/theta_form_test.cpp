// The theta form against closed forms: the transform and its inverse, and the physics residual of exact solutions
// fed in as if they were a network's output.
#include "neurodyn/pinn/tensor_models.hpp"
// After the tensor overloads.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/pinn/theta_form.hpp"
#include "neurodyn/pinn/trained_dynamics.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {
namespace {

const at::TensorOptions float64 = at::TensorOptions().dtype(at::kDouble);

Problem izh2003_with_fixed_u(double current, double u) {
  Problem problem;
  problem.model = make_model("izh2003", {{"a", 0.0}});  // u' = 0: v' = 0.04 v^2 + 5 v + 140 - u + I alone
  problem.initial_state = {-65.0, u};
  problem.stimulus = parse_stimulus(fmt::format("const:amp={}", current), 100.0);
  return problem;
}

TEST(ThetaForm, VertexAndCurvatureAreReadOffTheModelsOwnVoltageRate) {
  const TrainedDynamics izh2003 = trained_dynamics(izh2003_with_fixed_u(10.0, -13.0));
  ASSERT_TRUE(izh2003.theta);
  EXPECT_NEAR(izh2003.theta->kappa, 0.04, 1e-17);
  EXPECT_NEAR(izh2003.theta->v_star, -62.5, 1e-13);  // -5 / (2 * 0.04)
  EXPECT_NEAR(izh2003.theta->scale, 25.0, 1e-13);
  Problem rs;
  rs.model = make_model("izh2007", {{"C", 100}, {"k", 0.7}, {"vr", -60}, {"vt", -40}});
  rs.initial_state = {-60.0, 0.0};
  const TrainedDynamics izh2007 = trained_dynamics(rs);
  EXPECT_NEAR(izh2007.theta->kappa, 0.007, 1e-17);   // k / C
  EXPECT_NEAR(izh2007.theta->v_star, -50.0, 1e-10);  // (vr + vt) / 2
}

TEST(ThetaForm, RefusesAVoltageRateThatIsNotAnUpwardParabola) {
  const auto refusal = [](auto&& dv_dt) {
    try {
      theta_form_of(dv_dt, "test-model");
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  // A cubic (FitzHugh-Nagumo's v - v^3/3): its wide samples look like a parabola, the check at +-20 mV does not.
  EXPECT_EQ(refusal([](double v) { return v - v * v * v / 3.0; }).rfind("the theta form needs v' quadratic in v", 0),
            0u);
  // An exponential (AdEx's upstroke): curved upwards everywhere, but not a parabola.
  EXPECT_NE(refusal([](double v) { return -(v + 70.0) + 2.0 * std::exp((v + 50.0) / 2.0); }), "accepted");
  // A parabola opening downwards has no blow-up to remove.
  EXPECT_EQ(refusal([](double v) { return 10.0 - 0.04 * v * v; }),
            "the theta form needs v' quadratic in v with a positive curvature, as in izh2003 and izh2007; "
            "test-model's v' is not (curvature -0.04 1/(mV ms))");
  EXPECT_NO_THROW(theta_form_of([](double v) { return 0.04 * v * v + 5.0 * v + 140.0; }, "izh2003"));
}

TEST(ThetaForm, TransformAndInverseAreExactToRounding) {
  const ThetaForm form = *trained_dynamics(izh2003_with_fixed_u(10.0, -13.0)).theta;
  // Near theta = pi/2 (v far above v*) tan amplifies the rounding of theta by about |v - v*| / s: the round
  // trip is exact to that conditioning.
  for (const double v : {-90.0, -65.0, -62.5, -40.0, 0.0, 30.0, 1e3}) {
    const double conditioning = 1.0 + std::abs(v - form.v_star) / form.scale;
    EXPECT_NEAR(form.voltage_of(form.theta_of(v)), v, 8.0 * 2.2e-16 * 62.5 * conditioning * conditioning) << v;
  }
  for (const double theta : {-1.5, -0.5, 0.0, 0.3, 1.3, 1.5}) {
    EXPECT_NEAR(form.theta_of(form.voltage_of(theta)), theta, 1e-15) << theta;
  }
  EXPECT_NEAR(form.theta_of(30.0), std::atan(92.5 / 25.0), 1e-15);  // the 2003 cutoff in theta
}

// v' = kappa (v - v*)^2 + q with q > 0 constant (u fixed): v(t) = v* + sqrt(q / kappa) tan(w t + phi), w =
// sqrt(kappa q); in theta, tan(theta) = (v - v*) / s.
struct TanSolution {
  double kappa, v_star, q, phi;
  double omega() const { return std::sqrt(kappa * q); }
  double amplitude() const { return std::sqrt(q / kappa); }
  double v(double t) const { return v_star + amplitude() * std::tan(omega() * t + phi); }
  double dv(double t) const {
    const double c = std::cos(omega() * t + phi);
    return amplitude() * omega() / (c * c);
  }
};

TEST(ThetaForm, PhysicsResidualVanishesOnTheQuadraticIntegrateAndFiresTanSolution) {
  // I = 10, u = -13: q = 140 - 156.25 + 13 + 10 = 6.75 mV/ms.
  const Problem problem = izh2003_with_fixed_u(10.0, -13.0);
  const TanSolution exact{0.04, -62.5, 6.75, -1.2};
  const TrainedDynamics theta = trained_dynamics(problem);
  const double s = theta.theta->scale;
  std::vector<double> t, v, dv, th, dth;
  for (double time = 0.0; time < 20.0; time += 0.37) {
    t.push_back(time);
    v.push_back(exact.v(time));
    dv.push_back(exact.dv(time));
    const double x = (exact.v(time) - exact.v_star) / s;
    th.push_back(std::atan(x));
    dth.push_back(exact.dv(time) / s / (1.0 + x * x));  // d atan(x) / dt
  }
  ASSERT_GT(*std::ranges::max_element(v), 30.0);  // past the cutoff: the whole upstroke
  const at::Tensor times = at::tensor(t, float64);
  const at::Tensor u = at::full({static_cast<int64_t>(t.size())}, -13.0, float64);
  const at::Tensor theta_rates = theta.rate(times, at::stack({at::tensor(th, float64), u}, 1));
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_NEAR(theta_rates[static_cast<int64_t>(i)][0].item<double>(), dth[i], 1e-13) << t[i];
    EXPECT_EQ(theta_rates[static_cast<int64_t>(i)][1].item<double>(), 0.0);
  }
  // The same solution in v, through the model's field on tensors.
  const auto& model = std::get<Izhikevich2003>(problem.model);
  const BasicDrive<at::Tensor> drive{at::full_like(u, 10.0), at::zeros_like(u)};
  const at::Tensor v_rate = model.field(std::array<at::Tensor, 2>{at::tensor(v, float64), u}, drive)[0];
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_NEAR(v_rate[static_cast<int64_t>(i)].item<double>(), dv[i], 1e-12 * std::max(1.0, std::abs(dv[i]))) << t[i];
  }
}

TEST(ThetaForm, RateIsBoundedThroughTheBlowUpWhereVoltageIsNot) {
  const TrainedDynamics theta = trained_dynamics(izh2003_with_fixed_u(10.0, -13.0));
  // At theta = pi/2, v is infinite; theta' = kappa s = 1 per ms.
  const at::Tensor y = at::tensor({std::numbers::pi / 2.0, -13.0}, float64).reshape({1, 2});
  const at::Tensor rate = theta.rate(at::zeros({1}, float64), y);
  EXPECT_NEAR(rate[0][0].item<double>(), 1.0, 1e-15);
}

TEST(TrainedDynamics, RefusesModelsOutsideTheSupportedOnes) {
  Problem problem;
  problem.model = make_model("adex");
  try {
    trained_dynamics(problem);
    FAIL() << "adex accepted";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "model: the PINN trains izh2003, izh2007, lif and fhn; got 'adex'");
  }
}

}  // namespace
}  // namespace neurodyn
