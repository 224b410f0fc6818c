// `neurodyn fi`: the f-I curve of a model over a range of constant currents (all cores, the same result for
// any number of threads), and on request the rheobase, the onset of sustained firing and the bistable ranges,
// each named in the output. Writes fi.csv, hysteresis.csv (with --hysteresis), config.toml and fi.{png,svg}.
// Without model flags it draws the f-I figure of an earlier study (docs/reference.md 6.3) with a converged
// solver: the 2003 RS cell, I = 0..40, with v(t) stacked either side of the rheobase, at the onset of
// sustained firing, at 20 and at 40, with the rates in Hz.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis_commands.hpp"
#include "neurodyn/analysis/bifurcations.hpp"
#include "neurodyn/analysis/voltage_peaks.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/fi_output.hpp"
#include "neurodyn/io/fi_run.hpp"
#include "neurodyn/io/result_folder.hpp"
#include "neurodyn/io/unit_key.hpp"
#include "neurodyn/population/fi_in_lanes.hpp"
#include "number_list.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

constexpr double default_range_steps = 40.0;

struct FiOptions {
  ProblemFlags problem;
  std::optional<std::string> currents, range, window, traces;
  std::string start = "rest";
  std::string detector = "events";
  double prominence = FiProtocol{}.peak_prominence;
  bool rheobase = false, onset = false, hysteresis = false, no_figures = false;
  unsigned threads = 0;
  std::filesystem::path out;
};

// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least `value` (> 0).
double round_up(double value) {
  const double decade = std::pow(10.0, std::floor(std::log10(value)));
  for (const double mantissa : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0}) {
    if (mantissa * decade >= value * (1.0 - 1e-12)) return mantissa * decade;
  }
  return 10.0 * decade;
}

// Without --currents or --range: 41 currents from 0 to a round number at least 10 times the current where the
// rest is lost (0..40 for the 2003 RS cell, whose rest is lost at 3.8).
std::vector<double> default_currents(const AnyModel& model) {
  std::optional<RestBranch> branch;
  try {
    branch = follow_rest(model);
  } catch (const InputError&) {
  }
  if (!branch || !branch->stability_lost || !(branch->stability_lost->current > 0.0)) {
    throw InputError(
        fmt::format("fi: give --currents or --range: model {} has no rest at I = 0 that is lost at a "
                    "positive current to choose a default range from",
                    model_name(model)));
  }
  const double top = round_up(10.0 * branch->stability_lost->current);
  return current_range(0.0, top, top / default_range_steps);
}

std::vector<double> fi_currents(const FiOptions& options, const AnyModel& model) {
  if (options.currents && options.range) throw InputError("--currents and --range exclude each other; give one");
  std::vector<double> currents;
  if (options.currents) {
    currents = parse_numbers("--currents", *options.currents, ',');
  } else if (options.range) {
    const auto range = parse_numbers("--range", *options.range, ':', 3);
    currents = current_range(range[0], range[1], range[2]);
  } else {
    currents = default_currents(model);
  }
  return neurodyn::fi_currents(std::move(currents));
}

// The protocol of the flags, and where its runs start, as fi.csv states it.
FiProtocol fi_protocol(const FiOptions& options, const EffectiveRun& run, std::string& origin) {
  FiChoices choices{parse_fi_start(options.start), std::nullopt, parse_spike_detector(options.detector),
                    options.prominence};
  if (options.window) choices.window = parse_interval("--window", *options.window);
  origin = choices.start == FiStart::rest ? std::string("the resting state at I = 0")
           : run.preset                   ? fmt::format("as given: flags, config or preset {}", *run.preset)
                                          : std::string("as given: flags, config or the model's default");
  return neurodyn::fi_protocol(run, choices);
}

// The sweep's current nearest `target`.
double nearest_current(const std::vector<FiPoint>& sweep, double target) {
  return std::ranges::min_element(sweep, {}, [&](const FiPoint& point) { return std::abs(point.current - target); })
      ->current;
}

// --traces, or the currents of the sweep where firing starts and grows: the last without a spike and the first
// with one (either side of the rheobase), the first with two or more spikes in the window (the onset of sustained
// firing), the one nearest half the largest, and the largest (2, 3, 4, 20 and 40 for the 2003 RS cell over
// 0..40, whose rheobase is 2.71 and onset 3.77).
std::vector<double> trace_currents(const FiOptions& options, const std::vector<FiPoint>& sweep) {
  if (options.traces) return parse_numbers("--traces", *options.traces, ',');
  std::vector<double> chosen;
  if (sweep.empty()) return chosen;
  const auto spiking = std::ranges::find_if(sweep, [](const FiPoint& point) { return point.spike_count > 0; });
  if (spiking != sweep.end()) {
    if (spiking != sweep.begin()) chosen.push_back(std::prev(spiking)->current);
    chosen.push_back(spiking->current);
  }
  const auto sustained =
      std::ranges::find_if(sweep, [](const FiPoint& point) { return point.window_spike_count >= 2; });
  if (sustained != sweep.end()) chosen.push_back(sustained->current);
  chosen.push_back(nearest_current(sweep, sweep.back().current / 2.0));
  chosen.push_back(sweep.back().current);
  std::ranges::sort(chosen);
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

std::vector<FiTrace> run_traces(const FiProtocol& protocol, const std::vector<double>& currents) {
  std::vector<FiTrace> traces;
  for (const double current : currents) {
    const Solution solution = solve(fi_problem(protocol, current), protocol.method);
    FiTrace trace{current, solution.times, {}, solution.spike_times};
    PeakFinder peaks(protocol.peak_prominence);
    for (std::size_t k = 0; k < solution.sample_count(); ++k) {
      trace.voltages.push_back(solution.state(k, 0));
      peaks.add(solution.times[k], solution.state(k, 0));
    }
    // The spikes the figure counts are the detector's.
    if (protocol.detector == SpikeDetector::peaks) trace.spike_times_ms = peaks.peak_times();
    traces.push_back(std::move(trace));
  }
  return traces;
}

void report_failures(const FiProtocol& protocol, std::string_view v_unit, const std::vector<FiPoint>& points) {
  for (const FiPoint& point : points) {
    if (point.missed_oscillation) {
      const double window_s = (protocol.window_end_ms - protocol.window_start_ms) / 1000.0;
      std::cerr << fmt::format(
          "fi: at I = {:g} v oscillates ({} peaks of at least {:g} {} in the window, about {:.3g} Hz) but the {} "
          "detector counts {} spikes there: the peaks stay below it (--detector peaks counts them)\n",
          point.current, point.window_peak_count, protocol.peak_prominence, v_unit,
          static_cast<double>(point.window_peak_count) / window_s, to_string(protocol.detector),
          point.window_spike_count);
    }
    if (point.status != SolveStatus::ok) {
      std::cerr << fmt::format("fi: the run at I = {:g} ended with {}: {} (its rates count the spikes before)\n",
                               point.current, to_string(point.status), point.message);
    }
  }
}

void run_fi(const FiOptions& options) {
  const EffectiveRun run = resolve(with_fi_defaults(combined_settings(options.problem)));
  std::string origin;
  FiResult result{fi_protocol(options, run, origin), origin, {}, {}, {}, {}};
  const std::vector<double> currents = fi_currents(options, run.problem.model);
  ResultFolder folder(options.out, "fi");
  const auto started = std::chrono::steady_clock::now();
  result.points = fi_curve_in_lanes(result.protocol, currents, options.threads);
  std::cerr << fmt::format("fi: {} currents of {:g} ms in {:.3f} s\n", currents.size(), run.t_end,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  report_failures(result.protocol, model_info(run.model).state_variables.at(0).unit, result.points);
  if (options.rheobase) {
    RheobaseOptions rheobase_options;
    rheobase_options.duration_ms = run.t_end;
    rheobase_options.method = run.method;
    result.rheobase = rheobase(run.problem.model, rheobase_options);
  }
  if (options.onset) {
    const double tolerance = 1e-6 * std::max(1.0, std::abs(currents.back()));
    const auto onset = sustained_firing_onset(result.protocol, result.points, tolerance);
    if (!onset) std::cerr << "fi: no onset of sustained firing between the currents given\n";
    result.sustained_onset = onset;
  }
  if (options.hysteresis) result.hysteresis = hysteresis(result.protocol, currents);

  const auto& staging = folder.start_writing();
  write_fi_csv(staging / "fi.csv", run, result);
  if (result.hysteresis) write_hysteresis_csv(staging / "hysteresis.csv", run, result);
  write_file_atomically(staging / "config.toml", problem_to_toml(run));
  if (!options.no_figures) {
    const std::string detector =
        result.protocol.detector == SpikeDetector::peaks
            ? fmt::format(", spikes: peaks of v of at least {:g} {}", result.protocol.peak_prominence,
                          model_info(run.model).state_variables.at(0).unit)
            : std::string();
    const std::string title = fmt::format("f-I curve: {}{}, {} dt {:g} ms{}", run.model,
                                          run.preset ? fmt::format(" (preset {})", *run.preset) : std::string(),
                                          run.method.name, run.method.dt, detector);
    write_fi_figure(staging / "fi", title, model_info(run.model),
                    run_traces(result.protocol, trace_currents(options, result.points)), result);
  }
  folder.commit();

  double top_rate = 0.0;
  for (const FiPoint& point : result.points) top_rate = std::max(top_rate, point.steady_rate_hz);
  std::cout << fmt::format("model: {}{}\n", run.model, run.preset ? fmt::format(" (preset {})", *run.preset) : "");
  const std::string_view current_unit = model_info(run.model).current_unit;
  std::cout << fmt::format("current_count: {}\n{}: {:g} {:g}\n", currents.size(),
                           unit_key("current_range", current_unit), currents.front(), currents.back());
  std::cout << fmt::format("window_ms: {:g} {:g}\n", result.protocol.window_start_ms, result.protocol.window_end_ms);
  std::cout << fmt::format("max_steady_rate_hz: {:g}\n", top_rate);
  for (const ThresholdLine& line : threshold_lines(result)) std::cout << fmt::format("{}: {}\n", line.name, line.value);
  std::cout << fmt::format("fi: {}\n", (options.out / "fi.csv").string());
  if (result.hysteresis) std::cout << fmt::format("hysteresis: {}\n", (options.out / "hysteresis.csv").string());
  if (!options.no_figures) std::cout << fmt::format("figure: {}\n", (options.out / "fi.{png,svg}").string());
}

}  // namespace

void add_fi_command(CLI::App& app) {
  auto options = std::make_shared<FiOptions>();
  auto* command = app.add_subcommand(
      "fi",
      "f-I curve: the steady rate (1000 / the mean ISI of the spikes in --window) and the first-ISI rate at constant "
      "currents, each run from one initial state for --t-end ms (default 1000). Without a model: the 2003 RS cell, "
      "I = 0..40. Writes fi.csv, config.toml and fi.{png,svg} into --out.");
  add_problem_flags(*command, options->problem);
  add_method_flags(*command, options->problem);
  command->add_option("--currents", options->currents, "the currents, e.g. 5,10,20 (model units)")->type_name("LIST");
  command
      ->add_option("--range", options->range,
                   "evenly spaced currents FROM:TO:STEP (default: 41 from 0 to about 10 times the current where the "
                   "rest is lost)")
      ->type_name("FROM:TO:STEP");
  command->add_option("--window", options->window, "the steady window (ms); default the second half of the run")
      ->type_name("FROM:TO");
  command
      ->add_option("--start", options->start,
                   "initial state of every run: rest (the resting state at I = 0, default) or given (--v0/--u0, "
                   "config, preset)")
      ->type_name("rest|given");
  command
      ->add_option("--detector", options->detector,
                   "what counts as a spike: events (the model's own: the reset, or v rising through 0 mV for hh; "
                   "default) or peaks (maxima of v with at least --prominence)")
      ->type_name("events|peaks");
  command
      ->add_option("--prominence", options->prominence,
                   "height of a peak of v above the troughs around it (units of v; default 10): the peaks detector, "
                   "and the warning when v oscillates with peaks the events detector misses")
      ->type_name("MV");
  command->add_flag("--rheobase", options->rheobase,
                    "find the rheobase: the smallest step from rest at I = 0 that elicits a spike within the run");
  command->add_flag("--onset", options->onset,
                    "find the onset of sustained firing: the smallest current with two or more spikes in the window");
  command->add_flag("--hysteresis", options->hysteresis,
                    "sweep the currents up and down from the previous state and report the bistable ranges");
  command
      ->add_option("--traces", options->traces,
                   "currents whose v(t) the figure stacks (default: either side of the rheobase, the onset of "
                   "sustained firing, half the largest and the largest current of the range)")
      ->type_name("LIST");
  command->add_option("--threads", options->threads, "threads (default 0: all cores)")->type_name("N");
  command->add_flag("--no-figures", options->no_figures, "write no figure (no gnuplot needed)");
  command->add_option("--out", options->out, "output directory (created if missing)")->type_name("DIR")->required();
  command->callback([options] { run_fi(*options); });
}

}  // namespace neurodyn::cli
