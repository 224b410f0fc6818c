#include "neurodyn/population/sweep.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <variant>

#include "../analysis/parallel_for.hpp"  // thread_count
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

SweepResult run_sweep(const SweepSpec& spec, const std::function<void(const SweepProgress&)>& progress) {
  validate(spec);
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
  std::vector<std::size_t> advanced;  // the blocks this rank advanced
  if (Ranks::distributed()) {
    // Blocks are handed out in chunks from a count shared by the ranks (runs differ in cost: a rank that finishes
    // early takes more; only the main thread calls MPI), and a chunk's blocks are shared among this rank's threads.
    SharedCounter next_block;
    const auto chunk = static_cast<std::int64_t>(8 * threads);
    for (;;) {
      const auto first = static_cast<std::size_t>(next_block.take(chunk));
      if (first >= blocks) break;
      const std::size_t last = std::min(blocks, first + static_cast<std::size_t>(chunk));
      const std::size_t pairs = (last - first + 1) / 2;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
      for (std::size_t p = 0; p < pairs; ++p) advance_pair(first + 2 * p, last);
      for (std::size_t b = first; b < last; ++b) advanced.push_back(b);
      report(last);
    }
  } else {
    // One process: one parallel region, whose threads take pairs of blocks from a counter until none is left (a
    // region per chunk waited at every chunk's end for a thread that had lost its core on a loaded machine).
    const std::size_t pairs = (blocks + 1) / 2;
    std::atomic<std::size_t> next_pair{0};
#pragma omp parallel num_threads(threads)
    {
      for (std::size_t p = next_pair++; p < pairs; p = next_pair++) {
        advance_pair(2 * p, blocks);
        if (omp_get_thread_num() == 0) report(std::min(blocks, 2 * next_pair.load()));
      }
    }
    for (std::size_t b = 0; b < blocks; ++b) advanced.push_back(b);
  }
  SweepResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (progress && Ranks::rank() == 0) progress({runs, runs});

  // Every rank's spikes (a block lists them by run, each run's in time order) and failures, on every rank.
  std::vector<std::int64_t> spike_runs;
  std::vector<double> spike_times;
  std::string failures;  // "run<TAB>message" lines
  for (const std::size_t b : advanced) {
    for (const auto& spike : spikes[b]) {
      spike_runs.push_back(spike.neuron);
      spike_times.push_back(spike.time_ms);
    }
    for (int lane = 0; lane < population_detail::lane_width; ++lane) {
      const auto run = static_cast<std::int64_t>(b) * population_detail::lane_width + lane;
      if (run >= runs) break;
      if (const auto failure = engine->failure(run)) failures += fmt::format("{}\t{}\n", run, *failure);
    }
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
