// Reading and writing a sweep's TOML (layout: include/neurodyn/io/sweep_config.hpp).
#include "neurodyn/io/sweep_config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <toml.hpp>

#include "neurodyn/error.hpp"
#include "population_config_reader.hpp"
#include "text_format.hpp"
#include "toml_document.hpp"
#include "toml_table_reader.hpp"

namespace neurodyn {

using io_detail::TableReader;

namespace {

std::vector<double> numbers_in(const TableReader& table, std::string_view key, std::string_view expected) {
  const auto* value = table.find(key);
  if (!value->is_array()) table.wrong_type(key, *value, expected);
  std::vector<double> numbers;
  for (const toml::value& item : value->as_array()) {
    if (item.is_floating()) {
      numbers.push_back(item.as_floating());
    } else if (item.is_integer()) {
      numbers.push_back(static_cast<double>(item.as_integer()));
    } else {
      table.wrong_type(key, item, expected);
    }
  }
  return numbers;
}

SweepAxis read_axis(const TableReader& table) {
  table.require_known_keys({"name", "values", "range"});
  SweepAxis axis;
  axis.name = table.text("name").value_or("");
  if (axis.name.empty()) table.fail(table.table, fmt::format("{}name is missing", table.prefix), "missing name");
  const bool has_values = table.find("values") != nullptr, has_range = table.find("range") != nullptr;
  if (has_values == has_range) {
    table.fail(table.table,
               fmt::format("axis '{}': give either values = [...] or range = [from, to, count]", axis.name),
               "values or range");
  }
  if (has_values) {
    axis.values = numbers_in(table, "values", "an array of numbers");
    return axis;
  }
  const auto range = numbers_in(table, "range", "[from, to, count]");
  const double count = range.size() == 3 ? range[2] : 0.0;
  if (range.size() != 3 || !std::isfinite(range[0]) || !std::isfinite(range[1]) || count < 1 || count > 1e7 ||
      count != std::floor(count) || (count == 1 && range[0] != range[1])) {
    table.fail(*table.find("range"),
               fmt::format("axis '{}': range must be [from, to, count] with finite ends and a whole count of 1 to "
                           "1e7 (1 only when from = to)",
                           axis.name),
               "bad range");
  }
  const auto n = static_cast<std::size_t>(count);
  for (std::size_t k = 0; k < n; ++k) {
    axis.values.push_back(
        n == 1 ? range[0] : range[0] + (range[1] - range[0]) * static_cast<double>(k) / static_cast<double>(n - 1));
  }
  return axis;
}

SweepSpec sweep_from(const toml::value& document, const std::filesystem::path& path) {
  const TableReader top{path, document, ""};
  top.require_known_keys({"preset", "model", "parameters", "v0", "u0", "duration_ms", "stimulus_start_ms", "current",
                          "window_start_ms", "samples", "seed", "threads", "method", "axis"});
  SweepSpec spec;
  const auto preset_name = top.text("preset");
  const auto model = top.text("model");
  if (preset_name && model) top.fail(*top.find("model"), "preset and model exclude each other; give one", "both");
  if (preset_name) {
    const Preset& preset = find_preset(*preset_name);
    spec.model = preset.model;
    spec.parameters = preset.parameters;
    spec.v0 = preset.v0;
    spec.u0 = preset.u0;
  } else if (model) {
    spec.model = *model;
  } else {
    top.fail(document, "a sweep needs preset = \"...\" or model = \"...\"", "no model");
  }
  if (const auto parameters = top.sub_table("parameters", "parameters.")) {
    for (const auto& [name, value] : parameters->table.as_table()) spec.parameters[name] = *parameters->number(name);
  }
  if (const auto v0 = top.number("v0")) spec.v0 = v0;
  if (const auto u0 = top.number("u0")) spec.u0 = u0;
  spec.duration_ms = top.number("duration_ms").value_or(spec.duration_ms);
  spec.stimulus_start_ms = top.number("stimulus_start_ms").value_or(spec.stimulus_start_ms);
  spec.current = top.number("current").value_or(spec.current);
  spec.window_start_ms = top.number("window_start_ms");
  spec.samples = top.integer("samples");
  io_detail::read_seed_threads_method(top, spec.seed, spec.threads, spec.method, spec.dt_ms);
  if (const auto* axes = top.find("axis")) {
    if (!axes->is_array()) top.wrong_type("axis", *axes, "an array of tables ([[axis]])");
    std::size_t index = 0;
    for (const toml::value& item : axes->as_array()) {
      ++index;
      if (!item.is_table()) top.wrong_type("axis", item, "an array of tables ([[axis]])");
      const std::string prefix = fmt::format("axis[{}].", index);
      spec.axes.push_back(read_axis(TableReader{path, item, prefix}));
    }
  }
  try {
    validate(spec);
  } catch (const InputError& error) {
    throw InputError(fmt::format("{}: {}", path.string(), error.what()));
  }
  return spec;
}

}  // namespace

SweepSpec read_sweep_config(const std::filesystem::path& path) {
  return sweep_from(io_detail::read_toml_file(path), path);
}

SweepSpec parse_sweep_config(std::string toml_text, const std::filesystem::path& source) {
  return sweep_from(io_detail::parse_toml_text(std::move(toml_text), source), source);
}

std::string sweep_to_toml(const SweepSpec& spec) {
  fmt::memory_buffer out;
  const auto line = [&](const std::string& text) {
    out.append(text);
    out.push_back('\n');
  };
  line("# A sweep for `neurodyn sweep --config` (layout: include/neurodyn/io/sweep_config.hpp).");
  line(fmt::format("model = {}", toml_string(spec.model)));
  if (spec.v0) line(fmt::format("v0 = {}", toml_float(*spec.v0)));
  if (spec.u0) line(fmt::format("u0 = {}", toml_float(*spec.u0)));
  line(fmt::format("duration_ms = {}", toml_float(spec.duration_ms)));
  line(fmt::format("stimulus_start_ms = {}", toml_float(spec.stimulus_start_ms)));
  line(fmt::format("current = {}", toml_float(spec.current)));
  if (spec.window_start_ms) line(fmt::format("window_start_ms = {}", toml_float(*spec.window_start_ms)));
  if (spec.samples) line(fmt::format("samples = {}", *spec.samples));
  line(fmt::format("seed = {}", spec.seed));
  line(fmt::format("threads = {}", spec.threads));
  line("\n[parameters]");
  for (const auto& [name, value] : spec.parameters) line(fmt::format("{} = {}", name, toml_float(value)));
  line("\n[method]");
  line(fmt::format("name = {}", toml_string(spec.method)));
  line(fmt::format("dt = {}", toml_float(spec.dt_ms)));
  for (const SweepAxis& axis : spec.axes) {
    line("\n[[axis]]");
    std::vector<std::string> values;
    for (const double value : axis.values) values.push_back(toml_float(value));
    line(fmt::format("name = {}", toml_string(axis.name)));
    line(fmt::format("values = [{}]", fmt::join(values, ", ")));
  }
  return fmt::to_string(out);
}

std::string sweep_checkpoint_identity(SweepSpec spec) {
  spec.threads = 0;  // the result is the same for any number
  return sweep_to_toml(spec);
}

}  // namespace neurodyn
