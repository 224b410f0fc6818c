#pragma once
// The memory one command may spend on a run's data, and the estimates checked against it before anything is
// spent: a request that would need more is refused with the estimate in the message, instead of failing (or
// taking the machine down) gigabytes later. The budget is half of the machine's physical memory unless set
// (`neurodyn --max-memory MB`). resolve() checks the input and the output grid against it, `simulate` the
// trace it keeps; the server adds its own per-request limits (serve/simulate_api.hpp).
#include <filesystem>
#include <string_view>

#include "neurodyn/io/run_config.hpp"

namespace neurodyn {

// Bytes: the budget set by set_memory_budget_bytes, or half of the physical memory.
double memory_budget_bytes();

// Throws InputError unless 0 < bytes.
void set_memory_budget_bytes(double bytes);

// Throws InputError unless `bytes` fits in the budget: "<what> needs about 3.2 GB, more than the memory budget
// of 1 GB (as set); <advice>".
void require_within_memory_budget(double bytes, std::string_view what, std::string_view advice);

// Bytes a trace of `samples` samples of the run's state holds (time, state and input per sample).
double trace_bytes(const EffectiveRun& run, double samples);

// Throws InputError, with `advice`, unless the trace of a fixed-step run kept every `every` steps (>= 1) fits in
// the budget; an adaptive run's step count is not known in advance, so it passes.
void require_trace_within_memory_budget(const EffectiveRun& run, long long every, std::string_view advice);

// Bytes of the input that the run's stimulus spec holds over [0, t_end]: its noise samples and table rows.
// Estimated from the spec alone, nothing sampled.
double stimulus_bytes(std::string_view spec, double t_end, const std::filesystem::path& stimulus_folder = {});

}  // namespace neurodyn
