#pragma once
// One table of a TOML document with the keys it may hold: typed lookups whose errors name the file, the line and
// the key (toml11's format_error), shared by every reader of neurodyn's TOML files.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <toml.hpp>
#include <vector>

#include "neurodyn/error.hpp"

namespace neurodyn::io_detail {

inline std::string_view type_name(toml::value_t type) {
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

  std::optional<long long> integer(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_integer()) wrong_type(key, *value, "an integer");
    return value->as_integer();
  }

  std::optional<bool> flag(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) wrong_type(key, *value, "true or false");
    return value->as_boolean();
  }

  std::optional<std::string> text(std::string_view key) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_string()) wrong_type(key, *value, "a string");
    return value->as_string().str;
  }

  // The value named by the text at `key` among `choices` (name, value); `fallback` when the key is absent.
  // Throws InputError naming the key, the text and the names allowed.
  template <class E>
  E choice(std::string_view key, E fallback, std::initializer_list<std::pair<std::string_view, E>> choices) const {
    const auto name = text(key);
    if (!name) return fallback;
    std::vector<std::string_view> names;
    for (const auto& [choice_name, value] : choices) {
      if (choice_name == *name) return value;
      names.push_back(choice_name);
    }
    fail(*find(key),
         fmt::format("{} = '{}' is not allowed; allowed: {}", key_name(key), *name, fmt::join(names, ", ")),
         fmt::format("unknown {}", key));
  }

  // The sub-table [prefix + key], if present.
  std::optional<TableReader> sub_table(std::string_view key, std::string_view sub_prefix) const {
    const auto* value = find(key);
    if (!value) return std::nullopt;
    if (!value->is_table()) wrong_type(key, *value, "a table");
    return TableReader{file, *value, sub_prefix};
  }
};

}  // namespace neurodyn::io_detail
