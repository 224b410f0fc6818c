#pragma once
// The definition of make_integration_run (integration_run.hpp): the driver of the method named in the
// options, from the method registry, on the run of one model. Included only by the per-model translation
// units.
#include <fmt/format.h>

#include "adaptive_driver.hpp"
#include "failure.hpp"
#include "fixed_step_driver.hpp"
#include "hybrid_integrator.hpp"
#include "integration_run.hpp"
#include "method_registry.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {
namespace detail {

// The driver a method gets for model M: its own, or the one its stepper's concept calls for.
template <class Method, class M>
struct DriverFor;
template <class Method, class M>
  requires requires { typename Method::template Driver<M>; }
struct DriverFor<Method, M> {
  using type = typename Method::template Driver<M>;
};
template <class Method, class M>
  requires FixedStepper<Method, M>
struct DriverFor<Method, M> {
  using type = FixedStepDriver<M, Method>;
};
template <class Method, class M>
  requires AdaptiveStepper<Method, M>
struct DriverFor<Method, M> {
  using type = AdaptiveDriver<M, Method>;
};

template <class Method, class M>
constexpr bool method_applies_to() {
  if constexpr (requires { Method::template applies_to<M>; }) {
    return Method::template applies_to<M>;
  } else {
    return true;
  }
}

template <NeuronModel M, class Driver>
class DrivenRun final : public IntegrationRun {
 public:
  DrivenRun(const M& model, const Problem& problem, const MethodOptions& method, const RecordOptions& record)
      : run_(model, problem, method, record), driver_(run_) {}

  SolveStatus advance_to(double t) override {
    if (!failure_) failure_ = driver_.advance_to(t);
    return failure_ ? failure_->status : SolveStatus::ok;
  }
  double time() const override { return run_.time(); }
  Solution finish() override {
    driver_.finish(failure_.has_value());
    return run_.finish(failure_);
  }

 private:
  HybridIntegrator<M> run_;
  Driver driver_;
  MaybeFailure failure_;
};

template <NeuronModel M>
void require_below_cutoff(const M& model, const Problem& problem) {
  if constexpr (M::has_reset) {
    typename M::State start;
    for (int i = 0; i < M::dimension; ++i) start[i] = problem.initial_state[static_cast<std::size_t>(i)];
    if (!(model.guard(start) < 0.0)) {
      throw InputError(fmt::format("initial v = {:g} mV is at or above the spike cutoff of model {}; allowed: "
                                   "an initial state below the cutoff",
                                   start[0], M::name));
    }
  }
}

template <NeuronModel M>
std::unique_ptr<IntegrationRun> make_integration_run(const M& model, const Problem& problem,
                                                     const MethodOptions& method, const RecordOptions& record) {
  require_below_cutoff(model, problem);
  std::unique_ptr<IntegrationRun> run;
  for_each_method([&]<class Method>(Method) {
    if (Method::info.name != method.name) return false;
    if constexpr (requires { Method::require_applicable(model, problem); }) {
      Method::require_applicable(model, problem);
    }
    if constexpr (method_applies_to<Method, M>()) {
      run = std::make_unique<DrivenRun<M, typename DriverFor<Method, M>::type>>(model, problem, method, record);
    }
    return true;
  });
  if (!run) throw InputError(fmt::format("method = '{}' has no implementation for model {}", method.name, M::name));
  return run;
}

}  // namespace detail
}  // namespace neurodyn
