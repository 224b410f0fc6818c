// FitzHugh-Nagumo: the resting state, the Hopf point of docs/reference.md section 3 (I = 0.3313), and the
// Lienard form against the first-order form (the same v(t), docs/reference.md section 3).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "neurodyn/model/fitzhugh_nagumo.hpp"
#include "neurodyn/model/fitzhugh_nagumo_lienard.hpp"

namespace {

using namespace neurodyn;

TEST(FitzHughNagumo, RestingStateOfTheClassicParameters) {
  // v^3 + 0.75 v + 2.625 = 0 (a = 0.7, b = 0.8, I = 0): v = -1.1994080352..., w = (v + a)/b.
  const FitzHughNagumo model;
  const FitzHughNagumo::State rest = model.default_initial_state();
  EXPECT_NEAR(rest[0], -1.199408035244035, 1e-14);
  EXPECT_NEAR(rest[1], -0.6242600440550439, 1e-14);
  EXPECT_LT(model.rhs(rest, {}).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(FitzHughNagumo, RestingStateIsTheLeftmostOfThreeFixedPoints) {
  // a = 0.1, b = 2.5: v^3 - 1.8 v + 0.12 = 0 has three real roots; scan for the leftmost sign change of
  // the v-rate along the w-nullcline w = (v + a)/b.
  const FitzHughNagumo model{{.a = 0.1, .b = 2.5, .e = 0.08, .v_threshold = 1.0}};
  const auto v_rate = [&](double v) { return model.rhs({v, (v + model.a) / model.b}, {})[0]; };
  double leftmost = NAN;
  for (double v = -3.0; v < 3.0; v += 1e-3) {
    if ((v_rate(v) > 0.0) != (v_rate(v + 1e-3) > 0.0)) {
      leftmost = v;
      break;
    }
  }
  const FitzHughNagumo::State rest = model.resting_state(0.0);
  EXPECT_NEAR(rest[0], leftmost, 1e-3);
  EXPECT_LT(model.rhs(rest, {}).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(FitzHughNagumo, RestingStateWithoutWDecay) {
  // b = 0: w' = e (v + a) vanishes only at v = -a.
  const FitzHughNagumo model{{.a = 0.5, .b = 0.0, .e = 0.08, .v_threshold = 1.0}};
  const FitzHughNagumo::State rest = model.resting_state(0.2);
  EXPECT_EQ(rest[0], -0.5);
  EXPECT_LT(model.rhs(rest, {0.2, 0.0}).cwiseAbs().maxCoeff(), 1e-15);
}

TEST(FitzHughNagumo, HopfPointOfReference) {
  // The rest state loses stability where the trace of the Jacobian at the fixed point changes sign.
  const FitzHughNagumo model;
  const auto trace_at_rest = [&](double current) {
    return model.jacobian(model.resting_state(current), {current, 0.0}).trace();
  };
  double stable = 0.0, unstable = 1.0;
  ASSERT_LT(trace_at_rest(stable), 0.0);
  ASSERT_GT(trace_at_rest(unstable), 0.0);
  for (int i = 0; i < 60; ++i) {
    const double middle = (stable + unstable) / 2.0;
    (trace_at_rest(middle) < 0.0 ? stable : unstable) = middle;
  }
  EXPECT_NEAR(stable, 0.3313, 5e-5);
}

TEST(FitzHughNagumo, DisplacedVKeepsTheRestingW) {
  const FitzHughNagumo model;
  EXPECT_EQ(model.initial_state(0.5, std::nullopt)[1], model.default_initial_state()[1]);
  EXPECT_EQ(model.initial_state(0.5, 0.25), FitzHughNagumo::State(0.5, 0.25));
}

TEST(FitzHughNagumoLienard, InitialStateIsTheFirstOrderVRate) {
  const FitzHughNagumoLienard model;
  const FitzHughNagumo first_order;
  // v'(0) = v0 - v0^3/3 - w0 + I(0): with I(0) = 0 in initial_state, given I(0) in from_first_order.
  EXPECT_EQ(model.initial_state(1.5, 0.25), FitzHughNagumoLienard::State(1.5, 1.5 - 1.125 - 0.25));
  EXPECT_DOUBLE_EQ(FitzHughNagumoLienard::from_first_order(1.5, 0.25, 0.4)[1],
                   first_order.rhs({1.5, 0.25}, {0.4, 0.0})[0]);
  // At rest v' = 0.
  EXPECT_NEAR(model.default_initial_state()[1], 0.0, 1e-15);
  EXPECT_EQ(model.default_initial_state()[0], first_order.default_initial_state()[0]);
}

TEST(FitzHughNagumoLienard, InputJumpMovesTheVRateByTheJump) {
  const FitzHughNagumoLienard model;
  const FitzHughNagumoLienard::State x(0.3, -0.2);
  EXPECT_EQ(model.on_input_jump(x, 0.1, 0.6), FitzHughNagumoLienard::State(0.3, 0.3));
  EXPECT_EQ(model.on_input_jump(x, 0.6, 0.6), x);
}

// The second component of the Lienard rhs is d/dt of the first-order v' along the first-order flow:
// d/dt (v - v^3/3 - w + I) = (1 - v^2) v' - w' + I'.
TEST(FitzHughNagumoLienard, SecondDerivativeIsTheFirstOrderFlowsOwn) {
  const FitzHughNagumo first_order{{.a = 0.6, .b = 0.9, .e = 0.1, .v_threshold = 1.0}};
  const FitzHughNagumoLienard lienard{{.a = 0.6, .b = 0.9, .e = 0.1, .v_threshold = 1.0}};
  const Drive drive{0.45, -0.03};
  for (const FitzHughNagumo::State& x : {FitzHughNagumo::State(-1.2, -0.6), FitzHughNagumo::State(0.4, 0.8),
                                         FitzHughNagumo::State(1.9, 1.1)}) {
    const FitzHughNagumo::State rate = first_order.rhs(x, drive);
    const double v_second = (1.0 - x[0] * x[0]) * rate[0] - rate[1] + drive.slope;
    const FitzHughNagumoLienard::State y(x[0], rate[0]);
    EXPECT_NEAR(lienard.rhs(y, drive)[0], rate[0], 1e-15);
    EXPECT_NEAR(lienard.rhs(y, drive)[1], v_second, 1e-13);
  }
}

// Classic RK4 over one smooth piece of the input [from, to] (no jump inside).
template <class M>
typename M::State rk4(const M& model, typename M::State x, double from, double to, int steps,
                      const std::function<Drive(double)>& input) {
  const double h = (to - from) / steps;
  for (int k = 0; k < steps; ++k) {
    const double t = from + k * h;
    const auto k1 = model.rhs(x, input(t));
    const auto k2 = model.rhs(x + h / 2 * k1, input(t + h / 2));
    const auto k3 = model.rhs(x + h / 2 * k2, input(t + h / 2));
    const auto k4 = model.rhs(x + h * k3, input(t + h));
    x += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return x;
}

TEST(FitzHughNagumoLienard, SameVoltageAsTheFirstOrderFormThroughRampAndJump) {
  // I(t) = 0.2 + 0.005 t on [0, 20), already on at t = 0; then a jump by +0.3 and constant 0.6 on [20, 60].
  const auto ramp = [](double t) { return Drive{0.2 + 0.005 * t, 0.005}; };
  const auto constant = [](double) { return Drive{0.6, 0.0}; };
  const FitzHughNagumo first_order;
  const FitzHughNagumoLienard lienard;
  const double v0 = -1.0, w0 = -0.5;

  FitzHughNagumo::State x(v0, w0);
  // As the solve layer does: the state from initial_state (I = 0), then the jump to I(t_start).
  FitzHughNagumoLienard::State y = lienard.on_input_jump(lienard.initial_state(v0, w0), 0.0, ramp(0.0).current);
  for (const auto& [from, to] : {std::pair{0.0, 10.0}, std::pair{10.0, 20.0}}) {
    x = rk4(first_order, x, from, to, 10000, ramp);
    y = rk4(lienard, y, from, to, 10000, ramp);
    EXPECT_NEAR(y[0], x[0], 1e-9) << "t = " << to;
    EXPECT_NEAR(y[1], first_order.rhs(x, ramp(to))[0], 1e-9) << "t = " << to;
  }
  y = lienard.on_input_jump(y, 0.3, 0.6);
  for (const auto& [from, to] : {std::pair{20.0, 40.0}, std::pair{40.0, 60.0}}) {
    x = rk4(first_order, x, from, to, 20000, constant);
    y = rk4(lienard, y, from, to, 20000, constant);
    EXPECT_NEAR(y[0], x[0], 1e-8) << "t = " << to;
  }
}

}  // namespace
