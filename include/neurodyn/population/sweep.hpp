#pragma once
// Many independent single-neuron runs over a grid, or a random sample, of parameters and stimulus levels, stepped
// together in lanes (src/population/lane_block.hpp: each run's spikes are the single-neuron solver's, bit for bit)
// and summarised per run. Time in ms, rates in Hz, currents in the model's unit.
//
// Each run holds its model's parameters (the base, with the axes' values put in) and takes a constant current
// I from stimulus_start_ms to the end (0 before), from the base initial state. The axis named "I" sets I; any
// other axis names a parameter of the model.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "neurodyn/analysis/firing_pattern.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn {

struct SweepAxis {
  std::string name;            // "I" or a parameter of the model
  std::vector<double> values;  // the grid's values; a random sample draws uniformly in [min, max] of them
};

struct SweepSpec {
  std::string model;
  ParameterValues parameters;             // the base; the others keep the model's defaults
  std::optional<double> v0, u0;           // the base initial state (the model's default where unset)
  std::vector<SweepAxis> axes;            // the grid: every combination, the first axis varying slowest
  std::optional<std::int64_t> samples;    // a random sample of this many runs instead of the grid
  double current = 0.0;                   // I when no axis sets it
  double stimulus_start_ms = 0.0;         // on the grid of dt
  double duration_ms = 1000.0;            // a whole number of steps
  std::optional<double> window_start_ms;  // the steady window of the rate: default the second half of the run
  std::string method = "rk4";             // euler, midpoint, heun, rk4
  double dt_ms = 0.01;
  std::uint64_t seed = 1;  // of the random sample
  unsigned threads = 0;    // 0: all cores
};

struct SweepRow {
  std::vector<double> values;  // one per axis
  std::vector<double> spike_times_ms;
  std::int64_t spike_count = 0;
  std::int64_t window_spike_count = 0;
  double steady_rate_hz = 0.0;  // 1000 / the mean ISI of the spikes in the window (0 with fewer than two)
  double first_spike_ms = 0.0;  // NaN without a spike
  FiringPattern pattern = FiringPattern::silent;  // classified from the stimulus onset to the end
  bool ok = true;
  std::string message;  // why the run failed (it diverged), when !ok
};

struct SweepProgress {
  std::int64_t runs_done, runs;
};

struct SweepResult {
  std::vector<SweepRow> rows;  // grid order (or sample order)
  double seconds = 0.0;        // the runs, without the set-up
};

// Throws InputError naming the field, the value and what is allowed.
void validate(const SweepSpec& spec);

// The runs' axis values: the grid, or the sample drawn from the seed (Random123, by run index).
std::vector<std::vector<double>> sweep_points(const SweepSpec& spec);

// Bytes the sweep's runs would hold: per run its model and state in lanes, its summary row and about a spike per
// 10 ms of the run (an estimate from the spec, before anything is built).
double sweep_bytes(const SweepSpec& spec);

// The runs, in lane blocks on the threads (and ranks). `progress` is called every few hundred ms of wall time; an
// exception it throws ends the sweep once the runs under way are done, after the checkpoint (below) is written.
// With checkpoint.path set (one process only: InputError under
// several ranks), the runs done so far (by pairs of lane blocks: their spikes and failures) are written there at
// most every checkpoint.interval_s, atomically (format: src/population/checkpoint_file.hpp). With checkpoint.resume
// only the other runs are run, and the result is the uninterrupted sweep's (timings aside). Throws InputError when
// there is no file to resume from, when it is damaged or cut short, or when its identity differs from
// checkpoint.identity (naming the first line that differs). The caller removes the file once the results are kept.
SweepResult run_sweep(const SweepSpec& spec, const std::function<void(const SweepProgress&)>& progress = {},
                      const RunCheckpoint& checkpoint = {});

}  // namespace neurodyn
