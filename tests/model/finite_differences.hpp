#pragma once
// Central finite differences of a model's right-hand side: the independent check of its derivatives (the
// analytic Jacobian and input gradient, and those from dual numbers). The tolerance of each entry allows for
// truncation (relative 1e-6) and for rounding, which grows as eps |f| / h.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fmt/format.h>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn::model_test {

template <class State>
std::string describe(const State& x) {
  std::ostringstream text;
  text << "state (" << x.transpose() << ")";
  return text.str();
}

inline double difference_tolerance(double derivative, double rhs_size, double step) {
  return 1e-6 * std::abs(derivative) + 100.0 * std::numeric_limits<double>::epsilon() * rhs_size / step + 1e-10;
}

// Checks column `column` of `derivatives` against (f(plus) - f(minus)) / (2 step).
template <int N>
void expect_column_matches_differences(const Eigen::MatrixXd& derivatives, int column, const StateVector<N>& f_plus,
                                       const StateVector<N>& f_minus, double step, std::string_view by) {
  for (int i = 0; i < N; ++i) {
    const double differences = (f_plus[i] - f_minus[i]) / (2.0 * step);
    const double rhs_size = std::max(std::abs(f_plus[i]), std::abs(f_minus[i]));
    EXPECT_NEAR(derivatives(i, column), differences, difference_tolerance(derivatives(i, column), rhs_size, step))
        << "d f" << i << " / d " << by;
  }
}

// A state Jacobian df/dx (analytic or not) against differences in each state variable.
template <NeuronModel M>
void expect_state_derivatives_match_differences(const M& model, const typename M::State& x, Drive drive,
                                                const JacobianMatrix<M::dimension>& jacobian) {
  SCOPED_TRACE(describe(x));
  for (int j = 0; j < M::dimension; ++j) {
    const double step = 1e-6 * std::max(1.0, std::abs(x[j]));
    typename M::State plus = x, minus = x;
    plus[j] += step;
    minus[j] -= step;
    expect_column_matches_differences<M::dimension>(jacobian, j, model.rhs(plus, drive), model.rhs(minus, drive),
                                                    step, fmt::format("x{}", j));
  }
}

template <NeuronModel M>
void expect_jacobian_matches_differences(const M& model, const typename M::State& x, Drive drive = {}) {
  expect_state_derivatives_match_differences(model, x, drive, model.jacobian(x, drive));
}

// A parameter Jacobian df/dp (columns in the order of M::parameters) against differences in each parameter,
// but for the parameters `at_a_switch`: those that sit where a rule of the model switches, so that f jumps
// between the two differences.
template <NeuronModel M>
void expect_parameter_derivatives_match_differences(const M& model, const typename M::State& x, Drive drive,
                                                    const Eigen::MatrixXd& jacobian,
                                                    const std::vector<std::string_view>& at_a_switch = {}) {
  SCOPED_TRACE(describe(x));
  ASSERT_EQ(jacobian.cols(), static_cast<Eigen::Index>(M::parameters.size()));
  for (std::size_t j = 0; j < M::parameters.size(); ++j) {
    const auto& field = M::parameters[j];
    if (std::ranges::find(at_a_switch, field.info.name) != at_a_switch.end()) continue;
    const double step = 1e-6 * std::max(1.0, std::abs(model.*(field.member)));
    M plus = model, minus = model;
    plus.*(field.member) += step;
    minus.*(field.member) -= step;
    expect_column_matches_differences<M::dimension>(jacobian, static_cast<int>(j), plus.rhs(x, drive),
                                                    minus.rhs(x, drive), step, field.info.name);
  }
}

template <NeuronModel M>
void expect_input_gradient_matches_differences(const M& model, const typename M::State& x, Drive drive = {}) {
  SCOPED_TRACE(describe(x));
  const double step = 1e-4 * std::max(1.0, std::abs(drive.current));
  Drive plus = drive, minus = drive;
  plus.current += step;
  minus.current -= step;
  expect_column_matches_differences<M::dimension>(model.input_gradient(x), 0, model.rhs(x, plus),
                                                  model.rhs(x, minus), step, "I");
}

}  // namespace neurodyn::model_test
