// Forward sensitivities by classical RK4 at a fixed step or by adaptive Dormand-Prince 5(4)
// (include/neurodyn/solve/sensitivity.hpp).
//
// The state x and its sensitivity S = dx/dtheta are one augmented state (x, then S column by column) stepped by the
// library's tableaus (explicit_runge_kutta.hpp, dormand_prince.hpp): every stage evaluates f for x and df/dx S +
// df/dtheta for S at the same stage state, so S is the exact derivative of the Runge-Kutta map of x (with the steps
// held fixed) and converges with the method's order. Both come from one dual-number pass (Eigen::AutoDiffScalar) whose
// directions are the columns of S: x_i carries row i of S, each parameter of theta its unit direction and the input
// current dI/dA, so the derivatives that come out are the Jacobian-vector products J S + f_theta directly. A pass
// carries 4 directions when at most 4 columns are asked for (a fit of a few parameters), else one per entry of the
// table. Steps end at the stimulus's jumps and bends (input_pieces.hpp), so S is continuous there and no step loses its
// order.
//
// Dormand-Prince chooses its steps by the error of x and S together, as CVODES does with full error control (Hindmarsh
// et al. 2005, ACM TOMS 31:363, section 3.2): x by the solver's weighted norm (system_view.hpp), S_ij against rtol
// |S_ij| + atol scale_i / |theta_j|. S must be controlled too: at rest x does not move and its steps would grow without
// bound while S still does. Its spike is located on the method's continuous extension, an RK4 step's on the cubic
// Hermite interpolant of x over the step (x and f at both ends; O(h^4), Hairer, Norsett & Wanner I, section II.6), by
// the library's bracketing search (located_crossing.hpp). x^- and S^- at the crossing tau come from one step of the
// same method of length tau - t_n from the start of the step. The jump of S at tau is the saltation condition of
// Aizerman & Gantmacher (1958) and Hiskens & Pai (2000).
#include <fmt/format.h>

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <unsupported/Eigen/AutoDiff>
#include <variant>

#include "dormand_prince.hpp"
#include "explicit_runge_kutta.hpp"
#include "input_pieces.hpp"
#include "interpolants.hpp"
#include "located_crossing.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/model/derivatives.hpp"
#include "neurodyn/solve/sensitivity.hpp"
#include "step_size_controller.hpp"

namespace neurodyn {
namespace {

// Model<double> -> Model<Q>: the model type on parameters of the number type Q (parameter_table.hpp).
template <class M, class Q>
struct ReboundModel;
template <template <class> class Model, class Q>
struct ReboundModel<Model<double>, Q> {
  using type = Model<Q>;
};

// A stimulus I = A shape(t) of one step or pulse train: dI/dA (the shape as a stimulus of amplitude 1) and A.
struct AmplitudeShape {
  Stimulus shape;
  double amplitude;
};

AmplitudeShape amplitude_shape(const Stimulus& stimulus) {
  const auto& components = stimulus.components();
  if (components.size() == 1) {
    if (const auto* step = std::get_if<StepCurrent>(&components.front())) {
      StepCurrent shape = *step;
      shape.amplitude = 1.0;
      return {Stimulus({shape}), step->amplitude};
    }
    if (const auto* pulses = std::get_if<PulseTrain>(&components.front())) {
      PulseTrain shape = *pulses;
      shape.amplitude = 1.0;
      return {Stimulus({shape}), pulses->amplitude};
    }
  }
  throw InputError(
      fmt::format("the amplitude derivative needs a stimulus of one step or one pulse train "
                  "(step:amp=A,..., const:amp=A or pulses:amp=A,...); stimulus '{}' is not one",
                  stimulus.spec()));
}

// The table rows of theta's parameters: `names` in their order, or the whole table when it is empty.
template <NeuronModel M>
std::vector<std::size_t> parameter_rows(const std::vector<std::string>& names) {
  std::vector<std::size_t> rows;
  if (names.empty()) {
    for (std::size_t j = 0; j < M::parameters.size(); ++j) rows.push_back(j);
    return rows;
  }
  std::string known;
  for (const auto& row : M::parameters) known += fmt::format("{}{}", known.empty() ? "" : ", ", row.info.name);
  for (const std::string& name : names) {
    const auto found = std::find_if(M::parameters.begin(), M::parameters.end(),
                                    [&](const auto& row) { return row.info.name == name; });
    if (found == M::parameters.end()) {
      throw InputError(
          fmt::format("sensitivity parameter '{}' is not a parameter of model {}; allowed: {}", name, M::name, known));
    }
    const auto row = static_cast<std::size_t>(found - M::parameters.begin());
    if (std::find(rows.begin(), rows.end(), row) != rows.end()) {
      throw InputError(fmt::format("sensitivity parameter '{}' is listed twice; allowed: each at most once", name));
    }
    rows.push_back(row);
  }
  return rows;
}

// The most columns of S a model can have: every parameter and the amplitude.
template <NeuronModel M>
constexpr int max_columns = parameter_count<M> + 1;

// K: the dual directions carried, fixed at compile time (fixed-size Eigen objects are copied inline and
// vectorised; run-time sizes cost a call to memmove per copy); the P <= K columns asked for are the first, the rest
// stay zero.
template <NeuronModel M, class Tableau, int K>
class ForwardSensitivity {
 public:
  static constexpr int n_state = M::dimension;
  static constexpr bool adaptive = std::is_same_v<Tableau, detail::DormandPrince54>;
  using State = typename M::State;
  using Augmented = StateVector<n_state*(1 + K)>;  // (x, S column by column)
  using Directions = Eigen::Matrix<double, K, 1>;
  using Number = Eigen::AutoDiffScalar<Directions>;  // one direction per column of S
  using DualModel = typename ReboundModel<M, Number>::type;
  using StateNumber = Dual<n_state>;  // one direction per state variable: g_x and R_x at a spike
  using StateDualModel = typename ReboundModel<M, StateNumber>::type;
  // S, n x P column-major (a one-row S is stored alike, and Eigen names that row-major).
  using Sensitivity =
      Eigen::Matrix<double, n_state, Eigen::Dynamic, n_state == 1 ? Eigen::RowMajor : Eigen::ColMajor, n_state, K>;
  static_assert(EvaluatesOn<DualModel, Number> && EvaluatesOn<StateDualModel, StateNumber>,
                "the sensitivities need the model's equations on dual numbers");

  // `shape`: dI/dA of the stimulus when theta holds its amplitude, which is then `amplitude`; else nullptr.
  ForwardSensitivity(const M& model, const Problem& problem, const MethodOptions& method,
                     const SensitivityOptions& options, const Stimulus* shape, double amplitude)
      : model_(model),
        dual_model_(rebind<Number>(model)),
        state_model_(rebind<StateNumber>(model)),
        method_(method),
        options_(options),
        rows_(parameter_rows<M>(options.parameters)),
        columns_(static_cast<int>(rows_.size()) + (shape != nullptr ? 1 : 0)),
        t_start_(problem.t_start),
        t_end_(problem.t_end),
        input_(problem.stimulus, problem.t_start, problem.t_end),
        shape_(shape),
        t_(problem.t_start),
        X_(Augmented::Zero()) {
    for (std::size_t j = 0; j < M::parameters.size(); ++j) {
      Directions seed = Directions::Zero();
      const auto column = std::find(rows_.begin(), rows_.end(), j);
      if (column != rows_.end()) seed[column - rows_.begin()] = 1.0;
      (dual_model_.*(DualModel::parameters[j].member)).derivatives() = seed;
    }
    for (const std::size_t row : rows_) theta_scale_.push_back(nonzero_magnitude(model_.*(M::parameters[row].member)));
    if (shape != nullptr) theta_scale_.push_back(nonzero_magnitude(amplitude));
    for (int i = 0; i < n_state; ++i) X_[i] = problem.initial_state[static_cast<std::size_t>(i)];
    if (!options.initial_sensitivity.empty()) {
      if (options.initial_sensitivity.size() != static_cast<std::size_t>(n_state * columns_)) {
        throw InputError(fmt::format("initial_sensitivity has {} values; allowed: n x P = {} x {}",
                                     options.initial_sensitivity.size(), n_state, columns_));
      }
      for (int i = 0; i < n_state; ++i) {
        for (int c = 0; c < columns_; ++c) {
          sensitivity()(i, c) = options.initial_sensitivity[static_cast<std::size_t>(i * columns_ + c)];
        }
      }
    }
    const State x0 = X_.template head<n_state>();
    if (model_.reset(x0).hold_ms > 0.0) {
      throw InputError(
          fmt::format("sensitivities through a reset that holds the state are not implemented: model "
                      "{} holds for {:g} ms after a spike; allowed: a hold of 0 (t_ref = 0)",
                      M::name, model_.reset(x0).hold_ms));
    }
    if (model_.on_input_jump(x0, 0.0, 1.0) != x0) {
      throw InputError(
          fmt::format("sensitivities through a jump of the state with the input are not implemented "
                      "(model {})",
                      M::name));
    }
    update_shape();
  }

  // The right-hand side of the augmented system at (t, (x, S)): (f, df/dx S + df/dtheta), from one dual pass.
  // The tableaus call it at each stage.
  Augmented rhs(double t, const Augmented& augmented) {
    const Drive drive = input_.drive(t);
    ++counts_.rhs_evaluations;
    counts_.directional_derivatives += columns_;
    Directions input_direction = Directions::Zero();
    if (shape_ != nullptr) input_direction[columns_ - 1] = shape_on_piece_;
    const BasicDrive<Number> dual_drive{Number(drive.current, input_direction),
                                        Number(drive.slope, Directions::Zero())};
    const auto f = dual_model_.field(seeded(augmented), dual_drive);
    Augmented slope = Augmented::Zero();
    for (int i = 0; i < n_state; ++i) {
      slope[i] = f[static_cast<std::size_t>(i)].value();
      for (int c = 0; c < columns_; ++c) slope[n_state * (1 + c) + i] = f[static_cast<std::size_t>(i)].derivatives()[c];
    }
    return slope;
  }

  // The weighted RMS norm of the error of (x, S): x as in the solver (system_view.hpp), S_ij with its absolute
  // tolerance divided by |theta_j| (1 where theta_j = 0), as CVODES's default.
  double error_norm(const Augmented& error, const Augmented& start, const Augmented& end) const {
    const State scale = model_.error_scale();
    double sum = 0.0;
    for (int c = -1; c < columns_; ++c) {
      const double absolute = c < 0 ? method_.atol : method_.atol / theta_scale_[static_cast<std::size_t>(c)];
      for (int i = 0; i < n_state; ++i) {
        const int k = n_state * (1 + c) + i;
        const double weight = absolute * scale[i] + method_.rtol * std::max(std::abs(start[k]), std::abs(end[k]));
        sum += (error[k] / weight) * (error[k] / weight);
      }
    }
    return std::sqrt(sum / static_cast<double>(n_state * (1 + columns_)));
  }

  SensitivityResult run() {
    if (options_.record_grid) record();
    if constexpr (adaptive) {
      integrate_adaptively();
    } else {
      const long long grid_steps = static_cast<long long>(std::ceil((t_end_ - t_start_) / method_.dt - 1e-9));
      for (long long k = 1; k <= grid_steps; ++k) {
        const double target = k == grid_steps ? t_end_ : t_start_ + static_cast<double>(k) * method_.dt;
        if (!advance_to(target)) break;
        if (options_.record_grid) record();
      }
    }
    for (int i = 0; i < n_state; ++i) {
      result_.final_state.push_back(X_[i]);
      for (int c = 0; c < columns_; ++c) result_.final_sensitivity.push_back(sensitivity()(i, c));
    }
    result_.dimension = n_state;
    for (const std::size_t row : rows_) {
      result_.parameters.emplace_back(M::parameters[row].info.name);
      result_.units.emplace_back(M::parameters[row].info.unit);
    }
    if (shape_ != nullptr) {
      result_.parameters.emplace_back("amplitude");
      result_.units.emplace_back(M::current_unit);
    }
    result_.counts = counts_;
    return std::move(result_);
  }

 private:
  // RK4: from t_ to the grid point `target`, splitting at input breaks and spikes. False when the run failed.
  bool advance_to(double target) {
    while (t_ < target) {
      cross_break_if_due();
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
      if (crosses(x_start, x_end)) {
        ++counts_.rhs_evaluations;
        const detail::CubicHermiteInterpolant<n_state> path{x_start, start_slope.template head<n_state>(), x_end,
                                                            model_.rhs(x_end, input_.drive(step_end)), h};
        const double tau = crossing_time(path, x_start, x_end, step_end, h);
        if (!spike(tau, step(start_slope, tau - t_))) return false;
        if constexpr (M::has_reset) continue;  // from (tau, R(x^-)); the grid is kept
      }
      t_ = step_end;
      X_ = end;
    }
    return true;
  }

  // Dormand-Prince over the whole run: steps by the error of x and S, never across an input break, FSAL reused.
  bool integrate_adaptively() {
    const detail::StepSizeController controller(Tableau::error_order);
    double h = std::min(method_.dt, t_end_ - t_start_);
    std::optional<Augmented> start_slope;
    while (t_ < t_end_) {
      if (cross_break_if_due()) start_slope.reset();
      const double piece_end = input_.piece_end();
      const bool lands_on_piece_end = h >= piece_end - t_;
      const double length = lands_on_piece_end ? piece_end - t_ : h;
      if (!start_slope) start_slope = rhs(t_, X_);
      const auto attempt = Tableau{}.attempt(*this, t_, X_, *start_slope, length);
      const bool finite = attempt.end.allFinite() && std::isfinite(attempt.error_norm);
      if (!finite || attempt.error_norm > 1.0) {
        ++counts_.rejected_steps;
        h = controller.after_rejection(length, attempt.error_norm, finite);
        if (h < method_.min_step) {
          return fail(SolveStatus::step_too_small,
                      fmt::format("the step fell below min_step = {:g} ms at t = {:.17g} ms; the error could not "
                                  "be controlled",
                                  method_.min_step, t_));
        }
        continue;
      }
      ++counts_.steps;
      if (!within_step_budget()) return false;
      const double step_end = lands_on_piece_end ? piece_end : t_ + length;
      h = controller.after_acceptance(length, attempt.error_norm);
      const auto path = Tableau{}.dense_output(attempt, X_, length);
      const State x_start = X_.template head<n_state>(), x_end = attempt.end.template head<n_state>();
      if (crosses(x_start, x_end)) {
        const double tau = crossing_time([&](double s) { return State(path(s).template head<n_state>()); }, x_start,
                                         x_end, step_end, length);
        if (options_.record_grid) record_on(path, t_, length, M::has_reset ? tau : step_end);
        if (!spike(tau, step(*start_slope, tau - t_))) return false;
        if constexpr (M::has_reset) {
          start_slope.reset();
          continue;
        }
      } else if (options_.record_grid) {
        record_on(path, t_, length, step_end);
      }
      t_ = step_end;
      X_ = attempt.end;
      start_slope = *attempt.end_slope;
    }
    return true;
  }

  // One step of the method of length h from (t_, X_), whose slope there is `start_slope` (Dormand-Prince's
  // error estimate is not looked at: the step to a spike is shorter than one already accepted).
  Augmented step(const Augmented& start_slope, double h) {
    if constexpr (adaptive) {
      return Tableau{}.attempt(*this, t_, X_, start_slope, h).end;
    } else {
      ++counts_.steps;
      return Tableau{}.step(*this, t_, X_, start_slope, h).end;
    }
  }

  bool crosses(const State& x_start, const State& x_end) const {
    return model_.guard(x_start) < 0.0 && model_.guard(x_end) >= 0.0;
  }

  // The upward crossing of the guard on `path` (the state over the step [t_, step_end] in its fraction).
  template <class Path>
  double crossing_time(const Path& path, const State& x_start, const State& x_end, double step_end, double h) const {
    const double theta = detail::located_crossing([&](double s) { return model_.guard(path(s)); },
                                                  model_.guard(x_start), model_.guard(x_end));
    return theta >= 1.0 ? step_end : t_ + theta * h;
  }

  // The spike at tau, with (x^-, S^-) = `before`: its time and gradient, and for a model with a reset the
  // jump of x and S (the saltation condition: Aizerman & Gantmacher 1958; Hiskens & Pai 2000):
  //   dtau/dtheta = -(g_x S^- + g_theta) / (g_x f^-),   S^+ = R_x S^- + R_theta + (R_x f^- - f^+) dtau/dtheta.
  // The duals seeded with S^- give g_x S^- + g_theta and R_x S^- + R_theta in one pass each; g_x and R_x come
  // from a pass with one direction per state variable.
  bool spike(double tau, const Augmented& before) {
    const State x = before.template head<n_state>();
    const Drive drive = input_.drive(tau);
    ++counts_.rhs_evaluations;
    const State f_before = model_.rhs(x, drive);
    ++counts_.reset_derivative_evaluations;
    std::array<StateNumber, n_state> x_state;
    for (int i = 0; i < n_state; ++i) x_state[static_cast<std::size_t>(i)] = StateNumber(x[i], n_state, i);
    const double rate = state_model_.spike_guard(x_state).derivatives().dot(f_before);
    const std::array<Number, n_state> x_seeded = seeded(before);
    const Number guard = dual_model_.spike_guard(x_seeded);
    Directions tau_gradient = Directions::Zero();
    for (int c = 0; c < columns_; ++c) tau_gradient[c] = -guard.derivatives()[c] / rate;
    if (!tau_gradient.allFinite()) {
      return fail(SolveStatus::unstable, fmt::format("the spike at t = {:.17g} ms grazes the cutoff (dg/dt = {:g}): "
                                                     "its time has no derivative",
                                                     tau, rate));
    }
    result_.spike_times.push_back(tau);
    for (int c = 0; c < columns_; ++c) result_.spike_time_gradients.push_back(tau_gradient[c]);
    if constexpr (M::has_reset) {
      const auto reset = dual_model_.reset_map(x_seeded);
      const auto reset_state = state_model_.reset_map(x_state);
      State x_after, reset_times_f;
      for (int i = 0; i < n_state; ++i) {
        x_after[i] = reset[static_cast<std::size_t>(i)].value();
        reset_times_f[i] = reset_state[static_cast<std::size_t>(i)].derivatives().dot(f_before);
      }
      ++counts_.rhs_evaluations;
      const State jump = reset_times_f - model_.rhs(x_after, drive);
      X_.template head<n_state>() = x_after;
      for (int i = 0; i < n_state; ++i) {
        for (int c = 0; c < columns_; ++c) {
          sensitivity()(i, c) = reset[static_cast<std::size_t>(i)].derivatives()[c] + jump[i] * tau_gradient[c];
        }
      }
      t_ = tau;
      if (!(model_.guard(x_after) < 0.0)) {
        return fail(SolveStatus::unstable, fmt::format("the reset at t = {:.17g} ms lands at or above the spike "
                                                       "cutoff; check c and vpeak",
                                                       tau));
      }
    }
    return true;
  }

  // Crosses the input break at t_ when it is due; true when it did.
  bool cross_break_if_due() {
    if (!(t_ >= input_.piece_end() && input_.ends_at_break())) return false;
    input_.cross_break();
    update_shape();
    return true;
  }

  bool within_step_budget() {
    if (counts_.steps <= method_.max_steps) return true;
    return fail(SolveStatus::max_steps,
                fmt::format("the step budget max_steps = {} was exhausted at t = {:.17g} ms", method_.max_steps, t_));
  }

  bool fail(SolveStatus status, std::string message) {
    result_.status = status;
    result_.message = std::move(message);
    return false;
  }

  void record() { record_state(t_, X_); }

  void record_state(double t, const Augmented& augmented) {
    result_.times.push_back(t);
    for (int i = 0; i < n_state; ++i) result_.states.push_back(augmented[i]);
    for (int i = 0; i < n_state; ++i) {
      for (int c = 0; c < columns_; ++c) result_.sensitivities.push_back(augmented[n_state * (1 + c) + i]);
    }
  }

  // Dormand-Prince: the grid points t_start + k record_step (and t_end) in (step_start, until], from the
  // continuous extension `path` of the step [step_start, step_start + h].
  template <class Path>
  void record_on(const Path& path, double step_start, double h, double until) {
    const double grid = options_.record_step > 0.0 ? options_.record_step : method_.dt;
    for (;;) {
      const double t = std::min(t_start_ + static_cast<double>(recorded_ + 1) * grid, t_end_);
      if (t > until || t <= result_.times.back()) return;
      record_state(t, path((t - step_start) / h));
      ++recorded_;
    }
  }

  // dI/dA on the current input piece (constant there: a step or pulse train).
  void update_shape() {
    shape_on_piece_ = shape_ == nullptr ? 0.0 : shape_->limit(input_.piece_start(), Side::right).current;
  }

  Eigen::Map<Sensitivity> sensitivity() { return Eigen::Map<Sensitivity>(X_.data() + n_state, n_state, columns_); }

  // x as duals whose directions are the rows of S.
  std::array<Number, n_state> seeded(const Augmented& augmented) const {
    std::array<Number, n_state> x;
    for (int i = 0; i < n_state; ++i) {
      Directions row = Directions::Zero();
      for (int c = 0; c < columns_; ++c) row[c] = augmented[n_state * (1 + c) + i];
      x[static_cast<std::size_t>(i)] = Number(augmented[i], row);
    }
    return x;
  }

  static double nonzero_magnitude(double value) { return value == 0.0 ? 1.0 : std::abs(value); }

  const M& model_;
  DualModel dual_model_;
  StateDualModel state_model_;
  const MethodOptions& method_;
  const SensitivityOptions& options_;
  std::vector<std::size_t> rows_;    // theta's parameters: their rows of the table
  int columns_;                      // P: the columns of S, the amplitude's last
  std::vector<double> theta_scale_;  // |theta_j| (1 where it is 0): the scale of S's tolerances
  double t_start_, t_end_;
  detail::InputPieces input_;
  const Stimulus* shape_;
  double shape_on_piece_ = 0.0;
  double t_;
  Augmented X_;
  long long recorded_ = 0;  // Dormand-Prince: grid points recorded after t_start
  SensitivityCounts counts_;
  SensitivityResult result_;
};

// A few columns (a fit of a few parameters) get duals of 4 directions, more get one per entry of theta.
template <NeuronModel M, class Tableau>
SensitivityResult run_sensitivities(const M& model, const Problem& problem, const MethodOptions& method,
                                    const SensitivityOptions& options, const Stimulus* shape, double amplitude) {
  constexpr int few = std::min(4, max_columns<M>);
  const std::size_t columns = options.parameters.size() + (options.amplitude ? 1 : 0);
  if (!options.parameters.empty() && columns <= static_cast<std::size_t>(few)) {
    return ForwardSensitivity<M, Tableau, few>(model, problem, method, options, shape, amplitude).run();
  }
  return ForwardSensitivity<M, Tableau, max_columns<M>>(model, problem, method, options, shape, amplitude).run();
}

void validate(const Problem& problem, const MethodOptions& method) {
  if (method.name != "rk4" && method.name != "dopri5") {
    throw InputError(
        fmt::format("sensitivities with method '{}' are not implemented; allowed: rk4, dopri5", method.name));
  }
  if (!problem.events.empty()) {
    throw InputError(fmt::format("sensitivities of a run with input events ({} given) are not implemented; "
                                 "allowed: no events (write a current jump as a stimulus step)",
                                 problem.events.events.size()));
  }
  if (!std::isfinite(problem.t_start) || !std::isfinite(problem.t_end) || !(problem.t_end > problem.t_start)) {
    throw InputError(fmt::format("t_end = {:g} ms is not allowed; allowed: a finite time after t_start = {:g} ms",
                                 problem.t_end, problem.t_start));
  }
  if (!(method.dt > 0.0) || !(method.dt <= problem.t_end - problem.t_start)) {
    throw InputError(fmt::format("dt = {:g} ms is not allowed; allowed: 0 < dt <= the duration {:g} ms", method.dt,
                                 problem.t_end - problem.t_start));
  }
  if (!((problem.t_end - problem.t_start) / method.dt <= 1e15)) {
    throw InputError(fmt::format("dt = {:g} ms makes more than 1e15 steps; allowed: at most 1e15", method.dt));
  }
  if (method.name == "dopri5" && !(method.rtol > 0.0 && method.atol > 0.0 && method.min_step > 0.0)) {
    throw InputError(fmt::format("rtol = {:g}, atol = {:g}, min_step = {:g} ms are not allowed; allowed: each > 0",
                                 method.rtol, method.atol, method.min_step));
  }
  validate_initial_state(problem);
}

}  // namespace

SensitivityResult solve_sensitivities(const Problem& problem, const MethodOptions& method,
                                      const SensitivityOptions& options) {
  validate(problem, method);
  const std::optional<AmplitudeShape> shape =
      options.amplitude ? std::optional<AmplitudeShape>(amplitude_shape(problem.stimulus)) : std::nullopt;
  const Stimulus* dI_dA = shape ? &shape->shape : nullptr;
  const double amplitude = shape ? shape->amplitude : 0.0;
  return std::visit(
      [&](const auto& model) {
        using M = std::decay_t<decltype(model)>;
        if (method.name == "dopri5") {
          return run_sensitivities<M, detail::DormandPrince54>(model, problem, method, options, dI_dA, amplitude);
        }
        return run_sensitivities<M, detail::ClassicRungeKutta4>(model, problem, method, options, dI_dA, amplitude);
      },
      problem.model);
}

}  // namespace neurodyn
