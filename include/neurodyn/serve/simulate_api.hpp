#pragma once
// POST /api/simulate: one run described by a JSON object, answered with its trace, spikes, statistics and
// phase plane, and optionally the same run under a second method. The request mirrors the command line
// (`neurodyn simulate`, io/run_config.hpp) and is validated by the same resolve():
//
//   {"preset": "izh2004-A", "model": "izh2003", "params": {"a": 0.02, "d": 8}, "v0": -70, "u0": -14,
//    "stimulus": "step:amp=10,start=20", "t_end": 300, "method": "rk4", "output_step": 0,
//    ...any method option by its name: "dt": 0.01, "rtol": 1e-6, "spikes": "located", "v_substeps": 1, ...
//    "compare": {"method": "euler", "dt": 1}, "samples": 4000}
//
// Every key is optional (a model or a preset is needed); an unknown key is an error. Units: ms, mV, the
// model's current unit. The method options are those of neurodyn/solve/method_options.hpp (`neurodyn
// methods` lists them), checked as on the command line. `compare` repeats the run with its own method keys
// (method, output_step and the method options) in place of the main run's; `samples` bounds the samples of
// each returned trace: an integer, or "all" for every sample the run computed (up to the server's limit,
// ApiLimits::max_samples; "decimated" in the answer says whether the trace was thinned). A stimulus may not
// read a file (`file:`).
//
// The answer (200):
//   {"run": {...the effective run: preset, model, parameters, initial_state, stimulus, t_end,
//            "method": {"name", and every option the method reads}},
//    "config_toml": "...", "variables": [{"name": "v", "unit": "mV"}, ...], "current_unit": "mV/ms",
//    "has_reset": true (spikes jump the state: v to its reset value),
//    "status": "ok" | "max-steps" | "unstable" | ..., "message": "",
//    "trace": {"t": [...], "x": [[v...], [u...]], "I": [...], "computed_samples": N, "decimated": bool},
//    "spikes": [...ms], "spikes_truncated": bool,
//    "statistics": {...spike count, rate, ISI CV, firing pattern... (null unless status is ok)},
//    "solver": {"steps": .., "rejected_steps": .., "rhs_evaluations": .., ...},
//    "phase_plane": null | {"v_range", "y_range", "axes": [0, k] (the trace variables drawn), "model" (whose
//                   plane: the model, or its reduction hh-reduced for hh), "reduction": null | "what it is",
//                   "curves": [nullclines and fixed points at the currents of the run]}
//                   (null for a model without a plane: leaky integrate-and-fire),
//    "compare": null | {"run", "status", "message", "trace", "spikes", "spikes_truncated", "statistics",
//                       "solver", "difference": {"spike_count": .., "max_spike_shift_ms": ..}},
//    "elapsed_ms": server-side time}
// A run that fails numerically is still a 200 answer: its status and message say what happened, and the
// trace holds what was computed until then.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace neurodyn {

// The work one request may ask for.
struct ApiLimits {
  double max_steps = 5e6;               // per run: t_end / dt of a fixed-step method, the step budget of others
  double max_t_end_ms = 1e5;            // ms; also bounds the spikes a run can hold (rate guard x duration)
  std::size_t max_samples = 200'000;    // per returned trace (min/max per bin beyond), and per spike list
  std::size_t default_samples = 2'000;  // when the request says nothing (about two per pixel of a plot)
  // Samples a fixed-step run holds while it runs (one step in k kept beyond). An adaptive run holds one per
  // step, so at most max_steps.
  std::size_t max_recorded_samples = 1'000'000;
  std::size_t max_body_bytes = 64 * 1024;
};

struct ApiResponse {
  int status = 200;  // 200, or 400 with {"error": "..."} for an invalid request
  std::string body;  // JSON
};

// The answer to a request body. Never throws for any input: malformed JSON and invalid requests are 400
// answers whose message names the field, the value and what is allowed.
ApiResponse handle_simulate(std::string_view request_body, const ApiLimits& limits = {});

// The answer as JSON (layout above). Throws InputError for an invalid request.
nlohmann::json simulate(const nlohmann::json& request, const ApiLimits& limits = {});

}  // namespace neurodyn
