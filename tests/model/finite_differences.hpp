#pragma once
// Central finite differences of a model's right-hand side: the independent check of the analytic Jacobian
// and input gradient. The tolerance of each entry allows for truncation (relative 1e-6) and for rounding,
// which grows as eps |f| / h.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn::model_test {

template <class State>
std::string describe(const State& x) {
  std::ostringstream text;
  text << "state (" << x.transpose() << ")";
  return text.str();
}

inline double difference_tolerance(double analytic, double rhs_size, double step) {
  return 1e-6 * std::abs(analytic) + 100.0 * std::numeric_limits<double>::epsilon() * rhs_size / step + 1e-10;
}

template <NeuronModel M>
void expect_jacobian_matches_differences(const M& model, const typename M::State& x, Drive drive = {}) {
  SCOPED_TRACE(describe(x));
  const JacobianMatrix<M::dimension> analytic = model.jacobian(x, drive);
  for (int j = 0; j < M::dimension; ++j) {
    const double step = 1e-6 * std::max(1.0, std::abs(x[j]));
    typename M::State plus = x, minus = x;
    plus[j] += step;
    minus[j] -= step;
    const typename M::State f_plus = model.rhs(plus, drive), f_minus = model.rhs(minus, drive);
    for (int i = 0; i < M::dimension; ++i) {
      const double differences = (f_plus[i] - f_minus[i]) / (2.0 * step);
      const double rhs_size = std::max(std::abs(f_plus[i]), std::abs(f_minus[i]));
      EXPECT_NEAR(analytic(i, j), differences, difference_tolerance(analytic(i, j), rhs_size, step))
          << "d f" << i << " / d x" << j;
    }
  }
}

template <NeuronModel M>
void expect_input_gradient_matches_differences(const M& model, const typename M::State& x, Drive drive = {}) {
  SCOPED_TRACE(describe(x));
  const typename M::State analytic = model.input_gradient(x);
  const double step = 1e-4 * std::max(1.0, std::abs(drive.current));
  Drive plus = drive, minus = drive;
  plus.current += step;
  minus.current -= step;
  const typename M::State f_plus = model.rhs(x, plus), f_minus = model.rhs(x, minus);
  for (int i = 0; i < M::dimension; ++i) {
    const double differences = (f_plus[i] - f_minus[i]) / (2.0 * step);
    const double rhs_size = std::max(std::abs(f_plus[i]), std::abs(f_minus[i]));
    EXPECT_NEAR(analytic[i], differences, difference_tolerance(analytic[i], rhs_size, step)) << "d f" << i << " / dI";
  }
}

// Both checks at every state.
template <NeuronModel M, class States>
void expect_derivatives_match_differences(const M& model, const States& states, Drive drive = {}) {
  for (const auto& x : states) {
    expect_jacobian_matches_differences(model, x, drive);
    expect_input_gradient_matches_differences(model, x, drive);
  }
}

}  // namespace neurodyn::model_test
