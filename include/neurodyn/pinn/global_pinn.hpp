#pragma once
// One network over the whole span, the method of the earlier study (docs/reference.md 6.2), kept to show what it
// learns: a multilayer perceptron t -> (v, u) trained on the physics residual of the model's own equations and the
// initial condition (pure), plus a regression onto a classical solution (guided). It has no reset and no located
// spike: its "spikes" are the upward crossings of the model's spike guard by the network's trajectory. Float64
// throughout; times in ms, v and u in the model's units.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "neurodyn/pinn/training_checkpoint.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// Extra collocation points drawn uniformly in [from_ms, to_ms].
struct CollocationBand {
  double from_ms, to_ms;
  int count;
};

// A physics residual weight on [from_ms, to_ms].
struct WeightBand {
  double from_ms, to_ms, weight;
};

struct GlobalPinnOptions {
  bool guided = false;
  int hidden_layers = 6;
  int hidden_width = 128;
  // Inputs: [t/P, sin(2 pi t/P), cos(2 pi t/P), sin(4 pi t/P), cos(4 pi t/P)] with P = period_ms (fourier), or
  // the time mapped onto [-1, 1] over the span (affine).
  bool fourier_input = true;
  double period_ms = 200.0;
  // Outputs: v = v_offset + v_scale n0 and u = u_offset + u_scale n1 (guided: u's offset and scale are the mean and
  // standard deviation of the data's u, z-scoring it). The residual is taken on n: (y' - F) / scale.
  double v_offset = std::numeric_limits<double>::quiet_NaN();  // NaN: the initial v
  double v_scale = 100.0;
  double u_scale = 300.0;
  int uniform_points = 1000;
  std::vector<CollocationBand> bands{{95, 105, 250}, {100, 120, 250}, {120, 140, 250}, {140, 200, 250}};
  std::vector<WeightBand> physics_weights{{90, 1e300, 5.0}};
  double u_residual_weight = 1.0;
  double initial_weight = 1e4;
  double initial_weight_growth = 1e-3;  // per epoch: weight (1 + growth * epoch)
  double bound_weight = 1.0;            // soft bounds: v above v_high or below v_low
  double v_high = 50.0, v_low = -100.0;
  // Guided only: the data, a classical solution sampled every data_step_ms ("euler" at that step, as the earlier
  // study, or "converged"), its sample before each reset raised to the spike cutoff.
  std::string guide = "euler";
  double data_step_ms = 1.0;
  double data_weight = 50.0;
  double data_v_peak_weight = 50.0;  // extra weight of data points with v > 0
  double data_u_weight = 100.0;
  // Schedule: Adam at learning_rate for first_epochs; then Adam at second_learning_rate with plateau decay up to
  // epochs in all (pure), or lbfgs_calls calls of L-BFGS (lbfgs_learning_rate, lbfgs_iterations each, no line
  // search; guided).
  int first_epochs = 5000;
  double learning_rate = 5e-4;
  int epochs = 12000;
  double second_learning_rate = 1e-4;
  int lbfgs_calls = 0;
  int lbfgs_iterations = 20;
  double lbfgs_learning_rate = 0.1;
  double clip_norm = 1.0;  // gradient norm clipping; 0: none
  std::uint64_t seed = 1;
  double output_step_ms = 0.1;  // the scored times t_start + (k + 1/2) step
};

// The earlier study's guided settings: 4 x 128, affine input, 1500 + 500 points in [90, 150], physics weight 11 on
// [95, 105], u residual weight 100, initial weight 200, data weight 50, Adam 1e-3 for 8000 epochs, then 100 calls
// of L-BFGS.
GlobalPinnOptions guided_defaults();

// Throws InputError naming the field, its value and what is allowed.
void validate(const GlobalPinnOptions& options);

struct GlobalPinnRun {
  Solution trace;                    // the network at the scored times; spike_times its upward guard crossings
  std::vector<double> loss;          // per epoch (or L-BFGS call)
  std::vector<double> physics_loss;  // its physics part
  double training_seconds = 0.0;
  long long trained_parameters = 0;
  int collocation_points = 0;
  int data_points = 0;
};

// Called after every epoch: epoch, total, loss.
using GlobalProgress = std::function<void(int epoch, int total, double loss)>;

// Resuming (training_checkpoint.hpp) continues bit for bit during the Adam epochs; within the L-BFGS calls it restarts
// L-BFGS's history at the last call written. A larger epochs or lbfgs_calls extends a finished run.
// Throws InputError for an unsupported model (trained_dynamics.hpp), events in the problem, bad options, or a
// checkpoint that is unreadable or of another run; FileError when the checkpoint cannot be written.
GlobalPinnRun run_global_pinn(const Problem& problem, const GlobalPinnOptions& options,
                              const GlobalProgress& progress = {}, const TrainingCheckpoint& checkpoint = {});

}  // namespace neurodyn
