// Forward sensitivities by classical RK4 at a fixed step (include/neurodyn/solve/sensitivity.hpp).
//
// The state x and its sensitivity S = dx/dtheta are one augmented state (x, S column by column) stepped by the
// library's RK4 tableau (explicit_runge_kutta.hpp): every stage evaluates f for x and df/dx S + df/dtheta for S
// at the same stage state, so S is the exact derivative of the RK4 map of x and converges with order 4. The
// derivatives come from one dual-number pass (derivatives.hpp) with a direction for each state variable, each
// parameter and the input current. Steps end at the stimulus's jumps and bends (input_pieces.hpp), so S is
// continuous there and no step loses its order.
//
// A spike is an upward crossing of the guard within a step. It is located on the cubic Hermite interpolant of
// x over the step (x and f at both ends; its error is O(h^4), Hairer, Norsett & Wanner I, section II.6), by the
// library's bracketing search (located_crossing.hpp); x^- and S^- at the crossing tau come from one RK4 step
// of length tau - t_n from the start of the step. The spike time is then accurate to O(dt^4) and its gradient
// too. The jump of S at tau is the saltation condition of Aizerman & Gantmacher (1958) and Hiskens & Pai
// (2000), with R_x, R_theta, g_x and g_theta from a dual pass through the reset map and the guard.
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "explicit_runge_kutta.hpp"
#include "input_pieces.hpp"
#include "interpolants.hpp"
#include "located_crossing.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/model/derivatives.hpp"
#include "neurodyn/solve/sensitivity.hpp"

namespace neurodyn {
namespace {

// Model<double> -> Model<Q>: the model type on parameters of the number type Q (parameter_table.hpp).
template <class M, class Q>
struct ReboundModel;
template <template <class> class Model, class Q>
struct ReboundModel<Model<double>, Q> {
  using type = Model<Q>;
};

// dI/dA of a stimulus I = A shape(t): the shape as a stimulus of amplitude 1, for a single step or pulse train.
Stimulus amplitude_shape(const Stimulus& stimulus) {
  const auto& components = stimulus.components();
  if (components.size() == 1) {
    if (const auto* step = std::get_if<StepCurrent>(&components.front())) {
      StepCurrent shape = *step;
      shape.amplitude = 1.0;
      return Stimulus({shape});
    }
    if (const auto* pulses = std::get_if<PulseTrain>(&components.front())) {
      PulseTrain shape = *pulses;
      shape.amplitude = 1.0;
      return Stimulus({shape});
    }
  }
  throw InputError(fmt::format("the amplitude derivative needs a stimulus of one step or one pulse train "
                               "(step:amp=A,..., const:amp=A or pulses:amp=A,...); stimulus '{}' is not one",
                               stimulus.spec()));
}

template <NeuronModel M>
class SensitivityRk4 {
 public:
  static constexpr int n_state = M::dimension;
  static constexpr int n_parameters = parameter_count<M>;
  static constexpr int n_theta = n_parameters + 1;  // the parameters and the amplitude (zero unless asked for)
  static constexpr int n_directions = n_state + n_parameters + 1;  // dual directions: x, the parameters, I
  static constexpr int N = n_state * (1 + n_theta);  // the augmented state; RK4 steps it as one vector
  using State = typename M::State;
  using Augmented = StateVector<N>;
  using Sensitivity = Eigen::Matrix<double, n_state, n_theta>;
  using Number = Dual<n_directions>;
  using DualModel = typename ReboundModel<M, Number>::type;
  static_assert(EvaluatesOn<DualModel, Number>, "the sensitivities need the model's equations on dual numbers");

  SensitivityRk4(const M& model, const Problem& problem, const SensitivityOptions& options,
                 const Stimulus* shape)
      : model_(model), dual_model_(rebind<Number>(model)), options_(options), t_start_(problem.t_start),
        t_end_(problem.t_end), input_(problem.stimulus, problem.t_start, problem.t_end), shape_(shape),
        t_(problem.t_start) {
    for (int j = 0; j < n_parameters; ++j) {
      (dual_model_.*(DualModel::parameters[static_cast<std::size_t>(j)].member)).derivatives() =
          Number::DerType::Unit(n_state + j);
    }
    X_.setZero();
    for (int i = 0; i < n_state; ++i) X_[i] = problem.initial_state[static_cast<std::size_t>(i)];
    if (!options.initial_sensitivity.empty()) {
      const int columns = n_parameters + (options.amplitude ? 1 : 0);  // P: theta as the result lists it
      if (options.initial_sensitivity.size() != static_cast<std::size_t>(n_state * columns)) {
        throw InputError(fmt::format("initial_sensitivity has {} values; allowed: n x P = {} x {}",
                                     options.initial_sensitivity.size(), n_state, columns));
      }
      Eigen::Map<Sensitivity> initial(X_.data() + n_state);
      for (int i = 0; i < n_state; ++i) {
        for (int j = 0; j < columns; ++j) {
          initial(i, j) = options.initial_sensitivity[static_cast<std::size_t>(i * columns + j)];
        }
      }
    }
    const State x0 = X_.template head<n_state>();
    if (model_.reset(x0).hold_ms > 0.0) {
      throw InputError(fmt::format("sensitivities through a reset that holds the state are not implemented: model "
                                   "{} holds for {:g} ms after a spike; allowed: a hold of 0 (t_ref = 0)",
                                   M::name, model_.reset(x0).hold_ms));
    }
    if (model_.on_input_jump(x0, 0.0, 1.0) != x0) {
      throw InputError(fmt::format("sensitivities through a jump of the state with the input are not implemented "
                                   "(model {})",
                                   M::name));
    }
    update_shape();
  }

  // The right-hand side of the augmented system at (t, (x, S)): (f, df/dx S + df/dtheta). The RK4 tableau
  // (ClassicRungeKutta4) calls it at each stage.
  Augmented rhs(double t, const Augmented& augmented) {
    const State x = augmented.template head<n_state>();
    const Drive drive = input_.drive(t);
    ++counts_.rhs_evaluations;
    const State f = model_.rhs(x, drive);
    ++counts_.jacobian_evaluations;
    ++counts_.parameter_jacobian_evaluations;
    const auto derivatives = rows(dual_model_.field(dual_state(x), dual_drive(drive)));
    Augmented slope;
    slope.template head<n_state>() = f;
    Eigen::Map<Sensitivity> sensitivity_slope(slope.data() + n_state);
    sensitivity_slope.noalias() =
        derivatives.template leftCols<n_state>() * Eigen::Map<const Sensitivity>(augmented.data() + n_state);
    sensitivity_slope.template leftCols<n_parameters>() += derivatives.template middleCols<n_parameters>(n_state);
    sensitivity_slope.col(n_parameters) += shape_on_piece_ * derivatives.col(n_state + n_parameters);
    return slope;
  }

  SensitivityResult run() {
    const long long grid_steps = static_cast<long long>(std::ceil((t_end_ - t_start_) / options_.dt - 1e-9));
    if (options_.record_grid) record();
    for (long long k = 1; k <= grid_steps; ++k) {
      const double target = k == grid_steps ? t_end_ : t_start_ + static_cast<double>(k) * options_.dt;
      if (!advance_to(target)) break;
      if (options_.record_grid) record();
    }
    const std::size_t columns = theta_columns();
    for (int i = 0; i < n_state; ++i) {
      result_.final_state.push_back(X_[i]);
      for (std::size_t j = 0; j < columns; ++j) result_.final_sensitivity.push_back(sensitivity()(i, index(j)));
    }
    result_.dimension = n_state;
    for (const auto& row : M::parameters) {
      result_.parameters.emplace_back(row.info.name);
      result_.units.emplace_back(row.info.unit);
    }
    if (shape_ != nullptr) {
      result_.parameters.emplace_back("amplitude");
      result_.units.emplace_back(M::current_unit);
    }
    result_.counts = counts_;
    return std::move(result_);
  }

 private:
  // From t_ to the grid point `target`, splitting at input breaks and spikes. False when the run failed.
  bool advance_to(double target) {
    while (t_ < target) {
      if (t_ >= input_.piece_end() && input_.ends_at_break()) {
        input_.cross_break();
        update_shape();
      }
      const double step_end = std::min(target, input_.piece_end());
      const double h = step_end - t_;
      const Augmented start_slope = rhs(t_, X_);
      const Augmented end = step(start_slope, h);
      if (!within_step_budget()) return false;
      if (!end.allFinite()) {
        return fail(SolveStatus::unstable, fmt::format("the state became non-finite in the step ending at t = "
                                                       "{:.17g} ms; use a smaller dt",
                                                       step_end));
      }
      const State x_start = X_.template head<n_state>(), x_end = end.template head<n_state>();
      const double guard_start = model_.guard(x_start), guard_end = model_.guard(x_end);
      if (guard_start < 0.0 && guard_end >= 0.0) {
        ++counts_.rhs_evaluations;
        const detail::CubicHermiteInterpolant<n_state> path{x_start, start_slope.template head<n_state>(), x_end,
                                                    model_.rhs(x_end, input_.drive(step_end)), h};
        const double theta =
            detail::located_crossing([&](double s) { return model_.guard(path(s)); }, guard_start, guard_end);
        const double tau = theta >= 1.0 ? step_end : t_ + theta * h;
        const Augmented before = step(start_slope, tau - t_);
        if (!within_step_budget() || !spike(tau, before)) return false;
        if constexpr (M::has_reset) continue;  // from (tau, R(x^-)); the grid is kept
      }
      t_ = step_end;
      X_ = end;
    }
    return true;
  }

  // One RK4 step of length h from (t_, X_), whose slope there is `start_slope`.
  Augmented step(const Augmented& start_slope, double h) {
    ++counts_.steps;
    return detail::ClassicRungeKutta4{}.step(*this, t_, X_, start_slope, h).end;
  }

  // The spike at tau, with (x^-, S^-) = `before`: its time and gradient, and for a model with a reset the
  // jump of x and S (the saltation condition: Aizerman & Gantmacher 1958; Hiskens & Pai 2000).
  bool spike(double tau, const Augmented& before) {
    const State x = before.template head<n_state>();
    const Eigen::Map<const Sensitivity> sensitivity_before(before.data() + n_state);
    const Drive drive = input_.drive(tau);
    ++counts_.rhs_evaluations;
    const State f_before = model_.rhs(x, drive);
    ++counts_.reset_derivative_evaluations;
    const auto guard = rows(std::array<Number, 1>{dual_model_.spike_guard(dual_state(x))});
    const Eigen::Matrix<double, 1, n_state> guard_x = guard.template leftCols<n_state>();
    Eigen::Matrix<double, 1, n_theta> guard_theta = Eigen::Matrix<double, 1, n_theta>::Zero();
    guard_theta.template leftCols<n_parameters>() = guard.template middleCols<n_parameters>(n_state);
    const double rate = guard_x.dot(f_before);
    const Eigen::Matrix<double, 1, n_theta> tau_gradient = -(guard_x * sensitivity_before + guard_theta) / rate;
    if (!tau_gradient.allFinite()) {
      return fail(SolveStatus::unstable, fmt::format("the spike at t = {:.17g} ms grazes the cutoff (dg/dt = {:g}): "
                                                     "its time has no derivative",
                                                     tau, rate));
    }
    result_.spike_times.push_back(tau);
    for (std::size_t j = 0; j < theta_columns(); ++j) result_.spike_time_gradients.push_back(tau_gradient[index(j)]);
    if constexpr (M::has_reset) {
      const auto reset = dual_model_.reset_map(dual_state(x));
      const auto reset_derivatives = rows(reset);
      const Eigen::Matrix<double, n_state, n_state> reset_x = reset_derivatives.template leftCols<n_state>();
      Sensitivity reset_theta = Sensitivity::Zero();
      reset_theta.template leftCols<n_parameters>() = reset_derivatives.template middleCols<n_parameters>(n_state);
      State x_after;
      for (int i = 0; i < n_state; ++i) x_after[i] = reset[static_cast<std::size_t>(i)].value();
      ++counts_.rhs_evaluations;
      const State f_after = model_.rhs(x_after, drive);
      X_.template head<n_state>() = x_after;
      sensitivity() = reset_x * sensitivity_before + reset_theta + (reset_x * f_before - f_after) * tau_gradient;
      t_ = tau;
      if (!(model_.guard(x_after) < 0.0)) {
        return fail(SolveStatus::unstable, fmt::format("the reset at t = {:.17g} ms lands at or above the spike "
                                                       "cutoff; check c and vpeak",
                                                       tau));
      }
    }
    return true;
  }

  bool within_step_budget() {
    if (counts_.steps <= options_.max_steps) return true;
    return fail(SolveStatus::max_steps,
                fmt::format("the step budget max_steps = {} was exhausted at t = {:.17g} ms", options_.max_steps, t_));
  }

  bool fail(SolveStatus status, std::string message) {
    result_.status = status;
    result_.message = std::move(message);
    return false;
  }

  void record() {
    result_.times.push_back(t_);
    for (int i = 0; i < n_state; ++i) result_.states.push_back(X_[i]);
    for (int i = 0; i < n_state; ++i) {
      for (std::size_t j = 0; j < theta_columns(); ++j) result_.sensitivities.push_back(sensitivity()(i, index(j)));
    }
  }

  // dI/dA on the current input piece (constant there: a step or pulse train).
  void update_shape() {
    shape_on_piece_ = shape_ == nullptr ? 0.0 : shape_->limit(input_.piece_start(), Side::right).current;
  }

  std::size_t theta_columns() const { return static_cast<std::size_t>(n_parameters) + (shape_ == nullptr ? 0 : 1); }
  static Eigen::Index index(std::size_t j) { return static_cast<Eigen::Index>(j); }

  Eigen::Map<Sensitivity> sensitivity() { return Eigen::Map<Sensitivity>(X_.data() + n_state); }

  static std::array<Number, n_state> dual_state(const State& x) {
    std::array<Number, n_state> duals;
    for (int i = 0; i < n_state; ++i) duals[static_cast<std::size_t>(i)] = Number(x[i], n_directions, i);
    return duals;
  }
  static BasicDrive<Number> dual_drive(Drive drive) {
    return {Number(drive.current, n_directions, n_state + n_parameters), Number(drive.slope)};
  }
  // The derivatives of dual values, one row each.
  template <std::size_t L>
  static Eigen::Matrix<double, static_cast<int>(L), n_directions> rows(const std::array<Number, L>& values) {
    Eigen::Matrix<double, static_cast<int>(L), n_directions> derivatives;
    for (std::size_t i = 0; i < L; ++i) {
      derivatives.row(static_cast<Eigen::Index>(i)) = values[i].derivatives().transpose();
    }
    return derivatives;
  }

  const M& model_;
  DualModel dual_model_;
  const SensitivityOptions& options_;
  double t_start_, t_end_;
  detail::InputPieces input_;
  const Stimulus* shape_;
  double shape_on_piece_ = 0.0;
  double t_;
  Augmented X_;
  SensitivityCounts counts_;
  SensitivityResult result_;
};

void validate(const Problem& problem, const SensitivityOptions& options) {
  if (!std::isfinite(problem.t_start) || !std::isfinite(problem.t_end) || !(problem.t_end > problem.t_start)) {
    throw InputError(fmt::format("t_end = {:g} ms is not allowed; allowed: a finite time after t_start = {:g} ms",
                                 problem.t_end, problem.t_start));
  }
  if (!(options.dt > 0.0) || !(options.dt <= problem.t_end - problem.t_start)) {
    throw InputError(fmt::format("dt = {:g} ms is not allowed; allowed: 0 < dt <= the duration {:g} ms", options.dt,
                                 problem.t_end - problem.t_start));
  }
  if (!((problem.t_end - problem.t_start) / options.dt <= 1e15)) {
    throw InputError(fmt::format("dt = {:g} ms makes more than 1e15 steps; allowed: at most 1e15", options.dt));
  }
  validate_initial_state(problem);
}

}  // namespace

SensitivityResult solve_sensitivities(const Problem& problem, const SensitivityOptions& options) {
  validate(problem, options);
  const std::optional<Stimulus> shape =
      options.amplitude ? std::optional<Stimulus>(amplitude_shape(problem.stimulus)) : std::nullopt;
  return std::visit(
      [&](const auto& model) {
        using M = std::decay_t<decltype(model)>;
        return SensitivityRk4<M>(model, problem, options, shape ? &*shape : nullptr).run();
      },
      problem.model);
}

}  // namespace neurodyn
