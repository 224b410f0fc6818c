#include "work_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "neurodyn/error.hpp"

namespace neurodyn::serve_detail {

namespace {

// The number of fixed steps of the run, not counting the extra ones at input jumps and spikes.
double fixed_step_count(const EffectiveRun& run) { return std::ceil(run.t_end / run.method.dt); }

bool fixed_step(const EffectiveRun& run) { return !method_info(run.method.name).adaptive; }

}  // namespace

void reject_file_stimulus(const RunSettings& settings) {
  if (!settings.stimulus) return;
  // A component starts the spec or follows a '+', with spaces allowed around its kind (stimulus/parse.hpp).
  static const std::regex file_component(R"((^|\+)\s*file\s*:)");
  if (std::regex_search(*settings.stimulus, file_component)) {
    throw InputError(fmt::format("stimulus = '{}' reads a file; allowed through the API: step, const, pulses, ramp, "
                                 "sine, noise (use `neurodyn simulate` for recorded currents)",
                                 *settings.stimulus));
  }
}

void bound_work(EffectiveRun& run, const ApiLimits& limits) {
  if (run.t_end > limits.max_t_end_ms) {
    throw InputError(fmt::format("t_end = {} ms is too long for one request; allowed: 0 < t_end <= {} ms", run.t_end,
                                 limits.max_t_end_ms));
  }
  if (fixed_step(run) && fixed_step_count(run) > limits.max_steps) {
    throw InputError(fmt::format("t_end / dt = {} / {} = {} steps is too much work for one request; allowed: at most "
                                 "{} steps (raise dt or shorten t_end)",
                                 run.t_end, run.method.dt, fixed_step_count(run), limits.max_steps));
  }
  run.method.max_steps = static_cast<long long>(limits.max_steps);
}

RecordOptions record_options(const EffectiveRun& run, const ApiLimits& limits) {
  RecordOptions record;
  record.output_step = run.output_step;
  if (fixed_step(run)) {
    const double stride = std::ceil(fixed_step_count(run) / static_cast<double>(limits.max_recorded_samples));
    record.every = std::max(1LL, static_cast<long long>(stride));
  }
  return record;
}

}  // namespace neurodyn::serve_detail
