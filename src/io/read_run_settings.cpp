// Reading a run's settings from TOML (layout: include/neurodyn/io/run_config.hpp). Every key is checked:
// an unknown key or a value of the wrong type is an InputError that names the file, the line and the key.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <toml.hpp>
#include <utility>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/run_config.hpp"
#include "toml_document.hpp"

namespace neurodyn {

namespace {

std::string_view type_name(toml::value_t type) {
  switch (type) {
    case toml::value_t::boolean:
      return "a boolean";
    case toml::value_t::integer:
      return "an integer";
    case toml::value_t::floating:
      return "a float";
    case toml::value_t::string:
      return "a string";
    case toml::value_t::array:
      return "an array";
    case toml::value_t::table:
      return "a table";
    default:
      return "a date or time";
  }
}

// One table of the file, with the keys it may hold.
struct TableReader {
  const std::filesystem::path& file;
  const toml::value& table;
  std::string_view prefix;  // "" for the top level, "method." for [method], ...

  std::string key_name(std::string_view key) const { return fmt::format("{}{}", prefix, key); }

  [[noreturn]] void fail(const toml::value& value, const std::string& message, const std::string& hint) const {
    throw InputError(toml::format_error(fmt::format("{}: {}", file.string(), message), value, hint));
  }

  void require_known_keys(const std::vector<std::string_view>& allowed) const {
    for (const auto& [key, value] : table.as_table()) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      fail(value,
           fmt::format("unknown key '{}'; allowed {}: {}", key_name(key),
                       prefix.empty() ? std::string("at the top level")
                                      : fmt::format("in [{}]", prefix.substr(0, prefix.size() - 1)),
                       fmt::join(allowed, ", ")),
           "unknown key");
    }
  }

  const toml::value* find(std::string_view key) const {
    const auto& entries = table.as_table();
    const auto found = entries.find(std::string(key));
    return found == entries.end() ? nullptr : &found->second;
  }

  [[noreturn]] void wrong_type(std::string_view key, const toml::value& value, std::string_view expected) const {
    fail(value, fmt::format("{} must be {}; found: {}", key_name(key), expected, type_name(value.type())),
         fmt::format("expected {}", expected));
  }

  // Integers are accepted where a number is expected: `t_end = 100` means 100 ms.
  std::optional<double> number(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (value->is_floating()) return value->as_floating();
    if (value->is_integer()) return static_cast<double>(value->as_integer());
    wrong_type(key, *value, "a number");
  }

  std::optional<std::string> text(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_string()) wrong_type(key, *value, "a string");
    return value->as_string().str;
  }

  std::optional<bool> boolean(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) wrong_type(key, *value, "true or false");
    return value->as_boolean();
  }

  std::optional<int> integer(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_integer()) wrong_type(key, *value, "an integer");
    const auto result = value->as_integer();
    if (result < std::numeric_limits<int>::min() || result > std::numeric_limits<int>::max()) {
      fail(*value,
           fmt::format("{} = {} is out of range; allowed: {} to {}", key_name(key), result,
                       std::numeric_limits<int>::min(), std::numeric_limits<int>::max()),
           "out of range");
    }
    return static_cast<int>(result);
  }

  // The sub-table [prefix + key], if present.
  std::optional<TableReader> sub_table(std::string_view key, std::string_view sub_prefix) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_table()) wrong_type(key, *value, "a table");
    return TableReader{file, *value, sub_prefix};
  }
};

void read_method(const TableReader& method, RunSettings& settings) {
  method.require_known_keys({"name", "dt", "rtol", "atol", "spikes", "newton_failure", "series_order", "max_rate_hz",
                             "output_step", "published"});
  settings.method = method.text("name");
  settings.dt = method.number("dt");
  settings.rtol = method.number("rtol");
  settings.atol = method.number("atol");
  settings.spikes = method.text("spikes");
  settings.newton_failure = method.text("newton_failure");
  settings.series_order = method.integer("series_order");
  settings.max_rate_hz = method.number("max_rate_hz");
  settings.output_step = method.number("output_step");
  if (const auto published = method.sub_table("published", "method.published.")) {
    published->require_known_keys({"u_from_new_v", "reset_in_same_step", "v_substeps"});
    settings.u_from_new_v = published->boolean("u_from_new_v");
    settings.reset_in_same_step = published->boolean("reset_in_same_step");
    settings.v_substeps = published->integer("v_substeps");
  }
}

RunSettings run_settings_from(const toml::value& document, const std::filesystem::path& path) {
  const TableReader top{path, document, ""};
  top.require_known_keys({"preset", "model", "stimulus", "t_end", "initial", "parameters", "method"});

  RunSettings settings;
  settings.preset = top.text("preset");
  settings.model = top.text("model");
  settings.stimulus = top.text("stimulus");
  settings.t_end = top.number("t_end");
  if (const auto initial = top.sub_table("initial", "initial.")) {
    initial->require_known_keys({"v0", "u0"});
    settings.v0 = initial->number("v0");
    settings.u0 = initial->number("u0");
  }
  // Parameter names depend on the model, which may come from a flag: resolve() checks them.
  if (const auto parameters = top.sub_table("parameters", "parameters.")) {
    for (const auto& [name, value] : parameters->table.as_table()) {
      settings.parameters[name] = *parameters->number(name);
    }
  }
  if (const auto method = top.sub_table("method", "method.")) read_method(*method, settings);
  return settings;
}

}  // namespace

RunSettings read_run_settings(const std::filesystem::path& path) {
  return run_settings_from(io_detail::read_toml_file(path), path);
}

RunSettings parse_run_settings(std::string toml_text, const std::filesystem::path& source) {
  return run_settings_from(io_detail::parse_toml_text(std::move(toml_text), source), source);
}

}  // namespace neurodyn
