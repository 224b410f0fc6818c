// Reading a fit's settings from TOML (layout: include/neurodyn/io/fit_config.hpp). The run part goes through the
// run configuration's reader; the fit's own tables are read here, every key checked for its name and type.
#include <fmt/format.h>

#include <array>
#include <string_view>
#include <toml.hpp>

#include "neurodyn/error.hpp"
#include "neurodyn/io/fit_config.hpp"
#include "run_settings_document.hpp"
#include "toml_document.hpp"
#include "toml_table_reader.hpp"

namespace neurodyn {

using io_detail::TableReader;

namespace {

constexpr std::array<std::string_view, 4> fit_tables{"data", "free", "objective", "optimizer"};

double number_in(const TableReader& table, std::string_view key, const toml::value& value) {
  if (value.is_floating()) return value.as_floating();
  if (value.is_integer()) return static_cast<double>(value.as_integer());
  table.wrong_type(key, value, "an array of numbers");
}

// [a, b] as two numbers.
std::optional<std::pair<double, double>> number_pair(const TableReader& table, std::string_view key) {
  const auto* value = table.find(key);
  if (!value) return std::nullopt;
  if (!value->is_array() || value->as_array().size() != 2) table.wrong_type(key, *value, "an array of two numbers");
  const auto& items = value->as_array();
  return std::pair{number_in(table, key, items[0]), number_in(table, key, items[1])};
}

std::optional<std::vector<int>> integer_list(const TableReader& table, std::string_view key) {
  const auto* value = table.find(key);
  if (!value) return std::nullopt;
  if (!value->is_array()) table.wrong_type(key, *value, "an array of sweep numbers");
  std::vector<int> numbers;
  for (const toml::value& item : value->as_array()) {
    if (!item.is_integer()) table.wrong_type(key, item, "an array of sweep numbers (integers)");
    const auto number = item.as_integer();
    if (number < 0 || number > 1'000'000) {
      table.fail(item, fmt::format("{} holds {}; sweep numbers are 0 to 1000000", table.key_name(key), number),
                 "not a sweep number");
    }
    numbers.push_back(static_cast<int>(number));
  }
  return numbers;
}

std::optional<std::vector<std::string>> text_list(const TableReader& table, std::string_view key) {
  const auto* value = table.find(key);
  if (!value) return std::nullopt;
  if (!value->is_array()) table.wrong_type(key, *value, "an array of strings");
  std::vector<std::string> texts;
  for (const toml::value& item : value->as_array()) {
    if (!item.is_string()) table.wrong_type(key, item, "an array of strings");
    texts.push_back(item.as_string().str);
  }
  return texts;
}

void read_data(const TableReader& data, const std::filesystem::path& folder, FitSettings& settings) {
  data.require_known_keys({"recording", "training", "held_out", "window", "split", "time_column", "voltage_column",
                           "current_column", "time_scale_ms", "voltage_scale_mV", "current_scale_pA"});
  if (const auto recording = data.text("recording")) {
    const std::filesystem::path path(*recording);
    settings.recording = path.is_absolute() ? path : folder / path;
  }
  settings.training = integer_list(data, "training");
  settings.held_out = integer_list(data, "held_out");
  settings.window = number_pair(data, "window");
  settings.split_ms = data.number("split");
  const auto column = [&](std::string_view key) -> std::optional<int> {
    const auto value = data.integer(key);
    if (value && (*value < 0 || *value > 10'000)) {
      data.fail(*data.find(key), fmt::format("{} = {}; columns are numbered 0 to 10000", data.key_name(key), *value),
                "not a column");
    }
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
  };
  if (const auto time = column("time_column")) settings.text.time_column = *time;
  settings.text.voltage_column = column("voltage_column");
  settings.text.current_column = column("current_column");
  if (const auto scale = data.number("time_scale_ms")) settings.text.time_scale_ms = *scale;
  if (const auto scale = data.number("voltage_scale_mV")) settings.text.voltage_scale_mV = *scale;
  if (const auto scale = data.number("current_scale_pA")) settings.text.current_scale_pA = *scale;
}

void read_free(const TableReader& free, FitSettings& settings) {
  for (const auto& [name, value] : free.table.as_table()) {
    if (value.is_string() && value.as_string().str == "default") {
      settings.free.push_back({name, std::nullopt});
    } else if (value.is_array()) {
      settings.free.push_back({name, number_pair(free, name)});
    } else {
      free.wrong_type(name, value, "[min, max] or \"default\" (the model's fitting range)");
    }
  }
}

void read_objective(const TableReader& objective, FitSettings& settings) {
  objective.require_known_keys({"kind", "features", "sigma", "delta", "rate_correction", "mask", "threshold"});
  if (const auto* kind = objective.find("kind"); kind && kind->is_array()) {
    settings.objectives = text_list(objective, "kind");
  } else {
    settings.objective = objective.text("kind");
  }
  settings.features = text_list(objective, "features");
  if (const auto* rule = objective.find("sigma"); rule && rule->is_string()) {
    settings.sigma_rule = rule->as_string().str;
  } else if (const auto sigma = objective.sub_table("sigma", "objective.sigma.")) {
    for (const auto& [name, value] : sigma->table.as_table()) settings.sigma[name] = *sigma->number(name);
  }
  settings.delta_ms = objective.number("delta");
  settings.rate_correction = objective.flag("rate_correction");
  settings.mask_ms = number_pair(objective, "mask");
  settings.threshold_mV = objective.number("threshold");
}

void read_optimizer(const TableReader& optimizer, FitSettings& settings) {
  optimizer.require_known_keys({"name", "evaluations", "seed", "population", "threads", "gradient", "start"});
  settings.optimizer = optimizer.text("name");
  settings.evaluations = optimizer.integer("evaluations");
  settings.seed = optimizer.integer("seed");
  settings.population = optimizer.integer("population");
  settings.threads = optimizer.integer("threads");
  settings.gradient = optimizer.text("gradient");
  settings.start = optimizer.text("start");
}

FitSettings fit_settings_from(const toml::value& document, const std::filesystem::path& path,
                              const std::filesystem::path& folder) {
  FitSettings settings;
  settings.run = io_detail::run_settings_from(document, path, fit_tables);
  const TableReader top{path, document, ""};
  for (const std::string_view key : {"stimulus", "t_end", "initial"}) {
    if (const auto* value = top.find(key)) {
      top.fail(*value,
               fmt::format("{} is set by the recording in a fit (each sweep's recorded command, its span and its "
                           "first voltage); remove it",
                           key),
               "not allowed in a fit");
    }
  }
  if (const auto data = top.sub_table("data", "data.")) read_data(*data, folder, settings);
  if (const auto free = top.sub_table("free", "free.")) read_free(*free, settings);
  if (const auto objective = top.sub_table("objective", "objective.")) read_objective(*objective, settings);
  if (const auto optimizer = top.sub_table("optimizer", "optimizer.")) read_optimizer(*optimizer, settings);
  return settings;
}

}  // namespace

FitSettings read_fit_settings(const std::filesystem::path& path) {
  return fit_settings_from(io_detail::read_toml_file(path), path, std::filesystem::absolute(path).parent_path());
}

FitSettings parse_fit_settings(std::string toml_text, const std::filesystem::path& source,
                               const std::filesystem::path& folder) {
  return fit_settings_from(io_detail::parse_toml_text(std::move(toml_text), source), source, folder);
}

FitSettings with_overrides(FitSettings settings, const FitOverrides& overrides) {
  if (overrides.recording) settings.recording = *overrides.recording;
  if (overrides.optimizer) settings.optimizer = *overrides.optimizer;
  if (overrides.evaluations) settings.evaluations = *overrides.evaluations;
  if (overrides.seed) settings.seed = *overrides.seed;
  if (overrides.threads) settings.threads = *overrides.threads;
  if (overrides.objectives) {
    settings.objective.reset();
    settings.objectives.reset();
    if (overrides.objectives->size() == 1) {
      settings.objective = overrides.objectives->front();
    } else {
      settings.objectives = *overrides.objectives;
    }
  }
  return settings;
}

}  // namespace neurodyn
