#include "parse_error_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "neurodyn/text_distance.hpp"

namespace neurodyn::cli {
namespace {

// " (did you mean X?)" for the candidate nearest to `text` when it is near enough (a third of its length).
std::string suggestion(std::string_view text, const std::vector<std::string>& candidates) {
  const auto nearest = std::ranges::min_element(
      candidates, [&](const auto& a, const auto& b) { return edit_distance(text, a) < edit_distance(text, b); });
  if (nearest == candidates.end() || edit_distance(text, *nearest) > std::max<std::size_t>(2, text.size() / 3)) {
    return "";
  }
  return fmt::format(" (did you mean {}?)", *nearest);
}

// The subcommand the arguments chose (the app itself when none was).
const CLI::App& chosen_command(const CLI::App& app) {
  const CLI::App* command = &app;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : command->get_subcommands()) {
      if (sub->parsed()) {
        command = sub;
        deeper = true;
        break;
      }
    }
  }
  return *command;
}

std::vector<std::string> flags_of(const CLI::App& command) {
  std::vector<std::string> flags;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) flags.push_back("--" + name);
  }
  return flags;
}

std::string command_name(const CLI::App& app, const CLI::App& command) {
  return &command == &app ? std::string("neurodyn") : fmt::format("neurodyn {}", command.get_name());
}

std::string unknown_flags(const CLI::App& app, const CLI::App& command, const std::vector<std::string>& arguments) {
  std::vector<std::string> known = flags_of(command);
  const std::vector<std::string> global = flags_of(app);
  known.insert(known.end(), global.begin(), global.end());
  for (const std::string& argument : arguments) {
    if (!argument.starts_with("--")) continue;
    const std::string flag = argument.substr(0, argument.find('='));
    if (std::ranges::find(known, flag) != known.end()) continue;
    return fmt::format("{}: unknown flag {}{} (`{} --help` lists them)", command_name(app, command), flag,
                       suggestion(flag, known), command_name(app, command));
  }
  return "";
}

std::string unknown_command(const CLI::App& app, const std::vector<std::string>& arguments) {
  if (arguments.empty() || arguments.front().starts_with("-")) return "";
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  if (std::ranges::find(commands, arguments.front()) != commands.end()) return "";
  return fmt::format("unknown command '{}'{}; allowed: {}", arguments.front(), suggestion(arguments.front(), commands),
                     fmt::join(commands, ", "));
}

// A command with subcommands of its own (`recording`) given none, or an unknown one: the word after it.
std::string missing_subcommand(const CLI::App& app, const CLI::App& command, const std::vector<std::string>& arguments) {
  std::vector<std::string> subcommands;
  for (const CLI::App* sub : command.get_subcommands({})) subcommands.push_back(sub->get_name());
  if (&command == &app || subcommands.empty()) return "";
  const auto named = std::ranges::find(arguments, command.get_name());
  const auto next = named == arguments.end() ? arguments.end() : std::next(named);
  if (next == arguments.end() || next->starts_with("-")) {
    return fmt::format("{} needs a subcommand; allowed: {}", command_name(app, command), fmt::join(subcommands, ", "));
  }
  return fmt::format("{}: unknown subcommand '{}'{}; allowed: {}", command_name(app, command), *next,
                     suggestion(*next, subcommands), fmt::join(subcommands, ", "));
}

// CLI11: "Could not convert: --t-end = abc" (or "... : --t-end: abc"): the flag and the text.
std::string unconvertible_value(const CLI::App& app, const CLI::App& command, std::string_view message) {
  const auto flag_start = message.find("--");
  if (flag_start == std::string_view::npos) return "";
  const auto flag_end = message.find_first_of(" =:", flag_start);
  const std::string flag(message.substr(flag_start, flag_end - flag_start));
  const auto value_start = message.find_first_not_of(" =:", flag_end);
  const std::string value(value_start == std::string_view::npos ? "" : message.substr(value_start));
  const CLI::Option* option = command.get_option_no_throw(flag);
  if (!option) option = app.get_option_no_throw(flag);
  const std::string expected = option ? option->get_type_name() : std::string();
  return fmt::format("{} '{}' is not allowed; allowed: {}", flag, value,
                     expected.empty() ? std::string("a value of the flag's type") : fmt::format("{} (a number)", expected));
}

}  // namespace

std::string parse_error_text(const CLI::App& app, const CLI::ParseError& error, const std::vector<std::string>& arguments) {
  const CLI::App& command = chosen_command(app);
  std::string text;
  if (&command == &app) text = unknown_command(app, arguments);
  if (text.empty()) text = missing_subcommand(app, command, arguments);
  if (text.empty() && (dynamic_cast<const CLI::ExtrasError*>(&error) || dynamic_cast<const CLI::ArgumentMismatch*>(&error))) {
    text = unknown_flags(app, command, arguments);
  }
  if (text.empty() && dynamic_cast<const CLI::ConversionError*>(&error)) {
    text = unconvertible_value(app, command, error.what());
  }
  return text.empty() ? std::string(error.what()) : text;
}

}  // namespace neurodyn::cli
