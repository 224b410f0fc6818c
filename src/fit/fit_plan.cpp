// Resolving a fit (include/neurodyn/fit/fit_plan.hpp): the recording read once, every field checked before any
// simulation, the data's spikes and features computed once.
#include "neurodyn/fit/fit_plan.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <thread>

#include "neurodyn/error.hpp"
#include "neurodyn/fit/feature_distance.hpp"
#include "neurodyn/fit/optimizers.hpp"
#include "neurodyn/io/recording_selection.hpp"

namespace neurodyn {

std::string_view to_string(ObjectiveKind kind) {
  switch (kind) {
    case ObjectiveKind::features:
      return "features";
    case ObjectiveKind::gamma:
      return "gamma";
    case ObjectiveKind::trace_mse:
      return "trace_mse";
    case ObjectiveKind::minmax_mse:
      return "minmax_mse";
    case ObjectiveKind::spike_times:
      return "spike_times";
  }
  return "features";
}

std::string_view score_unit(ObjectiveKind kind) {
  return kind == ObjectiveKind::trace_mse ? "mV^2" : kind == ObjectiveKind::spike_times ? "ms^2" : "";
}

std::vector<double> fit_spike_times(std::span<const double> time_ms, std::span<const double> v_mV,
                                    const EfelSettings& settings) {
  const std::vector<std::string> peak_time{"peak_time"};
  const auto peaks = efel_features(time_ms, v_mV, EfelStimulus(time_ms.front(), time_ms.back()), peak_time, settings);
  return peaks.front().second ? *peaks.front().second : std::vector<double>{};
}

Stimulus command_stimulus(const Sweep& sweep) {
  if (!sweep.command || sweep.epochs.empty()) {
    throw InputError(
        fmt::format("{} has no recorded command: a fit drives the model with each sweep's command "
                    "(a text table needs data.current_column)",
                    sweep.name));
  }
  std::vector<StimulusComponent> components;
  if (sweep.holding_pA != 0.0) components.push_back(StepCurrent{sweep.holding_pA, -INFINITY, INFINITY, false});
  for (const CommandEpoch& epoch : sweep.epochs) {
    const double level = epoch.level_pA - sweep.holding_pA;
    if (epoch.type == "ramp") {
      if (level != 0.0) components.push_back(StepCurrent{level, epoch.start_ms, epoch.end_ms, false});
      components.push_back(
          Ramp{(epoch.end_level_pA - epoch.level_pA) / (epoch.end_ms - epoch.start_ms), epoch.start_ms, epoch.end_ms});
    } else if (level != 0.0) {
      components.push_back(StepCurrent{level, epoch.start_ms, epoch.end_ms, false});
    }
  }
  return Stimulus(std::move(components));
}

namespace {

const ParameterInfo& parameter_row(const ModelInfo& model, std::string_view name) {
  for (const ParameterInfo& row : model.parameters) {
    if (row.name == name) return row;
  }
  std::vector<std::string_view> names;
  for (const ParameterInfo& row : model.parameters) names.push_back(row.name);
  throw InputError(
      fmt::format("free.{} is not a parameter of {}; its parameters: {}", name, model.name, fmt::join(names, ", ")));
}

std::vector<FreeParameter> free_parameters(const FitSettings& settings, const ModelInfo& model) {
  std::vector<FreeParameter> free;
  if (settings.free.empty()) {
    for (const FittingRange& range : model.fitting_ranges) {
      free.push_back(
          {std::string(range.name), std::string(parameter_row(model, range.name).unit), range.min, range.max});
    }
    return free;
  }
  std::set<std::string> seen;
  for (const FreeParameterSetting& given : settings.free) {
    const ParameterInfo& row = parameter_row(model, given.name);
    if (!seen.insert(given.name).second) throw InputError(fmt::format("free.{} is given twice", given.name));
    FreeParameter parameter{given.name, std::string(row.unit), 0.0, 0.0};
    if (given.range) {
      std::tie(parameter.min, parameter.max) = *given.range;
    } else {
      const auto range = std::find_if(model.fitting_ranges.begin(), model.fitting_ranges.end(),
                                      [&](const FittingRange& r) { return r.name == given.name; });
      if (range == model.fitting_ranges.end()) {
        throw InputError(
            fmt::format("free.{} = \"default\", but {} states no fitting range for {}; give [min, max] "
                        "within the parameter table's [{:g}, {:g}] {}",
                        given.name, model.name, given.name, row.min, row.max, row.unit));
      }
      parameter.min = range->min;
      parameter.max = range->max;
    }
    if (!std::isfinite(parameter.min) || !std::isfinite(parameter.max) || parameter.min >= parameter.max ||
        parameter.min < row.min || parameter.max > row.max) {
      throw InputError(
          fmt::format("free.{} = [{:g}, {:g}] is not a range within {}'s parameter table: min < max, "
                      "both within [{:g}, {:g}] {}",
                      given.name, parameter.min, parameter.max, model.name, row.min, row.max, row.unit));
    }
    free.push_back(std::move(parameter));
  }
  // The model's table order, whatever order the file listed them in.
  const auto position = [&](const FreeParameter& parameter) {
    return &parameter_row(model, parameter.name) - model.parameters.data();
  };
  std::sort(free.begin(), free.end(), [&](const auto& p, const auto& q) { return position(p) < position(q); });
  return free;
}

ObjectiveKind objective_kind(const std::string& name) {
  for (const ObjectiveKind kind : {ObjectiveKind::features, ObjectiveKind::gamma, ObjectiveKind::trace_mse,
                                   ObjectiveKind::spike_times, ObjectiveKind::minmax_mse}) {
    if (to_string(kind) == name) return kind;
  }
  throw InputError(fmt::format(
      "objective.kind = '{}' is unknown; allowed: features, gamma, trace_mse, spike_times, minmax_mse", name));
}

ObjectiveSettings objective_settings(const FitSettings& settings, const ModelInfo& model) {
  ObjectiveSettings objective;
  if (settings.objective) objective.kind = objective_kind(*settings.objective);
  if (settings.objectives) {
    for (const std::string& name : *settings.objectives) {
      const ObjectiveKind kind = objective_kind(name);
      if (std::find(objective.pareto.begin(), objective.pareto.end(), kind) != objective.pareto.end()) {
        throw InputError(
            fmt::format("objective.kind lists '{}' twice; a Pareto front needs distinct objectives", name));
      }
      objective.pareto.push_back(kind);
    }
    if (objective.pareto.size() < 2) {
      throw InputError(fmt::format("objective.kind = [{}]; a Pareto front needs two or more objectives",
                                   fmt::join(*settings.objectives, ", ")));
    }
    objective.kind = objective.pareto.front();
  }
  objective.features = settings.features ? *settings.features : default_fit_features();
  if (objective.features.empty()) throw InputError("objective.features is empty; name at least one eFEL feature");
  for (const std::string& name : objective.features) {
    require_fit_feature(name, model.has_reset, model.name);
    objective.sigma.push_back(default_feature_sigma(name));
    objective.sigma_source.emplace_back("default");
  }
  if (settings.sigma_rule && *settings.sigma_rule != "repeats") {
    throw InputError(
        fmt::format("objective.sigma = '{}'; allowed: a table of sigmas by feature, or \"repeats\" (the "
                    "scatter over training sweeps that repeat one command)",
                    *settings.sigma_rule));
  }
  for (const auto& [name, sigma] : settings.sigma) {
    const auto position = std::find(objective.features.begin(), objective.features.end(), name);
    if (position == objective.features.end()) {
      throw InputError(fmt::format("objective.sigma.{} is given, but {} is not among objective.features ({})", name,
                                   name, fmt::join(objective.features, ", ")));
    }
    if (!std::isfinite(sigma) || sigma <= 0.0) {
      throw InputError(fmt::format("objective.sigma.{} = {:g}; a feature's sigma must be finite and > 0", name, sigma));
    }
    objective.sigma[static_cast<std::size_t>(position - objective.features.begin())] = sigma;
    objective.sigma_source[static_cast<std::size_t>(position - objective.features.begin())] = "given";
  }
  if (settings.delta_ms) {
    require_in_range("objective.delta", *settings.delta_ms, 0.01, 100.0);
    objective.delta_ms = *settings.delta_ms;
  }
  if (settings.rate_correction) objective.rate_correction = *settings.rate_correction;
  if (settings.mask_ms) {
    require_in_range("objective.mask (before)", settings.mask_ms->first, 0.0, 1000.0);
    require_in_range("objective.mask (after)", settings.mask_ms->second, 0.0, 1000.0);
    std::tie(objective.mask_before_ms, objective.mask_after_ms) = *settings.mask_ms;
  }
  if (settings.threshold_mV) {
    require_in_range("objective.threshold", *settings.threshold_mV, -100.0, 100.0);
    objective.efel.threshold_mV = *settings.threshold_mV;
  }
  return objective;
}

OptimizerSettings optimizer_settings(const FitSettings& settings) {
  OptimizerSettings optimizer;
  if (settings.optimizer) optimizer.name = find_optimizer(*settings.optimizer).name;
  if (settings.evaluations) {
    if (*settings.evaluations < 1 || *settings.evaluations > 100'000'000) {
      throw InputError(fmt::format("optimizer.evaluations = {}; the budget must be 1 to 100000000 evaluations",
                                   *settings.evaluations));
    }
    optimizer.evaluations = *settings.evaluations;
  }
  if (settings.seed) {
    if (*settings.seed < 0) throw InputError(fmt::format("optimizer.seed = {}; seeds are >= 0", *settings.seed));
    optimizer.seed = static_cast<unsigned long long>(*settings.seed);
  }
  if (settings.population) {
    if (*settings.population < 0 || *settings.population > 100'000) {
      throw InputError(fmt::format("optimizer.population = {}; allowed 0 (the optimizer's default) to 100000",
                                   *settings.population));
    }
    optimizer.population = *settings.population;
  }
  if (settings.threads) {
    if (*settings.threads < 0 || *settings.threads > 1024) {
      throw InputError(fmt::format("optimizer.threads = {}; allowed 0 (every core) to 1024", *settings.threads));
    }
    optimizer.threads = static_cast<unsigned>(*settings.threads);
  }
  if (optimizer.threads == 0) optimizer.threads = std::max(1u, std::thread::hardware_concurrency());
  if (settings.gradient) {
    if (*settings.gradient != "exact" && *settings.gradient != "forward") {
      throw InputError(
          fmt::format("optimizer.gradient = '{}'; allowed: exact (forward sensitivities), forward "
                      "(forward differences)",
                      *settings.gradient));
    }
    optimizer.exact_gradient = *settings.gradient == "exact";
  }
  if (settings.start) {
    if (*settings.start != "center" && *settings.start != "preset") {
      throw InputError(
          fmt::format("optimizer.start = '{}'; allowed: center (of the ranges), preset (the fixed "
                      "values, clamped into the ranges)",
                      *settings.start));
    }
    optimizer.start_at_preset = *settings.start == "preset";
  }
  return optimizer;
}

std::string number_list(const std::vector<int>& numbers) { return fmt::format("{}", fmt::join(numbers, ", ")); }

// The sweeps of each set: as given, or the even and the odd ones.
std::pair<std::vector<int>, std::vector<int>> sweep_sets(const FitSettings& settings, const Recording& recording) {
  const int count = static_cast<int>(recording.sweeps.size());
  const auto check = [&](const std::vector<int>& numbers, std::string_view field) {
    if (numbers.empty()) {
      throw InputError(
          fmt::format("data.{} is empty; a fit needs at least one sweep to train on and one to score "
                      "(the recording has sweeps 0 to {})",
                      field, count - 1));
    }
    std::set<int> seen;
    for (const int number : numbers) {
      if (number >= count) {
        throw InputError(fmt::format("data.{} holds sweep {}, but {} has sweeps 0 to {}", field, number,
                                     recording.path.filename().string(), count - 1));
      }
      if (!seen.insert(number).second) throw InputError(fmt::format("data.{} holds sweep {} twice", field, number));
    }
  };
  std::vector<int> training, held_out;
  if (settings.split_ms) {
    if (settings.held_out) {
      throw InputError(
          "data.held_out and data.split are both given; a time split scores the part after the split "
          "of the training sweeps");
    }
    if (settings.training) {
      training = *settings.training;
    } else {
      for (int number = 0; number < count; ++number) training.push_back(number);
    }
    check(training, "training");
    return {training, training};
  }
  for (int number = 0; number < count; ++number) (number % 2 == 0 ? training : held_out).push_back(number);
  if (settings.training) training = *settings.training;
  if (settings.held_out) held_out = *settings.held_out;
  if (count == 1 && !settings.training && !settings.held_out) {
    throw InputError(
        fmt::format("{} has one sweep; give data.split (ms) to train on its first part and score its "
                    "second",
                    recording.path.filename().string()));
  }
  check(training, "training");
  check(held_out, "held_out");
  for (const int number : training) {
    if (std::find(held_out.begin(), held_out.end(), number) != held_out.end()) {
      throw InputError(
          fmt::format("sweep {} is in data.training and in data.held_out; a held-out sweep must not be "
                      "trained on",
                      number));
    }
  }
  return {training, held_out};
}

// objective.sigma = "repeats": each feature's sigma is its pooled scatter over the training sweeps that share one
// command (feature_distance.hpp); a feature that does not scatter there keeps its default.
void sigma_from_repeats(FitPlan& plan) {
  std::map<std::string, std::vector<const FitTarget*>> by_command;
  for (const FitTarget& target : plan.training) by_command[target.stimulus_spec].push_back(&target);
  std::vector<RepeatedSweeps> groups;
  for (const auto& [command, targets] : by_command) {
    if (targets.size() < 2) continue;
    RepeatedSweeps& group = groups.emplace_back();
    for (const FitTarget* target : targets) group.push_back(target->features);
  }
  if (groups.empty()) {
    std::vector<int> sweeps;
    for (const FitTarget& target : plan.training) sweeps.push_back(target.sweep);
    throw InputError(
        fmt::format("objective.sigma = \"repeats\" needs training sweeps that repeat one command; the "
                    "training sweeps {} each have a command of their own (give a sigma table instead)",
                    number_list(sweeps)));
  }
  const auto scatter = pooled_feature_scatter(groups, plan.objective.features);
  for (std::size_t i = 0; i < scatter.size(); ++i) {
    if (!scatter[i]) continue;
    plan.objective.sigma[i] = *scatter[i];
    plan.objective.sigma_source[i] = "repeats";
  }
}

FitTarget make_target(const Recording& recording, int number, double from_ms, double until_ms,
                      const ObjectiveSettings& objective) {
  const Sweep& sweep = recording.sweeps[static_cast<std::size_t>(number)];
  FitTarget target;
  target.sweep = number;
  target.sweep_name = sweep.name;
  target.stimulus = command_stimulus(sweep);
  target.stimulus_spec = target.stimulus.spec();
  target.simulate_from_ms = sweep.time_ms.front();
  target.score_from_ms = from_ms;
  target.score_until_ms = until_ms;
  target.simulate_until_ms = until_ms;
  target.v0_mV = membrane_potential(sweep).samples.front();
  const std::vector<int> one{number};
  Recording cut = select_sweeps(recording, one, SweepWindow{from_ms, until_ms});
  target.data = std::move(cut.sweeps.front());
  cut.sweeps.clear();
  target.spike_times_ms = fit_spike_times(target.data.time_ms, membrane_potential(target.data).samples, objective.efel);
  // The features are computed whatever the objective: scores.csv reports every objective.
  Recording one_sweep{recording.path, recording.format, {target.data}, {}};
  target.features = recording_features(one_sweep, std::nullopt, computed_features(objective.features), objective.efel);
  if (objective.kind == ObjectiveKind::features) {
    if (target.features.empty()) {
      throw InputError(
          fmt::format("{} has no test step within [{:g}, {:g}] ms: the features objective scores the "
                      "response to each step of the command",
                      sweep.name, from_ms, until_ms));
    }
  }
  return target;
}

}  // namespace

FitPlan plan_fit(const FitSettings& settings) {
  if (settings.recording.empty()) {
    throw InputError("data.recording is not given: name the recording to fit (ABF2, NWB or a text table)");
  }
  return plan_fit(settings, read_recording(settings.recording, settings.text));
}

FitPlan plan_fit(const FitSettings& settings, const Recording& recording) {
  if (recording.sweeps.empty()) throw InputError(fmt::format("{} has no sweeps", recording.path.string()));
  FitPlan plan;
  plan.recording = recording.path;
  plan.format = recording.format;

  // The model and the method through the run configuration's rules; span and stimulus come from the data.
  RunSettings run = settings.run;
  run.stimulus = "none";
  run.t_end = recording.sweeps.front().time_ms.back() - recording.sweeps.front().time_ms.front();
  const EffectiveRun effective = resolve(run);
  plan.model = effective.model;
  plan.preset = effective.preset;
  plan.fixed = effective.parameters;
  plan.method = effective.method;
  const ModelInfo& model = model_info(plan.model);
  plan.free = free_parameters(settings, model);
  for (FreeParameter& parameter : plan.free) {
    double& value = plan.fixed.at(parameter.name);
    value = std::clamp(value, parameter.min, parameter.max);
  }
  plan.objective = objective_settings(settings, model);
  plan.optimizer = optimizer_settings(settings);
  require_optimizer_fits(plan);

  const auto [training, held_out] = sweep_sets(settings, recording);
  const auto span_of = [&](int number) {
    const Sweep& sweep = recording.sweeps[static_cast<std::size_t>(number)];
    std::pair<double, double> span{sweep.time_ms.front(), sweep.time_ms.back()};
    if (settings.window) span = *settings.window;
    return span;
  };
  if (settings.window && !(settings.window->first < settings.window->second)) {
    throw InputError(fmt::format("data.window = [{:g}, {:g}] ms; the start must be before the end",
                                 settings.window->first, settings.window->second));
  }
  if (settings.split_ms) {
    for (const int number : training) {
      const auto [from, until] = span_of(number);
      if (!(*settings.split_ms > from && *settings.split_ms < until)) {
        throw InputError(fmt::format("data.split = {:g} ms is not inside sweep {}'s window [{:g}, {:g}] ms",
                                     *settings.split_ms, number, from, until));
      }
      plan.training.push_back(make_target(recording, number, from, *settings.split_ms, plan.objective));
      plan.held_out.push_back(make_target(recording, number, *settings.split_ms, until, plan.objective));
    }
    plan.split_description =
        fmt::format("sweeps {} trained before {:g} ms and scored after it", number_list(training), *settings.split_ms);
  } else {
    for (const int number : training) {
      const auto [from, until] = span_of(number);
      plan.training.push_back(make_target(recording, number, from, until, plan.objective));
    }
    for (const int number : held_out) {
      const auto [from, until] = span_of(number);
      plan.held_out.push_back(make_target(recording, number, from, until, plan.objective));
    }
    plan.split_description =
        fmt::format("training sweeps {}; held-out sweeps {}", number_list(training), number_list(held_out));
  }
  if (settings.sigma_rule) sigma_from_repeats(plan);
  if (method_info(plan.method.name).adaptive) {
    const Sweep& first = plan.training.front().data;
    plan.output_step_ms =
        (first.time_ms.back() - first.time_ms.front()) / static_cast<double>(first.time_ms.size() - 1);
  }
  // Every target's initial voltage must be one the model accepts.
  for (const FitTarget& target : plan.training) initial_state(make_model(plan.model, plan.fixed), target.v0_mV, {});
  for (const FitTarget& target : plan.held_out) initial_state(make_model(plan.model, plan.fixed), target.v0_mV, {});
  return plan;
}

ParameterValues parameters_at(const FitPlan& plan, std::span<const double> unit_point) {
  ParameterValues values = plan.fixed;
  for (std::size_t i = 0; i < plan.free.size(); ++i) {
    const FreeParameter& parameter = plan.free[i];
    const double x = std::clamp(unit_point[i], 0.0, 1.0);
    values[parameter.name] = parameter.min + x * (parameter.max - parameter.min);
  }
  return values;
}

std::vector<double> start_point(const FitPlan& plan) {
  std::vector<double> point;
  for (const FreeParameter& parameter : plan.free) {
    point.push_back((plan.fixed.at(parameter.name) - parameter.min) / (parameter.max - parameter.min));
  }
  return point;
}

}  // namespace neurodyn
