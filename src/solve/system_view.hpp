#pragma once
// What a stepper may use of the system it steps (stepper.hpp): the model's right-hand side and Jacobian at
// the input of the current piece, the input's rate of change, the weighted error norm, the method options,
// and the work counters. Every evaluation goes through here, so the counts are exact.
#include <algorithm>
#include <cmath>

#include "input_pieces.hpp"
#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn::detail {

template <NeuronModel M>
class SystemView {
 public:
  static constexpr int N = M::dimension;
  using State = typename M::State;

  SystemView(const M& model, const InputPieces& input, const MethodOptions& options, SolverStatistics& statistics)
      : model_(model), input_(input), options_(options), statistics_(statistics) {}

  const M& model() const { return model_; }
  const MethodOptions& options() const { return options_; }
  Drive drive(double t) const { return input_.drive(t); }

  State rhs(double t, const State& x) {
    ++statistics_.rhs_evaluations;
    return model_.rhs(x, drive(t));
  }

  JacobianMatrix<N> jacobian(double t, const State& x) {
    ++statistics_.jacobian_evaluations;
    return model_.jacobian(x, drive(t));
  }

  // df/dt along the input: df/dI * dI/dt.
  State input_rate(double t, const State& x) const { return model_.input_gradient(x) * drive(t).slope; }

  void count_newton_iterations(long long iterations) { statistics_.newton_iterations += iterations; }
  void count_rhs_evaluations(long long evaluations) { statistics_.rhs_evaluations += evaluations; }

  // Weighted RMS norm of an error estimate: each variable against atol * its scale + rtol * |value|, so mV
  // and pA are never mixed (docs/reference.md 5, mistake 5).
  double error_norm(const State& error, const State& start, const State& end) const {
    const State scale = model_.error_scale();
    double sum = 0.0;
    for (int i = 0; i < N; ++i) {
      const double weight =
          options_.atol * scale[i] + options_.rtol * std::max(std::abs(start[i]), std::abs(end[i]));
      sum += (error[i] / weight) * (error[i] / weight);
    }
    return std::sqrt(sum / N);
  }

 private:
  const M& model_;
  const InputPieces& input_;
  const MethodOptions& options_;
  SolverStatistics& statistics_;
};

}  // namespace neurodyn::detail
