// Validation of a problem and its options, and the run behind solve() and Integration.
#include "neurodyn/solve/solve.hpp"

#include <cmath>
#include <fmt/format.h>
#include <variant>

#include "integration_run.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/solve/integration.hpp"
#include "neurodyn/solve/method_options.hpp"

namespace neurodyn {
namespace {

static_assert(std::variant_size_v<AnyModel> == NEURODYN_MODEL_COUNT,
              "each model of AnyModel needs its translation unit: set NEURODYN_MODEL_COUNT in CMakeLists.txt");

void require_positive(const std::string& field, double value, std::string_view unit) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    throw InputError(fmt::format("{} = {:g}{} is not allowed; allowed: a finite value > 0", field, value, unit));
  }
}

void validate_events(const Problem& problem) {
  const auto& info = model_info(model_name(problem.model));
  const double decay = problem.events.current_decay;
  if (!(decay > 0.0)) {
    throw InputError(fmt::format("events current_decay = {:g} ms is not allowed; allowed: > 0 ms, or inf for "
                                 "current jumps that persist",
                                 decay));
  }
  const int dimension = static_cast<int>(info.state_variables.size());
  for (std::size_t i = 0; i < problem.events.events.size(); ++i) {
    const InputEvent& event = problem.events.events[i];
    if (!std::isfinite(event.time) || !std::isfinite(event.weight)) {
      throw InputError(fmt::format("event {} (time = {:g} ms, weight = {:g}) is not allowed; allowed: a finite time "
                                   "and weight",
                                   i + 1, event.time, event.weight));
    }
    if (event.target != InputEvent::input_current && (event.target < 0 || event.target >= dimension)) {
      throw InputError(fmt::format("event {} targets state variable {}; model {} has {} (0 to {}), or the input "
                                   "current ({})",
                                   i + 1, event.target, info.name, dimension, dimension - 1,
                                   InputEvent::input_current));
    }
    if (event.target != InputEvent::input_current && event.time == problem.t_start) {
      throw InputError(fmt::format("event {} jumps {} at t_start = {:g} ms; allowed: a time after t_start (a jump "
                                   "at the start belongs in the initial state)",
                                   i + 1, info.state_variables[static_cast<std::size_t>(event.target)].name,
                                   problem.t_start));
    }
  }
}

void validate(const Problem& problem, const MethodOptions& method, const RecordOptions& record) {
  method_info(method.name);
  if (!std::isfinite(problem.t_start) || !std::isfinite(problem.t_end)) {
    throw InputError(fmt::format("t_end = {:g} ms is not allowed; allowed: a finite time after t_start", problem.t_end));
  }
  require_positive("t_end", problem.t_end - problem.t_start, " ms (duration)");
  validate_method_options(method);
  if (method.dt > problem.t_end - problem.t_start) {
    throw InputError(fmt::format("dt = {:g} ms is larger than the duration t_end = {:g} ms; allowed: 0 < dt <= "
                                 "duration",
                                 method.dt, problem.t_end - problem.t_start));
  }
  // A grid of more steps than a 64-bit count holds (dt = 1e-320 ms) is refused before anything is counted;
  // a merely long run meets max_steps as a status.
  constexpr double most_grid_steps = 1e15;
  const double grid_steps = (problem.t_end - problem.t_start) / method.dt;
  if (!method_info(method.name).adaptive && !(grid_steps <= most_grid_steps)) {
    throw InputError(fmt::format("dt = {:g} ms makes {:.3g} steps of the {:g} ms run; allowed: at most {:g} steps "
                                 "(a larger dt or a shorter t_end)",
                                 method.dt, grid_steps, problem.t_end - problem.t_start, most_grid_steps));
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
  validate_initial_state(problem);
  validate_events(problem);
}

}  // namespace

void validate_initial_state(const Problem& problem) {
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

// The copies an Integration's run refers to, at a stable address.
struct Integration::Inputs {
  Problem problem;
  MethodOptions method;
  RecordOptions record;
};

Integration::Integration(const Problem& problem, const MethodOptions& method, const RecordOptions& record)
    : inputs_(std::make_unique<Inputs>(Inputs{problem, method, record})) {
  validate(problem, method, record);
  run_ = std::visit(
      [&](const auto& model) {
        return detail::make_integration_run(model, inputs_->problem, inputs_->method, inputs_->record);
      },
      inputs_->problem.model);
}

Integration::~Integration() = default;
Integration::Integration(Integration&&) noexcept = default;
Integration& Integration::operator=(Integration&&) noexcept = default;

SolveStatus Integration::advance_to(double t) { return run_->advance_to(t); }
double Integration::time() const { return run_->time(); }
Solution Integration::finish() { return run_->finish(); }

Solution solve(const Problem& problem, const MethodOptions& method, const RecordOptions& record) {
  Integration integration(problem, method, record);
  integration.advance_to(problem.t_end);
  return integration.finish();
}

}  // namespace neurodyn
