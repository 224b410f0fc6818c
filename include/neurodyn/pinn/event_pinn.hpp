#pragma once
// The event-driven PINN: time marching over short windows, one random-feature network per window
// (window_network.hpp) with the window's initial state built in, trained by Gauss-Newton on its physics residual
// and warm-started from the previous window. A window is accepted only when its residual between the training
// points is below the bound; otherwise it is halved and trained again from zero, so no window fails silently.
// The spike is located on the accepted network by root finding on the model's spike guard, and the model's reset
// map gives the next window's initial state, exactly as a classical solver restarts at a located spike. The
// quadratic models train in their phase variable (theta_form.hpp). Times in ms.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "neurodyn/pinn/training_checkpoint.hpp"
#include "neurodyn/pinn/window_network.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

struct EventPinnOptions {
  double window_ms = 4.0;       // the nominal window; shorter at breaks of the input, after a spike and at the end
  double min_window_ms = 1e-3;  // a window halved below this ends the run as failed
  int hidden_units = 32;        // M, per window
  double feature_spread = 4.0;  // input weights and biases uniform in [-spread, spread] (per unit tau)
  WindowTraining training;
  std::uint64_t seed = 1;  // draws the hidden units
  // The trace at t_start + (k + output_offset) output_step_ms; with the default offset 1/2, times no window trains on.
  double output_step_ms = 0.1;
  double output_offset = 0.5;
};

// Throws InputError naming the field, its value and what is allowed.
void validate(const EventPinnOptions& options);

struct EventWindow {
  double start_ms = 0.0;
  double length_ms = 0.0;            // as accepted (up to the spike when it ends in one)
  int tries = 0;                     // 1 + the halvings
  int iterations = 0;                // Gauss-Newton iterations of the accepted try
  double validation_residual = 0.0;  // scaled, per ms
  double final_loss = 0.0;           // mean squared scaled residual at the nodes
  bool ended_in_spike = false;
};

struct EventPinnRun {
  Solution trace;  // the model's state at the scored times (pinn_score.hpp), the spike times, status and message
  std::vector<EventWindow> windows;
  double training_seconds = 0.0;
  int trained_parameters_per_window = 0;  // M x d
};

// Called after each accepted window with the time reached and the spikes so far.
using EventProgress = std::function<void(const EventWindow&, double reached_ms, std::size_t spikes)>;

// Throws InputError for an unsupported model (trained_dynamics.hpp), events in the problem, or bad options. A
// window that cannot be accepted is not an exception: the trace ends there with status step_too_small and a
// message naming the time, the residual and the bound. With a checkpoint the windows done so far are kept (after a
// window, at most every interval_s); a resumed run continues from the last window kept and gives the same result, bit
// for bit, as one uninterrupted run. Throws InputError for a checkpoint of another run or an unreadable one.
EventPinnRun run_event_pinn(const Problem& problem, const EventPinnOptions& options, const EventProgress& progress = {},
                            const TrainingCheckpoint& checkpoint = {});

}  // namespace neurodyn
