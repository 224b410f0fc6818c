#include "work_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <variant>

#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn::serve_detail {

namespace {

// The number of fixed steps of the run, not counting the extra ones at input jumps and spikes.
double fixed_step_count(const EffectiveRun& run) { return std::ceil(run.t_end / run.method.dt); }

bool fixed_step(const EffectiveRun& run) { return !method_info(run.method.name).adaptive; }

// An upper bound on the jumps and bends of the input within [0, t_end]: solvers split a step at each, and the
// solve layer lists them all before it starts, so a pulse train of 10^9 pulses would cost gigabytes.
double input_breakpoint_bound(const Stimulus& stimulus, double t_end) {
  double count = 0.0;
  for (const auto& component : stimulus.components()) {
    if (const auto* train = std::get_if<PulseTrain>(&component)) {
      const double fitting = train->period > 0.0 ? std::floor(std::max(0.0, t_end - train->start) / train->period) + 1.0
                                                 : 1.0;
      count += 2.0 * std::min(static_cast<double>(train->count), fitting);
    } else {
      count += 2.0;  // a step's, ramp's or sine's start and stop
    }
  }
  return count;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// Whether any '+'-separated piece of the spec is a `file:` component, spaces allowed around its kind
// (stimulus/parse.hpp). Splitting at every '+' finds more pieces than the parser does, never fewer.
bool names_file_component(std::string_view spec) {
  constexpr std::string_view file_kind = "file";
  for (std::size_t begin = 0; begin <= spec.size();) {
    const std::size_t plus = std::min(spec.find('+', begin), spec.size());
    const std::string_view piece = trim_blanks(spec.substr(begin, plus - begin));
    if (piece.starts_with(file_kind) && trim_blanks(piece.substr(file_kind.size())).starts_with(':')) return true;
    begin = plus + 1;
  }
  return false;
}

}  // namespace

void reject_file_stimulus(const RunSettings& settings) {
  if (!settings.stimulus) return;
  if (names_file_component(*settings.stimulus)) {
    throw InputError(fmt::format("stimulus = '{}' reads a file; allowed through the API: step, const, pulses, ramp, "
                                 "sine, noise (use `neurodyn simulate` for recorded currents)",
                                 *settings.stimulus));
  }
}

void bound_input(const RunSettings& settings, const ApiLimits& limits) {
  if (!settings.stimulus) return;  // a preset's own input
  RunSettings without_input = settings;
  without_input.stimulus = "none";
  const double t_end = resolve(without_input).t_end;
  const Stimulus shape = parse_stimulus(*settings.stimulus, 0.0);  // the components, noise sampled once
  for (const auto& component : shape.components()) {
    const auto* noise = std::get_if<OrnsteinUhlenbeck>(&component);
    if (!noise) continue;
    const double samples = std::ceil(t_end / noise->sample_step);
    if (samples > limits.max_steps) {
      throw InputError(fmt::format("stimulus = '{}': noise sampled every {} ms over t_end = {} ms needs {} samples, too "
                                   "much for one request; allowed: at most {} (raise sample_step or shorten t_end)",
                                   *settings.stimulus, noise->sample_step, t_end, samples, limits.max_steps));
    }
  }
  const double breakpoints = input_breakpoint_bound(shape, t_end);
  if (breakpoints > limits.max_steps) {
    throw InputError(fmt::format("stimulus = '{}' jumps about {} times within the run, too much work for one "
                                 "request; allowed: at most {} jumps (fewer or longer pulses, or a shorter t_end)",
                                 *settings.stimulus, breakpoints, limits.max_steps));
  }
}

void bound_duration(const RunSettings& settings, const ApiLimits& limits) {
  if (settings.t_end && !(*settings.t_end > 0.0 && *settings.t_end <= limits.max_t_end_ms)) {
    throw InputError(fmt::format("t_end = {} ms is not allowed in one request; allowed: 0 < t_end <= {} ms",
                                 *settings.t_end, limits.max_t_end_ms));
  }
}

void bound_work(EffectiveRun& run, const ApiLimits& limits) {
  if (run.t_end > limits.max_t_end_ms) {
    throw InputError(fmt::format("t_end = {} ms is too long for one request; allowed: 0 < t_end <= {} ms", run.t_end,
                                 limits.max_t_end_ms));
  }
  if (run.output_step > 0.0) {
    const double samples = std::floor(run.t_end / run.output_step) + 1.0;
    if (samples > static_cast<double>(limits.max_recorded_samples)) {
      throw InputError(fmt::format("t_end / output_step = {} / {} = {} samples is too many for one request; allowed: "
                                   "at most {} (a longer output_step or a shorter t_end)",
                                   run.t_end, run.output_step, samples, limits.max_recorded_samples));
    }
  }
  if (fixed_step(run) && fixed_step_count(run) > limits.max_steps) {
    throw InputError(fmt::format("t_end / dt = {} / {} = {} steps is too much work for one request; allowed: at most "
                                 "{} steps (raise dt or shorten t_end)",
                                 run.t_end, run.method.dt, fixed_step_count(run), limits.max_steps));
  }
  run.method.max_steps = std::min(run.method.max_steps, static_cast<long long>(limits.max_steps));
}

EffectiveRun prepare_run(const RunSettings& settings, const ApiLimits& limits) {
  bound_duration(settings, limits);
  reject_file_stimulus(settings);
  bound_input(settings, limits);
  EffectiveRun run = resolve(settings);
  bound_work(run, limits);
  return run;
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
