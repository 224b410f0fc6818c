#pragma once
// SUNDIALS CVODE (BDF or Adams-Moulton, variable order and step, Newton with the analytic Jacobian and a dense
// linear solver) as the converged reference. Spikes are CVODE's own rootfinding on the guard (upward
// crossings only); after a reset, and at every jump of the input, the integrator restarts (CVodeReInit)
// from the new state, so no step ever straddles a discontinuity. CVODE takes one step per call
// (CV_ONE_STEP), so a run advanced in pieces takes the same steps as one advanced at once.
#include <fmt/format.h>
#include <stdexcept>
#include <string>

#include "hybrid_integrator.hpp"
#include "sundials_handles.hpp"

namespace neurodyn::detail {

template <NeuronModel M>
class CvodeDriver {
 public:
  static constexpr int N = M::dimension;
  using State = typename M::State;

  CvodeDriver(HybridIntegrator<M>& run, bool bdf) : run_(run) {
    const auto& options = run_.options();
    SUNContext context = nullptr;
    check(SUNContext_Create(nullptr, &context), "SUNContext_Create");
    context_.reset(context);
    y_.reset(N_VNew_Serial(N, context));
    tolerances_.reset(N_VNew_Serial(N, context));
    scratch_.reset(N_VNew_Serial(N, context));
    memory_.reset(CVodeCreate(bdf ? CV_BDF : CV_ADAMS, context));
    matrix_.reset(SUNDenseMatrix(N, N, context));
    if (!y_ || !tolerances_ || !scratch_ || !memory_ || !matrix_) throw std::runtime_error("CVODE: out of memory");
    solver_.reset(SUNLinSol_Dense(y_.get(), matrix_.get(), context));
    if (!solver_) throw std::runtime_error("CVODE: out of memory");
    void* memory = memory_.get();
    load(run_.state());
    check(CVodeInit(memory, &CvodeDriver::rhs, run_.time(), y_.get()), "CVodeInit");
    check(CVodeSetErrHandlerFn(memory, &CvodeDriver::keep_message, this), "CVodeSetErrHandlerFn");
    check(CVodeSetUserData(memory, this), "CVodeSetUserData");
    const State scale = run_.model().error_scale();
    for (int i = 0; i < N; ++i) NV_Ith_S(tolerances_.get(), i) = options.atol * scale[i];
    check(CVodeSVtolerances(memory, options.rtol, tolerances_.get()), "CVodeSVtolerances");
    check(CVodeSetLinearSolver(memory, solver_.get(), matrix_.get()), "CVodeSetLinearSolver");
    check(CVodeSetJacFn(memory, &CvodeDriver::jacobian), "CVodeSetJacFn");
    check(CVodeRootInit(memory, 1, &CvodeDriver::guard), "CVodeRootInit");
    int upward = 1;
    check(CVodeSetRootDirection(memory, &upward), "CVodeSetRootDirection");
    check(CVodeSetNoInactiveRootWarn(memory), "CVodeSetNoInactiveRootWarn");
    check(CVodeSetMinStep(memory, options.min_step), "CVodeSetMinStep");
    check(CVodeSetInitStep(memory, std::min(options.dt, run_.t_end() - run_.t_start())), "CVodeSetInitStep");
    run_.recorder().start_output_grid(run_.state());
  }

  CvodeDriver(const CvodeDriver&) = delete;
  CvodeDriver& operator=(const CvodeDriver&) = delete;

  // Integrates until the run has passed t (ms) or ended.
  MaybeFailure advance_to(double t) {
    const double until = std::min(t, run_.t_end());
    while (run_.time() < until) {
      if (const auto hold = run_.skip_hold(run_.t_end()); hold.happened) {
        restart_ = true;
        if (hold.failure) return hold.failure;
        continue;
      }
      if (auto failure = one_step()) return failure;
    }
    return std::nullopt;
  }

  // CVODE's counters into the statistics; after a run that did not fail, the last sample on the output grid.
  void finish(bool failed) {
    if (!failed) run_.recorder().finish_output_grid(run_.state());
    add_statistics();
  }

 private:
  MaybeFailure one_step() {
    void* memory = memory_.get();
    if (restart_) {
      add_statistics();
      load(run_.state());
      check(CVodeReInit(memory, run_.time(), y_.get()), "CVodeReInit");
      restart_ = false;
    }
    const double piece_end = run_.input().piece_end();
    check(CVodeSetStopTime(memory, piece_end), "CVodeSetStopTime");
    sunrealtype reached = run_.time();
    const int flag = CVode(memory, piece_end, y_.get(), &reached, CV_ONE_STEP);
    if (flag < 0) {
      const bool step_problem = flag == CV_TOO_CLOSE || flag == CV_ERR_FAILURE || flag == CV_CONV_FAILURE;
      return Failure{step_problem ? SolveStatus::step_too_small : SolveStatus::unstable,
                     fmt::format("CVODE failed at t = {:.17g} ms ({}): {}", run_.time(), run_.describe(run_.state()),
                                 message_)};
    }
    if (auto failure = run_.count_step()) return failure;
    const State y = unload();
    if (HybridIntegrator<M>::diverged(y)) return run_.unstable(reached, run_.state());
    auto& recorder = run_.recorder();
    if (recorder.on_output_grid()) {
      // CVODE's own interpolant is valid over the step just taken, up to `reached` (the root, if any).
      recorder.emit_outputs(reached, [this](double t) { return interpolated(t); }, 0.0, 1.0);
    }
    if (flag == CV_ROOT_RETURN) {
      if constexpr (M::has_reset) {
        restart_ = true;
        return run_.fire(reached, y);  // reset, hold, samples at the cutoff and after the reset
      } else {
        if (auto failure = run_.add_spike(reached)) return failure;
      }
    }
    run_.move_to(reached, y);
    const auto crossing = run_.cross_break_if_due();
    if (crossing.happened) restart_ = true;
    if (crossing.failure) return crossing.failure;
    if (!recorder.on_output_grid() && (recorder.records_step(++accepted_) || run_.time() >= run_.t_end())) {
      recorder.sample(run_.time(), run_.state());
    }
    return std::nullopt;
  }

  static CvodeDriver& self(void* user_data) { return *static_cast<CvodeDriver*>(user_data); }
  static State state_of(N_Vector v) {
    State x;
    for (int i = 0; i < N; ++i) x[i] = NV_Ith_S(v, i);
    return x;
  }

  static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void* user_data) {
    const State rate = self(user_data).run_.system().rhs(t, state_of(y));
    for (int i = 0; i < N; ++i) NV_Ith_S(ydot, i) = rate[i];
    return rate.allFinite() ? 0 : 1;  // a recoverable failure: CVODE retries with a smaller step
  }

  static int jacobian(sunrealtype t, N_Vector y, N_Vector, SUNMatrix jac, void* user_data, N_Vector, N_Vector,
                      N_Vector) {
    const JacobianMatrix<N> j = self(user_data).run_.system().jacobian(t, state_of(y));
    for (int r = 0; r < N; ++r) {
      for (int c = 0; c < N; ++c) SM_ELEMENT_D(jac, r, c) = j(r, c);
    }
    return 0;
  }

  static int guard(sunrealtype, N_Vector y, sunrealtype* value, void* user_data) {
    value[0] = self(user_data).run_.model().guard(state_of(y));
    return 0;
  }

  static void keep_message(int, const char* module, const char* function, char* message, void* user_data) {
    self(user_data).message_ = fmt::format("{} {}: {}", module, function, message);
  }

  // y(t) from CVODE's interpolating polynomial of the last step.
  State interpolated(double t) {
    check(CVodeGetDky(memory_.get(), t, 0, scratch_.get()), "CVodeGetDky");
    return state_of(scratch_.get());
  }

  void load(const State& x) {
    for (int i = 0; i < N; ++i) NV_Ith_S(y_.get(), i) = x[i];
  }
  State unload() const { return state_of(y_.get()); }

  // CVodeReInit zeroes CVODE's counters, so they are added up before each restart and at the end. Steps and
  // evaluations are counted by the run itself (every call of rhs and jacobian goes through it).
  void add_statistics() {
    long error_test_failures = 0, newton_iterations = 0, newton_failures = 0;
    void* memory = memory_.get();
    CVodeGetNumErrTestFails(memory, &error_test_failures);
    CVodeGetNumNonlinSolvIters(memory, &newton_iterations);
    CVodeGetNumNonlinSolvConvFails(memory, &newton_failures);
    auto& statistics = run_.statistics();
    statistics.rejected_steps += error_test_failures + newton_failures;
    statistics.newton_iterations += newton_iterations;
    statistics.newton_failures += newton_failures;
  }

  void check(int flag, const char* call) const {
    if (flag < 0) throw std::runtime_error(fmt::format("CVODE: {} failed with flag {}: {}", call, flag, message_));
  }

  HybridIntegrator<M>& run_;
  SundialsContext context_;  // first: freed last
  NVector y_, tolerances_, scratch_;
  CvodeMemory memory_;
  SunMatrix matrix_;
  SunLinearSolver solver_;
  std::string message_;
  bool restart_ = false;
  long long accepted_ = 0;
};

}  // namespace neurodyn::detail

namespace neurodyn::detail {

// The two CVODE methods of the registry (method_registry.hpp).
struct CvodeBdf {
  static constexpr MethodInfo info{
      "cvode-bdf", "SUNDIALS CVODE, BDF (orders 1-5)", 0, true, true,
      "variable-order, variable-step backward differentiation formulas with Newton and the analytic Jacobian; "
      "spikes by CVODE's rootfinding; restarted at every reset and input jump"};
  template <NeuronModel M>
  struct Driver : CvodeDriver<M> {
    explicit Driver(HybridIntegrator<M>& run) : CvodeDriver<M>(run, true) {}
  };
};

struct CvodeAdams {
  static constexpr MethodInfo info{
      "cvode-adams", "SUNDIALS CVODE, Adams-Moulton (orders 1-12)", 0, true, true,
      "variable-order, variable-step Adams-Moulton with Newton; spikes by CVODE's rootfinding; at rtol = atol = "
      "1e-14 the reference of `neurodyn compare`"};
  template <NeuronModel M>
  struct Driver : CvodeDriver<M> {
    explicit Driver(HybridIntegrator<M>& run) : CvodeDriver<M>(run, false) {}
  };
};

}  // namespace neurodyn::detail
