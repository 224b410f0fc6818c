#include "neurodyn/population/sweep.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <sstream>
#include <string>
#include <variant>

#include "../analysis/parallel_for.hpp"  // thread_count
#include "checkpoint_file.hpp"
#include "group_engine.hpp"
#include "lanes.hpp"
#include "neurodyn/analysis/spike_train_window.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/population/random_streams.hpp"
#include "neurodyn/population/ranks.hpp"

namespace neurodyn {

namespace {

constexpr double max_runs = 1e8;

bool on_grid(double time, double dt) {
  const double steps = time / dt;
  return std::abs(steps - std::round(steps)) <= 1e-9 * std::max(1.0, steps);
}

double grid_size(const SweepSpec& spec) {
  if (spec.samples) return static_cast<double>(*spec.samples);
  double runs = 1.0;
  for (const SweepAxis& axis : spec.axes) runs *= static_cast<double>(axis.values.size());
  return runs;
}

// The run's model: the base with the run's axis values put in (validate() has checked them against the table).
AnyModel run_model(const SweepSpec& spec, const AnyModel& base, const std::vector<double>& values) {
  AnyModel model = base;
  std::visit(
      [&](auto& m) {
        for (const auto& field : std::decay_t<decltype(m)>::parameters) {
          for (std::size_t a = 0; a < spec.axes.size(); ++a) {
            if (spec.axes[a].name == field.info.name) m.*(field.member) = values[a];
          }
        }
      },
      model);
  return model;
}

double run_current(const SweepSpec& spec, const std::vector<double>& values) {
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    if (spec.axes[a].name == "I") return values[a];
  }
  return spec.current;
}

// The pairs of lane blocks of a sweep (blocks 2p and 2p + 1): their spikes, failures and whether they are done.
struct SweepPairs {
  std::vector<std::vector<population_detail::GroupSpike>>& spikes;  // per block
  std::vector<std::string>& failures;                               // per pair
  std::vector<std::atomic<bool>>& done;                             // per pair
};

// The checkpoint of a sweep (src/population/checkpoint_file.hpp): the pairs done, and their spikes (run and time)
// and failures. Called while other threads advance the pairs not done.
void save_sweep_state(const RunCheckpoint& checkpoint, const SweepPairs& state) {
  std::vector<std::int64_t> pairs, spike_runs;
  std::vector<double> spike_times;
  std::string failures;
  for (std::size_t p = 0; p < state.done.size(); ++p) {
    if (!state.done[p].load(std::memory_order_acquire)) continue;
    pairs.push_back(static_cast<std::int64_t>(p));
    for (std::size_t b = 2 * p; b < std::min(state.spikes.size(), 2 * p + 2); ++b) {
      for (const auto& spike : state.spikes[b]) {
        spike_runs.push_back(spike.neuron);
        spike_times.push_back(spike.time_ms);
      }
    }
    failures += state.failures[p];
  }
  population_detail::CheckpointOut out("sweep", checkpoint.identity);
  out.integers("pairs done", pairs);
  out.integers("spike runs", spike_runs);
  out.doubles("spike times", spike_times);
  out.text("failures", failures);
  out.save(checkpoint);
}

void restore_sweep_state(const RunCheckpoint& checkpoint, const SweepPairs& state) {
  population_detail::CheckpointIn in(checkpoint, "sweep");
  const std::vector<std::int64_t> pairs = in.integers("pairs done");
  const std::vector<std::int64_t> spike_runs = in.integers("spike runs");
  const std::vector<double> spike_times = in.doubles("spike times");
  const std::string failures = in.text("failures");
  in.finish();
  const auto runs = static_cast<std::int64_t>(state.spikes.size()) * population_detail::lane_width;
  for (const std::int64_t p : pairs) {
    if (p < 0 || p >= static_cast<std::int64_t>(state.done.size())) in.damaged("section 'pairs done'");
    state.done[static_cast<std::size_t>(p)].store(true);
  }
  if (spike_runs.size() != spike_times.size()) in.damaged("the spikes");
  for (std::size_t s = 0; s < spike_runs.size(); ++s) {
    const std::int64_t run = spike_runs[s];
    if (run < 0 || run >= runs || !state.done[static_cast<std::size_t>(run / (2 * population_detail::lane_width))]) {
      in.damaged("the spikes");
    }
    state.spikes[static_cast<std::size_t>(run / population_detail::lane_width)].push_back({run, spike_times[s]});
  }
  std::istringstream lines(failures);
  for (std::string line; std::getline(lines, line);) {
    const auto tab = line.find('\t');
    std::int64_t run = -1;
    try {
      run = std::stoll(line.substr(0, tab));
    } catch (const std::logic_error&) {
      in.damaged("the failures");
    }
    if (tab == std::string::npos || run < 0 || run >= runs) in.damaged("the failures");
    state.failures[static_cast<std::size_t>(run / (2 * population_detail::lane_width))] += line + '\n';
  }
}

}  // namespace

void validate(const SweepSpec& spec) {
  population_detail::require_lane_model(spec.model);
  make_model(spec.model, spec.parameters);
  initial_state(make_model(spec.model, spec.parameters), spec.v0, spec.u0);
  if (spec.method != "euler" && spec.method != "midpoint" && spec.method != "heun" && spec.method != "rk4") {
    throw InputError(
        fmt::format("method = '{}' does not step a sweep; allowed: euler, midpoint, heun, rk4", spec.method));
  }
  require_in_range("dt", spec.dt_ms, 1e-9, 1e3);
  require_in_range("duration_ms", spec.duration_ms, spec.dt_ms, 1e9);
  if (!on_grid(spec.duration_ms, spec.dt_ms)) {
    throw InputError(
        fmt::format("duration_ms = {:g} must be a whole number of steps of dt = {:g}", spec.duration_ms, spec.dt_ms));
  }
  require_in_range("stimulus_start_ms", spec.stimulus_start_ms, 0.0, spec.duration_ms);
  if (!on_grid(spec.stimulus_start_ms, spec.dt_ms)) {
    throw InputError(
        fmt::format("stimulus_start_ms = {:g} must lie on the grid of dt = {:g}", spec.stimulus_start_ms, spec.dt_ms));
  }
  if (spec.window_start_ms) require_in_range("window_start_ms", *spec.window_start_ms, 0.0, spec.duration_ms);
  require_in_range("current", spec.current, -1e9, 1e9);
  if (spec.axes.empty()) throw InputError("a sweep needs at least one [[axis]]");
  const ModelInfo& info = model_info(spec.model);
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    const SweepAxis& axis = spec.axes[a];
    for (std::size_t b = 0; b < a; ++b) {
      if (spec.axes[b].name == axis.name) throw InputError(fmt::format("axis '{}' is given twice", axis.name));
    }
    if (axis.name != "I" && std::none_of(info.parameters.begin(), info.parameters.end(),
                                         [&](const ParameterInfo& p) { return p.name == axis.name; })) {
      std::vector<std::string_view> names{"I"};
      for (const auto& p : info.parameters) names.push_back(p.name);
      throw InputError(fmt::format("axis '{}' is neither I nor a parameter of {}; allowed: {}", axis.name, spec.model,
                                   fmt::join(names, ", ")));
    }
    if (axis.values.empty()) throw InputError(fmt::format("axis '{}' has no values", axis.name));
    for (const double value : axis.values) {
      if (axis.name == "I") {
        require_in_range("axis I", value, -1e9, 1e9);
      } else {
        const auto& p = *std::find_if(info.parameters.begin(), info.parameters.end(),
                                      [&](const ParameterInfo& q) { return q.name == axis.name; });
        require_in_range(fmt::format("axis {}", axis.name), value, p.min, p.max);
      }
    }
  }
  if (spec.samples && (*spec.samples < 1 || static_cast<double>(*spec.samples) > max_runs)) {
    throw InputError(fmt::format("samples = {} must lie in [1, {:g}]", *spec.samples, max_runs));
  }
  if (grid_size(spec) > max_runs) {
    throw InputError(
        fmt::format("the grid holds {:g} runs; at most {:g} are allowed (use samples = N for a random "
                    "sample)",
                    grid_size(spec), max_runs));
  }
}

std::vector<std::vector<double>> sweep_points(const SweepSpec& spec) {
  std::vector<std::vector<double>> points;
  const auto runs = static_cast<std::size_t>(grid_size(spec));
  points.reserve(runs);
  for (std::size_t run = 0; run < runs; ++run) {
    std::vector<double> values(spec.axes.size());
    if (spec.samples) {
      for (std::size_t a = 0; a < spec.axes.size(); ++a) {
        const auto [low, high] = std::minmax_element(spec.axes[a].values.begin(), spec.axes[a].values.end());
        const double u = uniform01(spec.seed, RandomStream::neuron_parameters, run, a + 1);
        values[a] = *low + (*high - *low) * u;
      }
    } else {
      std::size_t rest = run;
      for (std::size_t a = spec.axes.size(); a-- > 0;) {
        const std::size_t size = spec.axes[a].values.size();
        values[a] = spec.axes[a].values[rest % size];
        rest /= size;
      }
    }
    points.push_back(std::move(values));
  }
  return points;
}

double sweep_bytes(const SweepSpec& spec) {
  return static_cast<double>(sweep_points(spec).size()) * (400.0 + 8.0 * spec.duration_ms / 10.0);
}

SweepResult run_sweep(const SweepSpec& spec, const std::function<void(const SweepProgress&)>& progress,
                      const RunCheckpoint& checkpoint) {
  validate(spec);
  if (!checkpoint.path.empty() && Ranks::distributed()) {
    throw InputError(fmt::format("a sweep checkpoint ({}) is kept by one process; this run has {} ranks",
                                 checkpoint.path.string(), Ranks::size()));
  }
  const auto points = sweep_points(spec);
  const auto runs = static_cast<std::int64_t>(points.size());
  std::vector<AnyModel> models;
  std::vector<std::vector<double>> states;
  models.reserve(points.size());
  const AnyModel base = make_model(spec.model, spec.parameters);
  for (const auto& values : points) {
    models.push_back(run_model(spec, base, values));
    states.push_back(initial_state(models.back(), spec.v0, spec.u0));
  }
  const auto engine = population_detail::make_group_engine(models, states, spec.method);

  const auto start_index = static_cast<std::int64_t>(std::llround(spec.stimulus_start_ms / spec.dt_ms));
  const auto end_index = static_cast<std::int64_t>(std::llround(spec.duration_ms / spec.dt_ms));
  const std::size_t blocks = engine->block_count();
  std::vector<std::vector<population_detail::GroupSpike>> spikes(blocks);
  const int threads = static_cast<int>(analysis_detail::thread_count(Ranks::threads(spec.threads), blocks));
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;
  // Blocks b and b + 1 (GroupEngine::advance_converged_pair; b alone when it is the last before `last`).
  const auto advance_pair = [&](std::size_t b, std::size_t last) {
    const std::size_t count = std::min<std::size_t>(2, last - b);
    double inputs[2 * population_detail::lane_width] = {};
    const auto advance = [&](std::int64_t from, std::int64_t to) {
      const population_detail::BinGrid grid{spec.dt_ms, from, to, 0.0};
      if (count == 2) {
        engine->advance_converged_pair(b, inputs, grid, spikes[b], spikes[b + 1]);
      } else {
        engine->advance_converged(b, inputs, grid, spikes[b]);
      }
    };
    if (start_index > 0) advance(0, start_index);
    for (int lane = 0; lane < static_cast<int>(count) * population_detail::lane_width; ++lane) {
      const auto run =
          std::min<std::int64_t>(static_cast<std::int64_t>(b) * population_detail::lane_width + lane, runs - 1);
      inputs[lane] = run_current(spec, points[static_cast<std::size_t>(run)]);
    }
    if (end_index > start_index) advance(start_index, end_index);
  };
  const auto report = [&](std::size_t blocks_done) {
    const auto now = std::chrono::steady_clock::now();
    if (progress && Ranks::rank() == 0 && now - last_report >= std::chrono::milliseconds(500)) {
      last_report = now;
      progress(
          {std::min<std::int64_t>(static_cast<std::int64_t>(blocks_done) * population_detail::lane_width, runs), runs});
    }
  };
  // Blocks 2p and 2p + 1 are pair p: the unit of the work, of its failures ("run<TAB>message" lines) and of the
  // checkpoint, which keeps the pairs done.
  const std::size_t pairs = (blocks + 1) / 2;
  std::vector<std::string> pair_failures(pairs);
  std::vector<std::atomic<bool>> done(pairs);
  const auto run_pair = [&](std::size_t p) {
    advance_pair(2 * p, blocks);
    for (std::size_t b = 2 * p; b < std::min(blocks, 2 * p + 2); ++b) {
      for (int lane = 0; lane < population_detail::lane_width; ++lane) {
        const auto run = static_cast<std::int64_t>(b) * population_detail::lane_width + lane;
        if (run >= runs) break;
        if (const auto failure = engine->failure(run)) pair_failures[p] += fmt::format("{}\t{}\n", run, *failure);
      }
    }
    done[p].store(true, std::memory_order_release);
  };
  const SweepPairs state{spikes, pair_failures, done};
  if (checkpoint.resume) restore_sweep_state(checkpoint, state);
  std::vector<std::size_t> own_pairs;  // the pairs this rank holds
  if (Ranks::distributed()) {
    // Blocks are handed out in chunks from a count shared by the ranks (runs differ in cost: a rank that finishes
    // early takes more; only the main thread calls MPI), and a chunk's pairs are shared among this rank's threads.
    SharedCounter next_block;
    const auto chunk = static_cast<std::int64_t>(8 * threads);  // even: a chunk holds whole pairs
    for (;;) {
      const auto first = static_cast<std::size_t>(next_block.take(chunk));
      if (first >= blocks) break;
      const std::size_t last = std::min(blocks, first + static_cast<std::size_t>(chunk));
      const std::size_t first_pair = first / 2, last_pair = (last + 1) / 2;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
      for (std::size_t p = first_pair; p < last_pair; ++p) run_pair(p);
      for (std::size_t p = first_pair; p < last_pair; ++p) own_pairs.push_back(p);
      report(last);
    }
  } else {
    // One process: one parallel region, whose threads take pairs of blocks from a counter until none is left (a
    // region per chunk waited at every chunk's end for a thread that had lost its core on a loaded machine). The
    // main thread keeps the checkpoint between its pairs, of the pairs done by then.
    CheckpointSchedule schedule(checkpoint);
    std::atomic<std::size_t> next_pair{0};
    // A stop request, or an exception of the progress callback (which must not leave the parallel region): every
    // thread ends its pair and takes no other; the checkpoint is written after the region, and the exception
    // thrown again.
    std::exception_ptr progress_failure;
    std::atomic<bool> stopping{false};
    const auto stop_asked = [&] { return stopping.load() || checkpoint.stop_requested(); };
#pragma omp parallel num_threads(threads)
    {
      for (std::size_t p = next_pair++; p < pairs && !stop_asked(); p = next_pair++) {
        if (done[p].load(std::memory_order_acquire)) continue;
        run_pair(p);
        if (omp_get_thread_num() == 0) {
          try {
            report(std::min(blocks, 2 * next_pair.load()));
          } catch (...) {
            progress_failure = std::current_exception();
            stopping.store(true);
          }
          if (!stop_asked() && schedule.due(false)) save_sweep_state(checkpoint, state);
        }
      }
    }
    if (stop_asked()) {
      if (schedule.due(true)) save_sweep_state(checkpoint, state);
      if (progress_failure) std::rethrow_exception(progress_failure);
      schedule.stop_if_requested();
    }
    for (std::size_t p = 0; p < pairs; ++p) own_pairs.push_back(p);
  }
  SweepResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress && Ranks::rank() == 0) progress({runs, runs});

  // Every rank's spikes (a block lists them by run, each run's in time order) and failures, on every rank.
  std::vector<std::int64_t> spike_runs;
  std::vector<double> spike_times;
  std::string failures;
  for (const std::size_t p : own_pairs) {
    for (std::size_t b = 2 * p; b < std::min(blocks, 2 * p + 2); ++b) {
      for (const auto& spike : spikes[b]) {
        spike_runs.push_back(spike.neuron);
        spike_times.push_back(spike.time_ms);
      }
    }
    failures += pair_failures[p];
  }
  spike_runs = Ranks::all_gather(spike_runs);
  spike_times = Ranks::all_gather(spike_times);
  std::vector<std::vector<double>> trains(points.size());
  for (std::size_t s = 0; s < spike_runs.size(); ++s) {
    trains[static_cast<std::size_t>(spike_runs[s])].push_back(spike_times[s]);
  }
  result.rows.resize(points.size());
  for (const std::string& text : Ranks::all_gather(failures)) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      const auto tab = line.find('\t');
      SweepRow& row = result.rows[static_cast<std::size_t>(std::stoll(line.substr(0, tab)))];
      row.ok = false;
      row.message = line.substr(tab + 1);
    }
  }
  const double window_start = spec.window_start_ms.value_or(spec.duration_ms / 2.0);
  const SpikeTrainWindow window{window_start, spec.duration_ms};
  for (std::size_t run = 0; run < points.size(); ++run) {
    SweepRow& row = result.rows[run];
    row.values = points[run];
    const std::vector<double>& train = trains[run];
    row.spike_count = static_cast<std::int64_t>(train.size());
    const auto in_window = spikes_within(train, window);
    row.window_spike_count = static_cast<std::int64_t>(in_window.size());
    if (in_window.size() >= 2) {
      row.steady_rate_hz = 1000.0 * static_cast<double>(in_window.size() - 1) / (in_window.back() - in_window.front());
    }
    row.first_spike_ms = train.empty() ? std::numeric_limits<double>::quiet_NaN() : train.front();
    row.spike_times_ms = train;
    const double current = run_current(spec, points[run]);
    const SpikeTrainWindow response{spec.stimulus_start_ms, spec.duration_ms,
                                    current < 0.0 ? -1 : (current > 0.0 ? 1 : 0)};
    row.pattern = classify_firing_pattern(train, response).pattern;
  }
  return result;
}

}  // namespace neurodyn
