#pragma once
// Every option of MethodOptions described once, like the models' parameter tables: its key (the TOML key
// under [method] and the field of the HTTP API), its command-line flag, type, unit, allowed values, the
// methods that read it and its meaning. The command line, the TOML reader and writer, the HTTP API and the
// validation of a run are all driven by this table, so an option is added in one place.
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "neurodyn/solve/method.hpp"

namespace neurodyn {

enum class OptionType { real, integer, choice, flag };

// A value of an option: a real, an integer, a flag or a choice (text).
using OptionValue = std::variant<double, long long, bool, std::string>;

struct MethodOptionInfo {
  std::string_view key;   // "dt", "series_order", "published.v_substeps"
  std::string_view flag;  // "--dt"; for a flag option, giving it sets the value to flag_sets
  OptionType type;
  std::string_view unit;  // "ms", "Hz", "" for none
  double min;             // real and integer options: the allowed range, [min, max] or (min, max] when
  double max;             // min_exclusive
  bool min_exclusive;
  std::span<const std::string_view> choices;  // choice options: the allowed texts
  bool flag_sets;                             // flag options: the value the command-line flag gives
  std::string_view methods;                   // the methods that read it ("" = every method)
  std::string_view meaning;
  OptionValue (*get)(const MethodOptions&);
  void (*set)(MethodOptions&, const OptionValue&);
};

// The table, in the order help and written configs list the options.
std::span<const MethodOptionInfo> method_option_table();

// Throws InputError naming the key and listing the known ones.
const MethodOptionInfo& method_option(std::string_view key);

// Whether method `method_name` reads the option.
bool option_applies_to(const MethodOptionInfo& option, std::string_view method_name);

// "a finite value > 0 ms", "0 to 60", "grid, located", "true or false": what the option allows, for help
// texts and messages.
std::string allowed_values(const MethodOptionInfo& option);

// Checks `value` against the option's type and range and sets it; throws InputError naming the key, the
// value and what is allowed.
void set_method_option(MethodOptions& options, std::string_view key, const OptionValue& value);

// Every option's current value against its range (throws InputError as set_method_option does).
void validate_method_options(const MethodOptions& options);

std::string to_string(const OptionValue& value);

}  // namespace neurodyn
