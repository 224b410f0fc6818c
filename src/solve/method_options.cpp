#include "neurodyn/solve/method_options.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "neurodyn/error.hpp"
#include "neurodyn/model/power_series.hpp"

namespace neurodyn {
namespace {

constexpr double unbounded = std::numeric_limits<double>::infinity();
constexpr std::array<std::string_view, 2> spike_handlings{"grid", "located"};
constexpr std::array<std::string_view, 2> newton_failure_policies{"fail", "halve-step"};

std::string_view policy_name(NewtonFailurePolicy policy) {
  return policy == NewtonFailurePolicy::fail ? "fail" : "halve-step";
}

// Accessors of a plain member: a real, an integer or a flag.
template <auto Member>
OptionValue get_member(const MethodOptions& options) {
  using T = std::remove_cvref_t<decltype(options.*Member)>;
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, bool>) {
    return options.*Member;
  } else {
    return static_cast<long long>(options.*Member);
  }
}
template <auto Member>
void set_member(MethodOptions& options, const OptionValue& value) {
  using T = std::remove_cvref_t<decltype(options.*Member)>;
  if constexpr (std::is_same_v<T, double> || std::is_same_v<T, bool>) {
    options.*Member = std::get<T>(value);
  } else {
    options.*Member = static_cast<T>(std::get<long long>(value));
  }
}

// The same for a member of the published-scheme switches.
template <auto Member>
OptionValue get_published(const MethodOptions& options) {
  using T = std::remove_cvref_t<decltype(options.published.*Member)>;
  if constexpr (std::is_same_v<T, bool>) {
    return options.published.*Member;
  } else {
    return static_cast<long long>(options.published.*Member);
  }
}
template <auto Member>
void set_published(MethodOptions& options, const OptionValue& value) {
  using T = std::remove_cvref_t<decltype(options.published.*Member)>;
  if constexpr (std::is_same_v<T, bool>) {
    options.published.*Member = std::get<bool>(value);
  } else {
    options.published.*Member = static_cast<T>(std::get<long long>(value));
  }
}

const std::array<MethodOptionInfo, 13> table{{
    {"dt", "method", "--dt", OptionType::real, "ms", 0.0, unbounded, true, {}, false, "",
     "step of fixed-step methods, first step of adaptive ones (izhikevich-published: the preset's published step "
     "unless given)", get_member<&MethodOptions::dt>,
     set_member<&MethodOptions::dt>},
    {"rtol", "method", "--rtol", OptionType::real, "", 0.0, 1.0, true, {}, false,
     "rosenbrock-euler exprb32 dopri5 cvode-bdf cvode-adams parker-sochacki",
     "relative tolerance of adaptive methods (and of the series' length)", get_member<&MethodOptions::rtol>,
     set_member<&MethodOptions::rtol>},
    {"atol", "method", "--atol", OptionType::real, "", 0.0, 1.0, true, {}, false,
     "rosenbrock-euler exprb32 dopri5 cvode-bdf cvode-adams parker-sochacki",
     "absolute tolerance of adaptive methods, times each variable's scale (1 mV, 10 pA, ...)",
     get_member<&MethodOptions::atol>, set_member<&MethodOptions::atol>},
    {"min_step", "method", "--min-step", OptionType::real, "ms", 0.0, unbounded, true, {}, false, "",
     "adaptive methods and halved retries fail below this step", get_member<&MethodOptions::min_step>,
     set_member<&MethodOptions::min_step>},
    {"max_steps", "method", "--max-steps", OptionType::integer, "", 1.0, 9e18, false, {}, false, "",
     "step budget: a run that needs more ends with status max-steps", get_member<&MethodOptions::max_steps>,
     set_member<&MethodOptions::max_steps>},
    {"max_rate_hz", "method", "--max-rate-hz", OptionType::real, "Hz", 0.0, unbounded, true, {}, false, "",
     "runaway-burst guard: a run whose last runaway_window spikes come faster than this ends with status "
     "runaway-burst",
     get_member<&MethodOptions::max_rate_hz>, set_member<&MethodOptions::max_rate_hz>},
    {"runaway_window", "method", "--runaway-window", OptionType::integer, "", 1.0, 1e6, false, {}, false, "",
     "number of spikes the runaway-burst guard averages over", get_member<&MethodOptions::runaway_window>,
     set_member<&MethodOptions::runaway_window>},
    {"series_order", "method", "--series-order", OptionType::integer, "", 0.0, double{max_series_order}, false, {}, false,
     "parker-sochacki",
     "terms of the power series; 0 = as many as atol and rtol need", get_member<&MethodOptions::series_order>,
     set_member<&MethodOptions::series_order>},
    {"spikes", "method", "--spikes", OptionType::choice, "", 0.0, 0.0, false, spike_handlings, false, "",
     "grid: spikes at step ends; located: the crossing located inside the step (izhikevich-published: grid "
     "unless given)",
     [](const MethodOptions& options) { return OptionValue(std::string(to_string(options.spikes))); },
     [](MethodOptions& options, const OptionValue& value) {
       options.spikes = parse_spike_handling(std::get<std::string>(value));
     }},
    {"newton_failure", "method", "--newton-failure", OptionType::choice, "", 0.0, 0.0, false, newton_failure_policies,
     false, "backward-euler parker-sochacki",
     "when an implicit step or a series has no solution: fail the run, or retry with half the step",
     [](const MethodOptions& options) { return OptionValue(std::string(policy_name(options.newton_failure))); },
     [](MethodOptions& options, const OptionValue& value) {
       options.newton_failure =
           std::get<std::string>(value) == "fail" ? NewtonFailurePolicy::fail : NewtonFailurePolicy::halve_step;
     }},
    {"u_from_new_v", "method.published", "--u-from-old-v", OptionType::flag, "", 0.0, 0.0, false, {}, false,
     "izhikevich-published", "true: u from the new v (the published code); false: from the old v (forward Euler)",
     get_published<&PublishedSchemeOptions::u_from_new_v>, set_published<&PublishedSchemeOptions::u_from_new_v>},
    {"reset_in_same_step", "method.published", "--reset-next-step", OptionType::flag, "", 0.0, 0.0, false, {}, false,
     "izhikevich-published",
     "true: reset in the step that crosses the cutoff (the published code); false: at the start of the next",
     get_published<&PublishedSchemeOptions::reset_in_same_step>,
     set_published<&PublishedSchemeOptions::reset_in_same_step>},
    {"v_substeps", "method.published", "--v-substeps", OptionType::integer, "", 1.0, 2.0, false, {}, false,
     "izhikevich-published", "Euler sub-steps for v per step (2 in the 2003 network code)",
     get_published<&PublishedSchemeOptions::v_substeps>, set_published<&PublishedSchemeOptions::v_substeps>},
}};

std::string_view type_name(OptionType type) {
  switch (type) {
    case OptionType::real: return "a number";
    case OptionType::integer: return "an integer";
    case OptionType::choice: return "one of the names";
    case OptionType::flag: return "true or false";
  }
  return "";
}

// The value converted to the option's type (an integer is a real too); InputError when it has another type.
OptionValue converted(const MethodOptionInfo& option, const OptionValue& value) {
  const auto refuse = [&] {
    return InputError(fmt::format("{} = {} has the wrong type; allowed: {}", option.name, to_string(value),
                                  allowed_values(option)));
  };
  switch (option.type) {
    case OptionType::real:
      if (const auto* integer = std::get_if<long long>(&value)) return static_cast<double>(*integer);
      if (!std::holds_alternative<double>(value)) throw refuse();
      return value;
    case OptionType::integer:
      if (!std::holds_alternative<long long>(value)) throw refuse();
      return value;
    case OptionType::choice:
      if (!std::holds_alternative<std::string>(value)) throw refuse();
      return value;
    case OptionType::flag:
      if (!std::holds_alternative<bool>(value)) throw refuse();
      return value;
  }
  throw refuse();
}

bool within_range(const MethodOptionInfo& option, const OptionValue& value) {
  if (option.type == OptionType::real || option.type == OptionType::integer) {
    const double number = option.type == OptionType::real ? std::get<double>(value)
                                                          : static_cast<double>(std::get<long long>(value));
    const bool above_min = option.min_exclusive ? number > option.min : number >= option.min;
    return std::isfinite(number) && above_min && number <= option.max;
  }
  if (option.type == OptionType::choice) {
    return std::ranges::find(option.choices, std::get<std::string>(value)) != option.choices.end();
  }
  return true;
}

void check_range(const MethodOptionInfo& option, const OptionValue& value) {
  if (within_range(option, value)) return;
  throw InputError(fmt::format("{} = {}{}{} is not allowed; allowed: {}", option.name, to_string(value),
                               option.unit.empty() ? "" : " ", option.unit, allowed_values(option)));
}

template <class Number>
bool parse_number(std::string_view text, Number& value) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc() && stop == end;
}

}  // namespace

std::span<const MethodOptionInfo> method_option_table() { return table; }

const MethodOptionInfo* find_method_option(std::string_view name) {
  const auto found = std::ranges::find(table, name, &MethodOptionInfo::name);
  return found == table.end() ? nullptr : &*found;
}

const MethodOptionInfo& method_option(std::string_view name) {
  if (const auto* option = find_method_option(name)) return *option;
  std::vector<std::string_view> names;
  for (const auto& option : table) names.push_back(option.name);
  throw InputError(fmt::format("method option '{}' is not known; allowed: {}", name, fmt::join(names, ", ")));
}

bool option_applies_to(const MethodOptionInfo& option, std::string_view method_name) {
  if (option.methods.empty()) return true;
  std::string_view rest = option.methods;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    if (rest.substr(0, space) == method_name) return true;
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  return false;
}

OptionValue default_value(const MethodOptionInfo& option) { return option.get(MethodOptions{}); }

std::string reading_methods(const MethodOptionInfo& option) {
  if (option.methods.empty()) return "every method";
  std::string names(option.methods);
  for (std::size_t space = names.find(' '); space != std::string::npos; space = names.find(' ', space + 2)) {
    names.replace(space, 1, ", ");
  }
  return names;
}

std::string allowed_values(const MethodOptionInfo& option) {
  const std::string unit = option.unit.empty() ? "" : fmt::format(" {}", option.unit);
  switch (option.type) {
    case OptionType::real:
      if (option.max == unbounded) {
        return fmt::format("a finite {} {} {:g}{}", option.name, option.min_exclusive ? ">" : ">=", option.min, unit);
      }
      return fmt::format("{:g} {} {} <= {:g}{}", option.min, option.min_exclusive ? "<" : "<=", option.name,
                         option.max, unit);
    case OptionType::integer:
      return option.max < 1e9 ? fmt::format("an integer from {:.0f} to {:.0f}", option.min, option.max)
                              : fmt::format("an integer from {:.0f} to {:g}", option.min, option.max);
    case OptionType::choice:
      return fmt::format("{}", fmt::join(option.choices, ", "));
    case OptionType::flag:
      return std::string(type_name(option.type));
  }
  return "";
}

OptionValue checked_option_value(const MethodOptionInfo& option, const OptionValue& value) {
  OptionValue typed = converted(option, value);
  check_range(option, typed);
  return typed;
}

OptionValue parse_option_text(const MethodOptionInfo& option, std::string_view text, std::string_view field) {
  const auto refuse = [&](std::string_view what) {
    return InputError(fmt::format("{} '{}' is not {}; allowed: {}", field, text, what, allowed_values(option)));
  };
  OptionValue value;
  switch (option.type) {
    case OptionType::real: {
      double number = 0.0;
      if (!parse_number(text, number)) throw refuse("a number");
      value = number;
      break;
    }
    case OptionType::integer: {
      long long number = 0;
      if (!parse_number(text, number)) throw refuse("an integer");
      value = number;
      break;
    }
    case OptionType::choice:
      value = std::string(text);
      break;
    case OptionType::flag:
      if (text != "true" && text != "false") throw refuse("true or false");
      value = text == "true";
      break;
  }
  if (!within_range(option, value)) throw refuse("allowed");
  return value;
}

void set_method_option(MethodOptions& options, std::string_view name, const OptionValue& value) {
  const MethodOptionInfo& option = method_option(name);
  option.set(options, checked_option_value(option, value));
}

void apply_method_options(MethodOptions& options, const MethodOptionSettings& given) {
  for (const auto& [name, value] : given) {
    const MethodOptionInfo& option = method_option(name);
    const OptionValue typed = checked_option_value(option, value);
    if (!option_applies_to(option, options.name) && typed != default_value(option)) {
      throw InputError(fmt::format("{} = {} is read by {}; method {} does not read it (allowed: leave it unset)",
                                   name, to_string(typed), reading_methods(option), options.name));
    }
    option.set(options, typed);
  }
}

void validate_method_options(const MethodOptions& options) {
  for (const auto& option : table) check_range(option, option.get(options));
}

std::string to_string(const OptionValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return fmt::format("'{}'", v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else {
          return fmt::format("{}", v);
        }
      },
      value);
}

}  // namespace neurodyn
