#pragma once
// SUNDIALS CVODE (BDF or Adams-Moulton, variable order and step, Newton with the analytic Jacobian and a dense
// linear solver) as the converged reference. Spikes are CVODE's own rootfinding on the guard (upward
// crossings only); after a reset, and at every jump of the input, the integrator restarts (CVodeReInit)
// from the new state, so no step ever straddles a discontinuity.
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <memory>
#include <string>

#include "hybrid_integrator.hpp"

namespace neurodyn::detail {

template <NeuronModel M>
class CvodeDriver {
 public:
  static constexpr int N = M::dimension;
  using State = typename M::State;

  CvodeDriver(HybridIntegrator<M>& integrator, bool bdf) : in_(integrator) {
    check(SUNContext_Create(nullptr, &context_), "SUNContext_Create");
    y_ = N_VNew_Serial(N, context_);
    tolerances_ = N_VNew_Serial(N, context_);
    scratch_ = N_VNew_Serial(N, context_);
    memory_ = CVodeCreate(bdf ? CV_BDF : CV_ADAMS, context_);
    matrix_ = SUNDenseMatrix(N, N, context_);
    solver_ = SUNLinSol_Dense(y_, matrix_, context_);
    if (!y_ || !tolerances_ || !scratch_ || !memory_ || !matrix_ || !solver_) throw std::runtime_error("CVODE: out of memory");
    load(in_.x_);
    check(CVodeInit(memory_, &CvodeDriver::rhs, in_.t_, y_), "CVodeInit");
    check(CVodeSetErrHandlerFn(memory_, &CvodeDriver::keep_message, this), "CVodeSetErrHandlerFn");
    check(CVodeSetUserData(memory_, this), "CVodeSetUserData");
    const State scale = in_.model_.error_scale();
    for (int i = 0; i < N; ++i) NV_Ith_S(tolerances_, i) = in_.options_.atol * scale[i];
    check(CVodeSVtolerances(memory_, in_.options_.rtol, tolerances_), "CVodeSVtolerances");
    check(CVodeSetLinearSolver(memory_, solver_, matrix_), "CVodeSetLinearSolver");
    check(CVodeSetJacFn(memory_, &CvodeDriver::jacobian), "CVodeSetJacFn");
    check(CVodeRootInit(memory_, 1, &CvodeDriver::guard), "CVodeRootInit");
    int upward = 1;
    check(CVodeSetRootDirection(memory_, &upward), "CVodeSetRootDirection");
    check(CVodeSetNoInactiveRootWarn(memory_), "CVodeSetNoInactiveRootWarn");
    check(CVodeSetMinStep(memory_, in_.options_.min_step), "CVodeSetMinStep");
    check(CVodeSetInitStep(memory_, std::min(in_.options_.dt, in_.t_end_ - in_.t_start_)), "CVodeSetInitStep");
  }

  CvodeDriver(const CvodeDriver&) = delete;
  CvodeDriver& operator=(const CvodeDriver&) = delete;

  ~CvodeDriver() {
    CVodeFree(&memory_);
    SUNLinSolFree(solver_);
    SUNMatDestroy(matrix_);
    N_VDestroy(scratch_);
    N_VDestroy(tolerances_);
    N_VDestroy(y_);
    SUNContext_Free(&context_);
  }

  Solution run() {
    auto& in = in_;
    in.start_output_grid();
    bool restart = false;
    long long accepted = 0;
    while (in.t_ < in.t_end_ && !in.failed_) {
      if (in.skip_hold(in.t_end_)) {
        restart = true;
        continue;
      }
      if (restart) {
        add_statistics();
        load(in.x_);
        check(CVodeReInit(memory_, in.t_, y_), "CVodeReInit");
        restart = false;
      }
      check(CVodeSetStopTime(memory_, in.piece_end_), "CVodeSetStopTime");
      sunrealtype reached = in.t_;
      const int flag = CVode(memory_, in.piece_end_, y_, &reached, CV_ONE_STEP);
      if (flag < 0) {
        in.fail(flag == CV_TOO_CLOSE || flag == CV_ERR_FAILURE || flag == CV_CONV_FAILURE ? SolveStatus::step_too_small
                                                                                         : SolveStatus::unstable,
                fmt::format("CVODE failed at t = {:.17g} ms ({}): {}", in.t_, in.describe(in.x_), message_));
        break;
      }
      if (!in.count_step()) break;
      const State y = unload();
      if (HybridIntegrator<M>::diverged(y)) {
        in.fail_unstable(reached, in.x_);
        break;
      }
      if (in.output_grid_) {
        // CVODE's own interpolant is valid over the step just taken, up to `reached` (the root, if any).
        in.emit_outputs(reached, [this](double t) { return interpolated(t); }, 0.0, 1.0);
      }
      if (flag == CV_ROOT_RETURN) {
        if constexpr (M::has_reset) {
          in.fire(reached, y);  // reset, hold, samples at the cutoff and after the reset
          restart = true;
          continue;
        } else {
          in.add_spike(reached);
        }
      }
      in.t_ = reached;
      in.x_ = y;
      if (in.t_ >= in.piece_end_ && in.piece_end_ < in.t_end_) {
        in.cross_break();
        restart = true;
      }
      if (!in.output_grid_ && (++accepted % in.record_.every == 0 || in.t_ >= in.t_end_)) {
        in.record_sample(in.t_, in.x_);
      }
    }
    in.finish_output_grid();
    add_statistics();
    return in.finish();
  }

 private:
  static CvodeDriver& self(void* user_data) { return *static_cast<CvodeDriver*>(user_data); }
  static State state_of(N_Vector v) {
    State x;
    for (int i = 0; i < N; ++i) x[i] = NV_Ith_S(v, i);
    return x;
  }

  static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void* user_data) {
    const State rate = self(user_data).in_.rhs(t, state_of(y));
    for (int i = 0; i < N; ++i) NV_Ith_S(ydot, i) = rate[i];
    return rate.allFinite() ? 0 : 1;  // a recoverable failure: CVODE retries with a smaller step
  }

  static int jacobian(sunrealtype t, N_Vector y, N_Vector, SUNMatrix jac, void* user_data, N_Vector, N_Vector,
                      N_Vector) {
    const JacobianMatrix<N> j = self(user_data).in_.jacobian(t, state_of(y));
    for (int r = 0; r < N; ++r) {
      for (int c = 0; c < N; ++c) SM_ELEMENT_D(jac, r, c) = j(r, c);
    }
    return 0;
  }

  static int guard(sunrealtype, N_Vector y, sunrealtype* value, void* user_data) {
    value[0] = self(user_data).in_.model_.guard(state_of(y));
    return 0;
  }

  static void keep_message(int, const char* module, const char* function, char* message, void* user_data) {
    self(user_data).message_ = fmt::format("{} {}: {}", module, function, message);
  }

  // y(t) from CVODE's interpolating polynomial of the last step.
  State interpolated(double t) {
    check(CVodeGetDky(memory_, t, 0, scratch_), "CVodeGetDky");
    return state_of(scratch_);
  }

  void load(const State& x) {
    for (int i = 0; i < N; ++i) NV_Ith_S(y_, i) = x[i];
  }
  State unload() const { return state_of(y_); }

  // CVodeReInit zeroes CVODE's counters, so they are added up before each restart. Steps and evaluations are
  // counted by the integrator itself (every call of rhs and jacobian goes through it).
  void add_statistics() {
    long error_test_failures = 0, newton_iterations = 0, newton_failures = 0;
    CVodeGetNumErrTestFails(memory_, &error_test_failures);
    CVodeGetNumNonlinSolvIters(memory_, &newton_iterations);
    CVodeGetNumNonlinSolvConvFails(memory_, &newton_failures);
    auto& statistics = in_.solution_.statistics;
    statistics.rejected_steps += error_test_failures + newton_failures;
    statistics.newton_iterations += newton_iterations;
    statistics.newton_failures += newton_failures;
  }

  void check(int flag, const char* call) const {
    if (flag < 0) throw std::runtime_error(fmt::format("CVODE: {} failed with flag {}: {}", call, flag, message_));
  }

  HybridIntegrator<M>& in_;
  SUNContext context_ = nullptr;
  N_Vector y_ = nullptr;
  N_Vector tolerances_ = nullptr;
  N_Vector scratch_ = nullptr;  // for interpolated output
  void* memory_ = nullptr;
  SUNMatrix matrix_ = nullptr;
  SUNLinearSolver solver_ = nullptr;
  std::string message_;
};

}  // namespace neurodyn::detail
