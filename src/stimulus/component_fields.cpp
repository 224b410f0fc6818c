#include "component_fields.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/text_fields.hpp"

namespace neurodyn::stimulus_detail {
namespace {

std::string describe_keys(const ComponentKeys& keys) {
  std::string text = keys.leading_path ? "a path first, then " : "";
  text += keys.required.empty() ? "no required keys" : fmt::format("required {}", fmt::join(keys.required, ", "));
  if (!keys.optional.empty()) text += fmt::format("; optional {}", fmt::join(keys.optional, ", "));
  return text;
}

bool is_one_of(std::string_view key, std::span<const std::string_view> keys) {
  return std::ranges::find(keys, key) != keys.end();
}

}  // namespace

ComponentFields::ComponentFields(std::string_view text, std::string_view body, const ComponentKeys& keys)
    : context_(fmt::format("stimulus component '{}'", text)), allowed_keys_(describe_keys(keys)) {
  std::vector<std::string_view> items;
  for (std::size_t begin = 0; begin <= body.size();) {
    const std::size_t end = std::min(body.find(',', begin), body.size());
    items.push_back(trim(body.substr(begin, end - begin)));
    begin = end + 1;
  }
  if (keys.leading_path) {
    path_ = items.front();
    items.erase(items.begin());
    if (path_.empty() || path_.find('=') != std::string_view::npos) {
      throw InputError(fmt::format("{}: the file path is missing; allowed: {}", context_, allowed_keys_));
    }
  } else if (items.size() == 1 && items.front().empty()) {
    items.clear();  // "kind:" with nothing after it: the missing keys are reported below
  }
  for (const std::string_view item : items) {
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) {
      throw InputError(fmt::format("{}: '{}' is not key=value; allowed: {}", context_, item, allowed_keys_));
    }
    const Field field{trim(item.substr(0, equals)), trim(item.substr(equals + 1))};
    if (!is_one_of(field.key, keys.required) && !is_one_of(field.key, keys.optional)) {
      throw InputError(fmt::format("{}: unknown key '{}' (= {}); allowed: {}", context_, field.key, field.value,
                                   allowed_keys_));
    }
    if (const Field* earlier = find(field.key)) {
      throw InputError(fmt::format("{}: key '{}' is given twice ({} = {} and {} = {}); allowed: each key once",
                                   context_, field.key, field.key, earlier->value, field.key, field.value));
    }
    fields_.push_back(field);
  }
  for (const std::string_view key : keys.required) {
    if (!find(key)) {
      throw InputError(fmt::format("{}: key '{}' is missing; allowed: {}", context_, key, allowed_keys_));
    }
  }
}

const ComponentFields::Field* ComponentFields::find(std::string_view key) const {
  const auto found = std::ranges::find(fields_, key, &Field::key);
  return found == fields_.end() ? nullptr : &*found;
}

std::string_view ComponentFields::value_of(std::string_view key) const { return find(key)->value; }

void ComponentFields::reject(std::string_view key, std::string_view value, std::string_view allowed) const {
  throw InputError(fmt::format("{}: {} = {} is not allowed; allowed: {}", context_, key, value, allowed));
}

double ComponentFields::number(std::string_view key) const {
  const std::string_view text = value_of(key);
  const auto value = read_double(text);
  if (!value) reject(key, text, "a number such as 2, -0.5, 1e3, inf or -inf");
  return *value;
}

double ComponentFields::number_or(std::string_view key, double fallback) const {
  return find(key) ? number(key) : fallback;
}

long long ComponentFields::integer_or(std::string_view key, long long fallback, long long min,
                                      long long max) const {
  if (!find(key)) return fallback;
  const std::string_view text = value_of(key);
  const auto value = read_integer(text);
  if (!value || *value < min || *value > max) reject(key, text, fmt::format("an integer from {} to {}", min, max));
  return *value;
}

unsigned long long ComponentFields::unsigned_integer(std::string_view key) const {
  const std::string_view text = value_of(key);
  const auto value = read_unsigned(text);
  if (!value) reject(key, text, "an integer from 0 to 18446744073709551615");
  return *value;
}

std::string_view ComponentFields::choice_or(std::string_view key, std::string_view fallback,
                                            std::span<const std::string_view> choices) const {
  if (!find(key)) return fallback;
  const std::string_view text = value_of(key);
  if (!is_one_of(text, choices)) reject(key, text, fmt::format("{}", fmt::join(choices, " or ")));
  return text;
}

}  // namespace neurodyn::stimulus_detail
