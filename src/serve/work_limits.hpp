#pragma once
// The bounds on the work and memory of one request (ApiLimits), applied to a resolved run.
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/serve/simulate_api.hpp"

namespace neurodyn::serve_detail {

// Throws InputError for a stimulus that would read a file: the server reads nothing from its file system on
// a client's behalf.
void reject_file_stimulus(const RunSettings& settings);

// Throws InputError for a t_end outside (0, limits.max_t_end_ms], naming that limit (checked before the
// library's own, which is longer).
void bound_duration(const RunSettings& settings, const ApiLimits& limits);

// Throws InputError for a noise input that would be sampled more than limits.max_steps times over the run, or
// an input that jumps more often than that. Checked before the run is resolved, which samples the noise and
// lists the jumps (a 1e-6 ms sample step could take gigabytes).
void bound_input(const RunSettings& settings, const ApiLimits& limits);

// Throws InputError for a run longer than limits.max_t_end_ms, an output grid of more than
// limits.max_recorded_samples samples or a fixed-step run of more than limits.max_steps steps; lowers the step
// budget of every method to limits.max_steps.
void bound_work(EffectiveRun& run, const ApiLimits& limits);

// The run the settings describe, validated (resolve) and within the limits: the checks above in order.
EffectiveRun prepare_run(const RunSettings& settings, const ApiLimits& limits);

// What to record: every step, or for a long fixed-step run one step in k so that at most about
// limits.max_recorded_samples samples are held (spike samples are kept only when every step is).
RecordOptions record_options(const EffectiveRun& run, const ApiLimits& limits);

}  // namespace neurodyn::serve_detail
