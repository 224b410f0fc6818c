#pragma once
// The entry point of the solve layer: one problem, one method, one recorder.
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/input_events.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/solve/solution.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {

// Model + parameters + initial state + stimulus + time span.
struct Problem {
  AnyModel model;
  std::vector<double> initial_state;  // one value per state variable
  Stimulus stimulus;
  double t_start = 0.0;  // ms
  double t_end = 100.0;  // ms
  InputEvents events;    // inputs delivered at given times (input_events.hpp), on top of the stimulus
};

// Throws InputError unless the initial state has one finite value per state variable of the model.
void validate_initial_state(const Problem& problem);

// What to keep while solving. `every` keeps one sample in k steps (1 = every step); spikes are always kept.
// With `spikes_only` nothing is allocated per step. The callback, when set, sees every sample
// (time, state) as it is produced, whatever is kept.
struct RecordOptions {
  enum class Mode { full, spikes_only };
  Mode mode = Mode::full;
  long long every = 1;
  // ms; > 0: adaptive methods and CVODE record on the uniform grid t_start + k output_step, interpolated with
  // the method's dense output, instead of at their own steps (and without the extra samples at spikes).
  double output_step = 0.0;
  std::function<void(double, std::span<const double>)> callback;
};

// Validates the problem and the options (throws InputError naming the field) and integrates.
// Numerical failures are not exceptions: they come back as the Solution's status and message.
Solution solve(const Problem& problem, const MethodOptions& method, const RecordOptions& record = {});

}  // namespace neurodyn
