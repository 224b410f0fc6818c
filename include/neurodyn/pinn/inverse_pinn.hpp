#pragma once
// Identifying a quadratic model's constants (a and b by default) from a voltage trace alone, with the event-driven
// PINN as the model (event_pinn.hpp). The recovery variable u is never observed and the spikes are, so the trace is
// cut into stretches between its resets, each ending below a voltage cap before the next upstroke; each stretch k
// starts at its first sample from an unknown state (v_k, u_k). The unknown constants and the stretches' starts are
// the trainable scalars: Levenberg-Marquardt (Eigen's MINPACK port) fits them to the data residual
// (v_pinn - v_obs) / sigma, with a PINN trained on the physics of each stretch for every trial and Jacobian columns
// by forward differences (a stretch's own start moves only that stretch): multiple shooting, which stays smooth from
// a far start since no stretch holds a spike. Times in ms, v in mV.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/pinn/event_pinn.hpp"
#include "neurodyn/pinn/training_checkpoint.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn {

// A voltage trace sampled uniformly: times (ms) and v (mV).
struct VoltageTrace {
  std::vector<double> t_ms;
  std::vector<double> v_mV;
};

// The problem's converged solution sampled every `step_ms` from t_start, with Gaussian noise of sd noise_mV (Random123
// Philox streams from the seed: the same on every platform). Throws InputError for a failed run or bad arguments.
VoltageTrace noisy_voltage(const Problem& problem, double step_ms, double noise_mV, std::uint64_t seed);

// The constants an inverse run may identify: the model's parameters by name, and the input as "I", the amplitude of a
// stimulus of one step or const component (in the model's current unit).
inline constexpr std::string_view input_unknown = "I";
ParameterValues problem_constants(const Problem& problem);
// The problem with some of those constants set. Throws InputError for a value outside a parameter's range, or "I" with
// a stimulus other than one step or const component.
Problem with_constants(const Problem& problem, const ParameterValues& values);

struct InversePinnOptions {
  std::vector<std::string> unknowns{"a", "b"};  // constants identified (problem_constants)
  // Starting values by name; a missing one starts at the middle of its fitting range (the model's table), the input at
  // the problem's amplitude (the nominal input).
  std::map<std::string, double, std::less<>> start;
  double noise_mV = 0.5;          // the data's noise sd: the unit of the data residual
  double voltage_cap_mV = -40.0;  // a stretch ends at its last sample below this, before the upstroke
  double min_stretch_ms = 5.0;    // shorter stretches are not used
  int max_iterations = 100;       // Levenberg-Marquardt iterations
  // The forward PINN of every trial (its output step becomes the trace's sample step): 8 ms windows at 1e-6 per ms,
  // accurate far beyond the noise.
  EventPinnOptions pinn = [] {
    EventPinnOptions forward;
    forward.window_ms = 8.0;
    forward.training.residual_tolerance = 1e-6;
    return forward;
  }();
  // Simulated data (when no trace is given): samples every data_step_ms (20 kHz) with noise_mV, from data_seed.
  double data_step_ms = 0.05;
  std::uint64_t data_seed = 1;
};

// A trace file: comma-separated columns time_ms, v_mV ('#' lines and a header line of names skipped). Throws
// FileError for an unreadable file and InputError naming the file, line and column for a row without two numbers.
VoltageTrace read_voltage_trace(const std::filesystem::path& path);

// Throws InputError naming the field, its value and what is allowed.
void validate(const InversePinnOptions& options);

struct IdentifiedParameter {
  std::string name;
  double start = 0.0;
  double value = 0.0;
  double standard_error = 0.0;  // from sigma^2 (J^T J)^-1 at the solution, sigma^2 the residual variance
};

struct InversePinnRun {
  std::vector<IdentifiedParameter> parameters;
  std::vector<std::pair<double, double>> stretches;  // first and last sample time of each (ms)
  std::vector<double> t_ms, v_mV;                    // the PINN at the data times of the stretches
  double data_rms_mV = 0.0;                          // of v_pinn - v_obs
  int iterations = 0;
  int forward_runs = 0;      // PINN runs of one stretch
  std::vector<double> loss;  // per iteration: the sum of squared residuals (in units of sigma)
  double training_seconds = 0.0;
};

using InverseProgress = std::function<void(int iteration, double loss)>;

// Identifies the unknowns of problem.model from `data` (the problem supplies the stimulus and the known constants).
// Throws InputError for a model other than izh2003 and izh2007, an unknown parameter name, a trace that is not
// uniformly sampled or holds no stretch long enough, or bad options. With a checkpoint the iterate and the loss
// history are kept (after an iteration, at most every interval_s); a resumed run starts Levenberg-Marquardt afresh
// from the iterate kept (its damping is not kept), so it reaches the same minimum, not the same bits.
InversePinnRun run_inverse_pinn(const Problem& problem, const VoltageTrace& data, const InversePinnOptions& options,
                                const InverseProgress& progress = {}, const TrainingCheckpoint& checkpoint = {});

}  // namespace neurodyn
