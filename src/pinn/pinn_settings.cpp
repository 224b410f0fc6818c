#include "neurodyn/pinn/pinn_settings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <charconv>
#include <cmath>
#include <ranges>
#include <toml.hpp>

#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/text_fields.hpp"
#include "run_settings_document.hpp"
#include "text_format.hpp"
#include "toml_document.hpp"
#include "toml_table_reader.hpp"

namespace neurodyn {
namespace {

// Accessors of one field, as the plain function pointers of PinnOption.
#define NEURODYN_PINN_FIELD(path)                                  \
  [](const PinnConfig& c) { return static_cast<double>(c.path); }, \
      [](PinnConfig& c, double x) { c.path = static_cast<decltype(c.path)>(x); }

constexpr std::array<PinnOption, 26> options_table{{
    {"window_ms", "ms", "the nominal window; shorter at breaks of the input, after a spike and at the end", "event",
     false, NEURODYN_PINN_FIELD(event.window_ms)},
    {"min_window_ms", "ms", "a window halved below this ends the run as failed", "event", false,
     NEURODYN_PINN_FIELD(event.min_window_ms)},
    {"hidden_units", "", "hidden units of each window's network", "event", true,
     NEURODYN_PINN_FIELD(event.hidden_units)},
    {"feature_spread", "", "hidden weights and biases uniform in [-spread, spread] (per unit of window time)", "event",
     false, NEURODYN_PINN_FIELD(event.feature_spread)},
    {"collocation_points", "", "training points per window (Chebyshev-Gauss nodes)", "event", true,
     NEURODYN_PINN_FIELD(event.training.collocation_points)},
    {"max_iterations", "", "Gauss-Newton iterations per try of a window", "event", true,
     NEURODYN_PINN_FIELD(event.training.max_iterations)},
    {"residual_tolerance", "1/ms", "acceptance bound of a window's scaled residual between its training points",
     "event", false, NEURODYN_PINN_FIELD(event.training.residual_tolerance)},
    {"hidden_layers", "", "hidden layers of the network", "pure guided", true,
     NEURODYN_PINN_FIELD(global.hidden_layers)},
    {"hidden_width", "", "units per hidden layer", "pure guided", true, NEURODYN_PINN_FIELD(global.hidden_width)},
    {"uniform_points", "", "collocation points drawn uniformly over the span (besides the study's bands)",
     "pure guided", true, NEURODYN_PINN_FIELD(global.uniform_points)},
    {"epochs", "", "Adam epochs in all", "pure guided", true, NEURODYN_PINN_FIELD(global.epochs)},
    {"first_epochs", "", "Adam epochs at learning_rate (pure: then second_learning_rate with plateau decay)",
     "pure guided", true, NEURODYN_PINN_FIELD(global.first_epochs)},
    {"learning_rate", "", "Adam's learning rate", "pure guided", false, NEURODYN_PINN_FIELD(global.learning_rate)},
    {"second_learning_rate", "", "Adam's learning rate after first_epochs", "pure guided", false,
     NEURODYN_PINN_FIELD(global.second_learning_rate)},
    {"lbfgs_calls", "", "calls of L-BFGS after Adam", "pure guided", true, NEURODYN_PINN_FIELD(global.lbfgs_calls)},
    {"lbfgs_iterations", "", "iterations per L-BFGS call", "pure guided", true,
     NEURODYN_PINN_FIELD(global.lbfgs_iterations)},
    {"initial_weight", "", "weight of the initial condition in the loss", "pure guided", false,
     NEURODYN_PINN_FIELD(global.initial_weight)},
    {"data_step_ms", "ms", "spacing of the guiding solution's samples (and Euler's step)", "guided", false,
     NEURODYN_PINN_FIELD(global.data_step_ms)},
    {"sample_step_ms", "ms", "spacing of the simulated voltage samples", "inverse", false,
     NEURODYN_PINN_FIELD(inverse.data_step_ms)},
    {"noise_mV", "mV", "the voltage's noise sd (added to simulated data; the unit of the data residual)", "inverse",
     false, NEURODYN_PINN_FIELD(inverse.noise_mV)},
    {"voltage_cap_mV", "mV", "a stretch between resets ends at its last sample below this", "inverse", false,
     NEURODYN_PINN_FIELD(inverse.voltage_cap_mV)},
    {"fit_iterations", "", "Levenberg-Marquardt iterations", "inverse", true,
     NEURODYN_PINN_FIELD(inverse.max_iterations)},
    {"period_ms", "ms", "period of the Fourier input features", "pure", false, NEURODYN_PINN_FIELD(global.period_ms)},
    {"checkpoint_interval_s", "s", "how often the run's state is kept beside --out (for --resume)",
     "event pure guided inverse", false, NEURODYN_PINN_FIELD(checkpoint_interval_s)},
    {"seed", "", "draws the hidden units (event) or the weights and collocation points, and the simulated noise",
     "event pure guided inverse", true, [](const PinnConfig& c) { return static_cast<double>(c.event.seed); },
     [](PinnConfig& c, double x) {
       c.event.seed = c.global.seed = c.inverse.data_seed = static_cast<std::uint64_t>(x);
     }},
    {"output_step_ms", "ms", "spacing of the scored times t_start + (k + 1/2) step", "event pure guided inverse", false,
     [](const PinnConfig& c) { return c.event.output_step_ms; },
     [](PinnConfig& c, double x) { c.event.output_step_ms = c.global.output_step_ms = x; }},
}};
#undef NEURODYN_PINN_FIELD

bool applies(const PinnOption& option, std::string_view mode) {
  for (const auto word : std::views::split(option.modes, ' ')) {
    if (std::string_view(word.begin(), word.end()) == mode) return true;
  }
  return false;
}

PinnSettings settings_from(const toml::value& document, const std::filesystem::path& path) {
  PinnSettings settings;
  constexpr std::array<std::string_view, 1> own_tables{"pinn"};
  settings.run = io_detail::run_settings_from(document, path, own_tables);
  const io_detail::TableReader top{path, document, ""};
  if (const auto pinn = top.sub_table("pinn", "pinn.")) {
    std::vector<std::string_view> keys{"mode", "guide", "trace", "identify", "start"};
    for (const PinnOption& option : options_table) keys.push_back(option.name);
    pinn->require_known_keys(keys);
    settings.mode = pinn->text("mode");
    settings.guide = pinn->text("guide");
    settings.identify = pinn->text("identify");
    settings.start = pinn->text("start");
    if (const auto trace = pinn->text("trace")) {
      const std::filesystem::path file(*trace);
      settings.trace = file.is_absolute() ? file : std::filesystem::absolute(path).parent_path() / file;
    }
    for (const PinnOption& option : options_table) {
      if (const auto value = pinn->number(option.name)) settings.options[std::string(option.name)] = *value;
    }
  }
  return settings;
}

}  // namespace

std::span<const PinnOption> pinn_options() { return options_table; }

PinnSettings read_pinn_settings(const std::filesystem::path& path) {
  return settings_from(io_detail::read_toml_file(path), path);
}

PinnSettings with_overrides(PinnSettings settings, const PinnOverrides& overrides) {
  if (overrides.mode) settings.mode = overrides.mode;
  if (overrides.guide) settings.guide = overrides.guide;
  if (overrides.identify) settings.identify = overrides.identify;
  if (overrides.start) settings.start = overrides.start;
  if (overrides.trace) settings.trace = std::filesystem::absolute(*overrides.trace);
  for (const auto& [name, value] : overrides.options) settings.options[name] = value;
  return settings;
}

PinnConfig pinn_config(const PinnSettings& settings) {
  if (!settings.mode)
    throw InputError(fmt::format("mode: missing; give --mode or [pinn] mode; allowed: {}", pinn_modes));
  PinnConfig config;
  config.mode = *settings.mode;
  if (config.mode == "guided") {
    config.global = guided_defaults();
  } else if (config.mode != "event" && config.mode != "pure" && config.mode != "inverse") {
    throw InputError(fmt::format("mode '{}' is not allowed; allowed: {}", config.mode, pinn_modes));
  }
  for (const auto& [name, value] : settings.options) {
    const auto* option = std::ranges::find(options_table, name, &PinnOption::name);
    if (option == options_table.end()) throw InputError(fmt::format("pinn option '{}' is unknown", name));
    if (!applies(*option, config.mode)) {
      throw InputError(fmt::format("{} applies to mode {}, not to mode {}", name, option->modes, config.mode));
    }
    if (option->integer && (value != std::floor(value) || !(std::abs(value) < 9.0e15) || value < 0.0)) {
      throw InputError(fmt::format("{} = {:g}: must be a non-negative integer", name, value));
    }
    option->set(config, value);
  }
  if (settings.guide) {
    if (config.mode != "guided")
      throw InputError(fmt::format("guide applies to mode guided, not to mode {}", config.mode));
    config.global.guide = *settings.guide;
  }
  if (settings.trace) {
    if (config.mode != "inverse") {
      throw InputError(fmt::format("trace applies to mode inverse, not to mode {}", config.mode));
    }
    config.trace = std::filesystem::absolute(*settings.trace);
  }
  if (settings.identify) {
    if (config.mode != "inverse") {
      throw InputError(fmt::format("identify applies to mode inverse, not to mode {}", config.mode));
    }
    config.inverse.unknowns.clear();
    for (const auto name : std::views::split(std::string_view(*settings.identify), ',')) {
      config.inverse.unknowns.emplace_back(trim(std::string_view(name.begin(), name.end())));
    }
  }
  if (settings.start) {
    if (config.mode != "inverse") {
      throw InputError(fmt::format("start applies to mode inverse, not to mode {}", config.mode));
    }
    for (const auto item : std::views::split(std::string_view(*settings.start), ',')) {
      const std::string_view pair = trim(std::string_view(item.begin(), item.end()));
      const std::size_t equals = pair.find('=');
      double value = 0.0;
      const std::string_view number = equals == std::string_view::npos ? "" : trim(pair.substr(equals + 1));
      const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (equals == std::string_view::npos || error != std::errc() || end != number.data() + number.size() ||
          !std::isfinite(value)) {
        throw InputError(fmt::format("start: '{}' is not NAME=VALUE with a finite number", pair));
      }
      config.inverse.start[std::string(trim(pair.substr(0, equals)))] = value;
    }
  }
  if (!(config.checkpoint_interval_s >= 0.0)) {
    throw InputError(
        fmt::format("checkpoint_interval_s = {:g}: must be zero or positive (s)", config.checkpoint_interval_s));
  }
  if (config.mode == "event") {
    validate(config.event);
  } else if (config.mode == "inverse") {
    validate(config.inverse);
    validate(config.event);
  } else {
    validate(config.global);
  }
  return config;
}

std::string pinn_settings_toml(const PinnConfig& config) {
  std::string text = fmt::format("[pinn]\nmode = {}\n", toml_string(config.mode));
  if (config.mode == "guided") text += fmt::format("guide = {}\n", toml_string(config.global.guide));
  if (config.trace) text += fmt::format("trace = {}\n", toml_string(config.trace->string()));
  if (config.mode == "inverse") {
    text += fmt::format("identify = {}\n", toml_string(fmt::format("{}", fmt::join(config.inverse.unknowns, ","))));
    if (!config.inverse.start.empty()) {
      std::vector<std::string> starts;
      for (const auto& [name, value] : config.inverse.start) starts.push_back(fmt::format("{}={}", name, value));
      text += fmt::format("start = {}\n", toml_string(fmt::format("{}", fmt::join(starts, ","))));
    }
  }
  for (const PinnOption& option : options_table) {
    if (!applies(option, config.mode)) continue;
    const double value = option.get(config);
    text += option.integer ? fmt::format("{} = {}\n", option.name, static_cast<long long>(value))
                           : fmt::format("{} = {}\n", option.name, toml_float(value));
  }
  return text;
}

std::string checkpoint_identity(const std::string& problem_toml, PinnConfig config) {
  config.global.epochs = 0;
  config.global.lbfgs_calls = 0;
  config.inverse.max_iterations = 0;
  config.checkpoint_interval_s = 0.0;
  return problem_toml + "\n" + pinn_settings_toml(config);
}

}  // namespace neurodyn
