// The method flags, one per row of the method options table: the table gives each its name, meaning, the
// methods that read it, what it allows and its default.
#include <fmt/format.h>

#include <cctype>
#include <string>
#include <variant>

#include "neurodyn/solve/method_options.hpp"
#include "problem_flags.hpp"

namespace neurodyn::cli {
namespace {

// "MS", "HZ", "N", "X", "grid|located": what the flag's value looks like in --help.
std::string value_name(const MethodOptionInfo& option) {
  switch (option.type) {
    case OptionType::real: {
      if (option.unit.empty()) return "X";
      std::string name(option.unit);
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return name;
    }
    case OptionType::integer: return "N";
    case OptionType::choice: return fmt::format("{}", fmt::join(option.choices, "|"));
    case OptionType::flag: return "";
  }
  return "";
}

// "; read by parker-sochacki" for an option some methods read, "" for one every method reads.
std::string readers(const MethodOptionInfo& option) {
  return option.methods.empty() ? std::string() : fmt::format("; read by {}", reading_methods(option));
}

std::string help_text(const MethodOptionInfo& option) {
  if (option.type == OptionType::flag) {
    return fmt::format("sets {} = {} ({}{})", option.name, option.flag_sets, option.meaning, readers(option));
  }
  const std::string unit = option.unit.empty() ? "" : fmt::format(" {}", option.unit);
  return fmt::format("{} (allowed: {}; default {}{}{})", option.meaning, allowed_values(option),
                     to_string(default_value(option)), unit, readers(option));
}

}  // namespace

void add_method_flags(CLI::App& command, ProblemFlags& flags) {
  command.add_option("--method", flags.settings.method, "numerical method (see `neurodyn methods`); default rk4")
      ->type_name("NAME");
  for (const MethodOptionInfo& option : method_option_table()) {
    const std::string name(option.name);
    if (option.type == OptionType::flag) {
      command.add_flag_callback(
          std::string(option.flag),
          [&flags, name, value = option.flag_sets] { flags.settings.method_options[name] = value; },
          help_text(option));
    } else {
      command
          .add_option_function<std::string>(
              std::string(option.flag), [&flags, name](const std::string& text) { flags.method_option_text[name] = text; },
              help_text(option))
          ->type_name(value_name(option));
    }
  }
}

}  // namespace neurodyn::cli
