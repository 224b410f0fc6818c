#include "simulate_request.hpp"

#include <fmt/format.h>

#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/method_options.hpp"

namespace neurodyn::serve_detail {

namespace {

// A key of the request and the RunSettings member it sets. Method keys (the method, its output grid and every
// method option of solve/method_options.hpp) are those a `compare` object may set.
template <class T>
struct Field {
  std::string_view key;
  std::optional<T> RunSettings::*member;
  bool method_key;
};

constexpr Field<std::string> text_fields[] = {
    {"preset", &RunSettings::preset, false},
    {"model", &RunSettings::model, false},
    {"stimulus", &RunSettings::stimulus, false},
    {"method", &RunSettings::method, true},
};
constexpr Field<double> number_fields[] = {
    {"v0", &RunSettings::v0, false},
    {"u0", &RunSettings::u0, false},
    {"t_end", &RunSettings::t_end, false},
    {"output_step", &RunSettings::output_step, true},
};
constexpr std::string_view params_key = "params";
constexpr std::string_view compare_key = "compare";
constexpr std::string_view samples_key = "samples";
constexpr std::size_t min_samples = 16;

// Whether arrays and objects in `value` nest more than `levels` deep. A walk with its own stack: the JSON
// serializer recurses once per level, and a body within the size limit can nest 32,768 levels.
bool nested_deeper_than(const nlohmann::json& value, std::size_t levels) {
  std::vector<std::pair<const nlohmann::json*, std::size_t>> pending{{&value, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth > levels) return true;
    for (const auto& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return false;
}

// The value as JSON text, shortened for a message.
std::string shown(const nlohmann::json& value) {
  constexpr std::size_t longest = 60, deepest = 16;
  if (nested_deeper_than(value, deepest)) {
    return fmt::format("{} nested more than {} levels deep", value.is_array() ? "an array" : "an object", deepest);
  }
  std::string text = value.dump();
  if (text.size() > longest) text = text.substr(0, longest) + "...";
  return text;
}

[[noreturn]] void wrong_type(std::string_view key, const nlohmann::json& value, std::string_view allowed) {
  throw InputError(fmt::format("{} = {} has the wrong type; allowed: {}", key, shown(value), allowed));
}

void read(std::string_view key, const nlohmann::json& value, std::optional<std::string>& out) {
  if (!value.is_string()) wrong_type(key, value, "a string");
  out = value.get<std::string>();
}

void read(std::string_view key, const nlohmann::json& value, std::optional<double>& out) {
  if (!value.is_number()) wrong_type(key, value, "a number");
  out = value.get<double>();
}

// A method option's value in the type its table row states; its range is checked by resolve().
void read_method_option(const MethodOptionInfo& option, const nlohmann::json& value, MethodOptionSettings& out) {
  const std::string_view key = option.name;
  OptionValue given;
  switch (option.type) {
    case OptionType::real:
      if (!value.is_number()) wrong_type(key, value, "a number");
      given = value.get<double>();
      break;
    case OptionType::integer: {
      constexpr auto largest = static_cast<unsigned long long>(std::numeric_limits<long long>::max());
      if (!value.is_number_integer() || (value.is_number_unsigned() && value.get<unsigned long long>() > largest)) {
        wrong_type(key, value, "an integer");
      }
      given = value.get<long long>();
      break;
    }
    case OptionType::flag:
      if (!value.is_boolean()) wrong_type(key, value, "true or false");
      given = value.get<bool>();
      break;
    case OptionType::choice:
      if (!value.is_string()) wrong_type(key, value, fmt::format("a string: {}", allowed_values(option)));
      given = value.get<std::string>();
      break;
  }
  out[std::string(key)] = std::move(given);
}

// Sets the field named `key` if one of the tables has it (and it is a method key when `method_keys_only`).
template <class T, std::size_t size>
bool read_from_table(const Field<T> (&fields)[size], std::string_view key, const nlohmann::json& value,
                     bool method_keys_only, RunSettings& settings) {
  for (const auto& field : fields) {
    if (field.key != key || (method_keys_only && !field.method_key)) continue;
    read(key, value, settings.*field.member);
    return true;
  }
  return false;
}

bool read_setting(std::string_view key, const nlohmann::json& value, bool method_keys_only, RunSettings& settings) {
  if (read_from_table(text_fields, key, value, method_keys_only, settings) ||
      read_from_table(number_fields, key, value, method_keys_only, settings)) {
    return true;
  }
  const MethodOptionInfo* option = find_method_option(key);
  if (!option) return false;
  read_method_option(*option, value, settings.method_options);
  return true;
}

template <class T, std::size_t size>
void append_keys(const Field<T> (&fields)[size], bool method_keys_only, std::vector<std::string_view>& keys) {
  for (const auto& field : fields) {
    if (!method_keys_only || field.method_key) keys.push_back(field.key);
  }
}

std::string allowed_keys(bool method_keys_only) {
  std::vector<std::string_view> keys;
  append_keys(text_fields, method_keys_only, keys);
  append_keys(number_fields, method_keys_only, keys);
  for (const MethodOptionInfo& option : method_option_table()) keys.push_back(option.name);
  if (!method_keys_only) keys.insert(keys.end(), {params_key, compare_key, samples_key});
  return fmt::format("{}", fmt::join(keys, ", "));
}

[[noreturn]] void unknown_key(std::string_view object, std::string_view key, bool method_keys_only) {
  throw InputError(
      fmt::format("{}: unknown key '{}'; allowed: {}", object, key, allowed_keys(method_keys_only)));
}

ParameterValues read_parameters(const nlohmann::json& params) {
  if (!params.is_object()) wrong_type(params_key, params, "an object of parameter values, e.g. {\"a\": 0.02}");
  ParameterValues values;
  for (const auto& [name, value] : params.items()) {
    if (!value.is_number()) wrong_type(fmt::format("params.{}", name), value, "a number");
    values[name] = value.get<double>();
  }
  return values;
}

template <class T, std::size_t size>
void copy_method_keys(const Field<T> (&fields)[size], const RunSettings& from, RunSettings& to) {
  for (const auto& field : fields) {
    if (field.method_key) to.*field.member = from.*field.member;
  }
}

// The main settings with every method key replaced by those of the `compare` object.
RunSettings read_compare(const nlohmann::json& compare, const RunSettings& main) {
  if (!compare.is_object()) wrong_type(compare_key, compare, "null or an object of method keys");
  RunSettings settings = main;
  RunSettings method_only;
  for (const auto& [key, value] : compare.items()) {
    if (!read_setting(key, value, true, method_only)) unknown_key(compare_key, key, true);
  }
  copy_method_keys(text_fields, method_only, settings);
  copy_method_keys(number_fields, method_only, settings);
  settings.method_options = std::move(method_only.method_options);
  return settings;
}

// The samples of each returned trace: an integer, or "all" (every computed sample, up to limits.max_samples).
std::size_t read_samples(const nlohmann::json& value, const ApiLimits& limits) {
  if (value.is_string() && value.get<std::string>() == "all") return limits.max_samples;
  const bool integral = value.is_number_integer();
  if (!integral || value.get<long long>() < static_cast<long long>(min_samples) ||
      value.get<long long>() > static_cast<long long>(limits.max_samples)) {
    throw InputError(fmt::format("samples = {} is out of range; allowed: an integer from {} to {}, or \"all\"",
                                 shown(value), min_samples, limits.max_samples));
  }
  return value.get<std::size_t>();
}

}  // namespace

SimulateRequest parse_simulate_request(const nlohmann::json& request, const ApiLimits& limits) {
  if (!request.is_object()) {
    throw InputError(fmt::format("the request is {}; allowed: a JSON object such as {{\"preset\": \"izh2004-A\"}}",
                                 shown(request)));
  }
  SimulateRequest parsed;
  parsed.samples = limits.default_samples;
  const nlohmann::json* compare = nullptr;
  for (const auto& [key, value] : request.items()) {
    if (key == params_key) {
      parsed.settings.parameters = read_parameters(value);
    } else if (key == compare_key) {
      if (!value.is_null()) compare = &value;
    } else if (key == samples_key) {
      parsed.samples = read_samples(value, limits);
    } else if (!read_setting(key, value, false, parsed.settings)) {
      unknown_key("request", key, false);
    }
  }
  if (compare) parsed.compare = read_compare(*compare, parsed.settings);
  return parsed;
}

}  // namespace neurodyn::serve_detail
