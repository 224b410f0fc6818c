// Validation of a problem and its options, and the dispatch from run-time names to the templated loops.
#include "neurodyn/solve/solve.hpp"

#include <cmath>
#include <fmt/format.h>

#include "backward_euler.hpp"
#include "cvode_driver.hpp"
#include "dormand_prince.hpp"
#include "explicit_runge_kutta.hpp"
#include "exponential_rosenbrock_euler.hpp"
#include "hybrid_integrator.hpp"
#include "neurodyn/error.hpp"
#include "parker_sochacki.hpp"
#include "rosenbrock_euler.hpp"

namespace neurodyn {
namespace {

void require_positive(const std::string& field, double value, std::string_view unit) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    throw InputError(fmt::format("{} = {:g}{} is not allowed; allowed: a finite value > 0", field, value, unit));
  }
}

void validate(const Problem& problem, const MethodOptions& method, const RecordOptions& record) {
  method_info(method.name);
  if (!std::isfinite(problem.t_start) || !std::isfinite(problem.t_end)) {
    throw InputError(fmt::format("t_end = {:g} ms is not allowed; allowed: a finite time after t_start", problem.t_end));
  }
  require_positive("t_end", problem.t_end - problem.t_start, " ms (duration)");
  require_positive("dt", method.dt, " ms");
  if (method.dt > problem.t_end - problem.t_start) {
    throw InputError(fmt::format("dt = {:g} ms is larger than the duration t_end = {:g} ms; allowed: 0 < dt <= "
                                 "duration",
                                 method.dt, problem.t_end - problem.t_start));
  }
  require_positive("rtol", method.rtol, "");
  require_positive("atol", method.atol, "");
  require_positive("min_step", method.min_step, " ms");
  require_positive("max_rate_hz", method.max_rate_hz, " Hz");
  if (method.runaway_window < 1) {
    throw InputError(fmt::format("runaway_window = {} must be at least 1", method.runaway_window));
  }
  if (method.max_steps < 1) throw InputError(fmt::format("max_steps = {} must be at least 1", method.max_steps));
  if (method.series_order < 0 || method.series_order > 60) {
    throw InputError(fmt::format("series_order = {} is not allowed; allowed: 0 (adaptive) to 60", method.series_order));
  }
  if (method.published.v_substeps != 1 && method.published.v_substeps != 2) {
    throw InputError(fmt::format("v_substeps = {} is not allowed; allowed: 1 or 2", method.published.v_substeps));
  }
  if (record.output_step != 0.0) {
    require_positive("output_step", record.output_step, " ms");
    if (!method_info(method.name).adaptive) {
      throw InputError(fmt::format("output_step = {:g} ms is for adaptive methods; method {} records every k-th "
                                   "step of its own grid instead",
                                   record.output_step, method.name));
    }
  }
  if (record.every < 1) throw InputError(fmt::format("record every = {} must be at least 1", record.every));
  const auto& info = model_info(model_name(problem.model));
  if (problem.initial_state.size() != info.state_variables.size()) {
    throw InputError(fmt::format("initial state has {} values; model {} needs {}", problem.initial_state.size(),
                                 info.name, info.state_variables.size()));
  }
  for (std::size_t i = 0; i < problem.initial_state.size(); ++i) {
    if (!std::isfinite(problem.initial_state[i])) {
      throw InputError(fmt::format("initial {} = {:g} is not allowed; allowed: a finite value",
                                   info.state_variables[i].name, problem.initial_state[i]));
    }
  }
}

template <NeuronModel M>
Solution solve_model(const M& model, const Problem& problem, const MethodOptions& method,
                     const RecordOptions& record) {
  if constexpr (M::has_reset) {
    typename M::State start;
    for (int i = 0; i < M::dimension; ++i) start[i] = problem.initial_state[static_cast<std::size_t>(i)];
    if (!(model.guard(start) < 0.0)) {
      throw InputError(fmt::format("initial v = {:g} mV is at or above the spike cutoff of model {}; allowed: "
                                   "an initial state below the cutoff",
                                   start[0], M::name));
    }
  }
  detail::HybridIntegrator<M> integrator(model, problem, method, record);
  const std::string_view name = method.name;
  if (name == "euler") return integrator.run_fixed(detail::ExplicitEuler{});
  if (name == "midpoint") return integrator.run_fixed(detail::ExplicitMidpoint{});
  if (name == "heun") return integrator.run_fixed(detail::Heun{});
  if (name == "rk4") return integrator.run_fixed(detail::ClassicRungeKutta4{});
  if (name == "backward-euler") return integrator.run_fixed(detail::BackwardEuler{});
  if (name == "exp-rosenbrock-euler") return integrator.run_fixed(detail::ExponentialRosenbrockEuler{});
  if (name == "rosenbrock-euler") return integrator.run_adaptive(detail::RosenbrockEulerStepDoubling{});
  if (name == "exprb32") return integrator.run_adaptive(detail::ExponentialRosenbrock32{});
  if (name == "dopri5") return integrator.run_adaptive(detail::DormandPrince54{});
  if (name == "cvode-bdf") return detail::CvodeDriver<M>(integrator, true).run();
  if (name == "cvode-adams") return detail::CvodeDriver<M>(integrator, false).run();
  if (name == "parker-sochacki") {
    detail::require_power_series(model, problem.stimulus);
    if constexpr (detail::PowerSeriesModel<M>) return integrator.run_fixed(detail::ParkerSochacki{});
  }
  if (name == "izhikevich-published") {
    if constexpr (std::is_same_v<M, Izhikevich2003> || std::is_same_v<M, Izhikevich2007>) {
      return integrator.run_published();
    }
    throw InputError(fmt::format("method = 'izhikevich-published' is the scheme of Izhikevich's codes; model {} "
                                 "is not one of his; allowed: izh2003, izh2007",
                                 M::name));
  }
  throw InputError(fmt::format("method = '{}' has no implementation", name));
}

}  // namespace

Solution solve(const Problem& problem, const MethodOptions& method, const RecordOptions& record) {
  validate(problem, method, record);
  return std::visit([&](const auto& model) { return solve_model(model, problem, method, record); }, problem.model);
}

}  // namespace neurodyn
