// Reading a run's settings from TOML (layout: include/neurodyn/io/run_config.hpp). Every key is checked:
// an unknown key or a value of the wrong type is an InputError that names the file, the line and the key.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <toml.hpp>
#include <utility>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/method_options.hpp"
#include "run_settings_document.hpp"
#include "toml_document.hpp"
#include "toml_table_reader.hpp"

namespace neurodyn {

using io_detail::TableReader;

namespace {

// The value of a method option as the table types it, checked against its range; an error names the file,
// the line and the key.
OptionValue option_value(const TableReader& table, const MethodOptionInfo& option, const toml::value& value) {
  OptionValue given;
  switch (option.type) {
    case OptionType::real:
      if (value.is_floating()) {
        given = value.as_floating();
      } else if (value.is_integer()) {
        given = static_cast<double>(value.as_integer());
      } else {
        table.wrong_type(option.name, value, "a number");
      }
      break;
    case OptionType::integer:
      if (!value.is_integer()) table.wrong_type(option.name, value, "an integer");
      given = static_cast<long long>(value.as_integer());
      break;
    case OptionType::flag:
      if (!value.is_boolean()) table.wrong_type(option.name, value, "true or false");
      given = value.as_boolean();
      break;
    case OptionType::choice:
      if (!value.is_string()) table.wrong_type(option.name, value, fmt::format("a string: {}", allowed_values(option)));
      given = value.as_string().str;
      break;
  }
  try {
    return checked_option_value(option, given);
  } catch (const InputError& error) {
    table.fail(value, fmt::format("{}{}", table.prefix, error.what()), "not allowed");
  }
}

// The method options of one section ("method" or "method.published") found in `table`.
void read_method_options(const TableReader& table, std::string_view section, RunSettings& settings) {
  for (const MethodOptionInfo& option : method_option_table()) {
    if (option.section != section) continue;
    if (const auto* value = table.find(option.name)) {
      settings.method_options[std::string(option.name)] = option_value(table, option, *value);
    }
  }
}

// The keys a section may hold: its method options and `extra`.
std::vector<std::string_view> section_keys(std::string_view section, std::vector<std::string_view> extra) {
  for (const MethodOptionInfo& option : method_option_table()) {
    if (option.section == section) extra.push_back(option.name);
  }
  return extra;
}

void read_method(const TableReader& method, RunSettings& settings) {
  method.require_known_keys(section_keys("method", {"name", "output_step", "published"}));
  settings.method = method.text("name");
  settings.output_step = method.number("output_step");
  read_method_options(method, "method", settings);
  if (const auto published = method.sub_table("published", "method.published.")) {
    published->require_known_keys(section_keys("method.published", {}));
    read_method_options(*published, "method.published", settings);
  }
}

}  // namespace

RunSettings io_detail::run_settings_from(const toml::value& document, const std::filesystem::path& path,
                                         std::span<const std::string_view> other_keys) {
  const TableReader top{path, document, ""};
  std::vector<std::string_view> keys{"preset", "model",  "stimulus", "t_end",
                                     "initial", "parameters", "method", "events"};
  keys.insert(keys.end(), other_keys.begin(), other_keys.end());
  top.require_known_keys(keys);

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
  if (const auto events = top.sub_table("events", "events.")) {
    events->require_known_keys({"file", "current_decay"});
    if (const auto file = events->text("file")) settings.events_file = *file;
    settings.event_decay = events->number("current_decay");
  }
  return settings;
}

RunSettings read_run_settings(const std::filesystem::path& path) {
  RunSettings settings = io_detail::run_settings_from(io_detail::read_toml_file(path), path);
  // A relative table path in the stimulus starts in the config file's folder, wherever the run starts.
  if (settings.stimulus) settings.stimulus_folder = std::filesystem::absolute(path).parent_path();
  if (settings.events_file) {
    settings.events_file = std::filesystem::absolute(path).parent_path() / *settings.events_file;
  }
  return settings;
}

RunSettings parse_run_settings(std::string toml_text, const std::filesystem::path& source) {
  return io_detail::run_settings_from(io_detail::parse_toml_text(std::move(toml_text), source), source);
}

}  // namespace neurodyn
