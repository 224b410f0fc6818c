#pragma once
// Every option of MethodOptions described once, like the models' parameter tables: its name (the TOML key in
// its section and the field of the HTTP API), its TOML section, its command-line flag, type, unit, allowed
// values, the methods that read it and its meaning. The command line, the TOML reader and writer, the HTTP
// API, `neurodyn methods` and the validation of a run are all driven by this table, so an option is added in
// one place.
#include <functional>
#include <map>
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
  std::string_view name;     // "dt", "series_order", "v_substeps": unique over the table
  std::string_view section;  // the TOML table that holds it: "method" or "method.published"
  std::string_view flag;     // "--dt"; a flag option's flag takes no value and sets it to flag_sets
  OptionType type;
  std::string_view unit;  // "ms", "Hz", "" for none
  double min;             // real and integer options: the allowed range, [min, max] or (min, max] when
  double max;             // min_exclusive
  bool min_exclusive;
  std::span<const std::string_view> choices;  // choice options: the allowed texts
  bool flag_sets;                             // flag options: the value the command-line flag gives
  std::string_view methods;                   // the methods that read it, space-separated ("" = every method)
  std::string_view meaning;
  OptionValue (*get)(const MethodOptions&);
  void (*set)(MethodOptions&, const OptionValue&);
};

// The table, in the order help and written configs list the options.
std::span<const MethodOptionInfo> method_option_table();

// The option named `name`, or nullptr.
const MethodOptionInfo* find_method_option(std::string_view name);

// The option named `name`; throws InputError naming it and listing the known ones.
const MethodOptionInfo& method_option(std::string_view name);

// Whether method `method_name` reads the option.
bool option_applies_to(const MethodOptionInfo& option, std::string_view method_name);

// The option's value in a default MethodOptions.
OptionValue default_value(const MethodOptionInfo& option);

// The methods that read it, for help and messages: "backward-euler, parker-sochacki", or "every method".
std::string reading_methods(const MethodOptionInfo& option);

// "a finite dt > 0 ms", "an integer from 0 to 60", "grid, located", "true or false": what the option allows,
// for help texts and messages.
std::string allowed_values(const MethodOptionInfo& option);

// `value` in the option's type (an integer is accepted for a real), checked against its range. Throws
// InputError naming the option, the value and what is allowed.
OptionValue checked_option_value(const MethodOptionInfo& option, const OptionValue& value);

// The value written as text (a command-line argument), typed and checked. `field` names it in messages
// ("--dt"). Throws InputError naming the field, the text and what is allowed.
OptionValue parse_option_text(const MethodOptionInfo& option, std::string_view text, std::string_view field);

// Checks `value` against the option's type and range and sets it; throws InputError naming the option, the
// value and what is allowed.
void set_method_option(MethodOptions& options, std::string_view name, const OptionValue& value);

// Options as given by a user (flags, a TOML file, a request), by name; checked when applied.
using MethodOptionSettings = std::map<std::string, OptionValue, std::less<>>;

// Sets each given option on `options` (whose name says the method). Throws InputError for an unknown name, a
// value of the wrong type or out of range, and for an option set away from its default for a method that does
// not read it (series_order = 8 with rk4), naming the methods that do.
void apply_method_options(MethodOptions& options, const MethodOptionSettings& given);

// Every option's current value against its range (throws InputError as set_method_option does).
void validate_method_options(const MethodOptions& options);

// The value as a user writes it: 0.01, 12, true, 'grid'.
std::string to_string(const OptionValue& value);

}  // namespace neurodyn
