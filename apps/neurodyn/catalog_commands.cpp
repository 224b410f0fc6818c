// `neurodyn models [NAME]`, `neurodyn presets [MODEL]`, `neurodyn methods`: what exists, from the library's
// catalogs, as tables on stdout.
#include <fmt/format.h>

#include <algorithm>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/solve/method_options.hpp"
#include "table.hpp"

namespace neurodyn::cli {
namespace {

std::string state_variable_list(const ModelInfo& model) {
  std::vector<std::string> names;
  for (const auto& variable : model.state_variables) {
    names.push_back(variable.unit.empty() ? std::string(variable.name)
                                          : fmt::format("{} [{}]", variable.name, variable.unit));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string unit_or_dash(std::string_view unit) { return unit.empty() ? "-" : std::string(unit); }

void list_models() {
  std::vector<TableRow> rows;
  for (const auto& model : model_catalog()) {
    rows.push_back({std::string(model.name), std::string(model.title), unit_or_dash(model.current_unit),
                    state_variable_list(model)});
  }
  print_table(std::cout, {"name", "title", "current unit", "state variables"}, rows);
  std::cout << "\n`neurodyn models NAME` shows a model's parameters.\n";
}

void describe_model(const std::string& name) {
  const ModelInfo& model = model_info(name);
  std::cout << fmt::format(
      "{}: {}\n{}\ncurrent unit: {}\nstate variables: {}\n{}\n\n", model.name, model.title, model.citation,
      unit_or_dash(model.current_unit), state_variable_list(model),
      model.has_reset ? "spike: guard crossing, then reset" : "spike: threshold crossing, no reset");
  std::vector<TableRow> rows;
  for (const auto& parameter : model.parameters) {
    // The fitting range: where `neurodyn fit` searches by default ("-": not freed unless asked for).
    const auto range = std::ranges::find_if(model.fitting_ranges,
                                            [&](const FittingRange& r) { return r.name == parameter.name; });
    rows.push_back({std::string(parameter.name), unit_or_dash(parameter.unit),
                    fmt::format("{:g}", parameter.default_value), fmt::format("{:g}", parameter.min),
                    fmt::format("{:g}", parameter.max),
                    range == model.fitting_ranges.end() ? "-" : fmt::format("{:g} to {:g}", range->min, range->max),
                    std::string(parameter.meaning)});
  }
  print_table(std::cout, {"parameter", "unit", "default", "min", "max", "fit range", "meaning"}, rows);
  std::cout << "\nfit range: where `neurodyn fit` searches by default; the parameters without one stay fixed.\n";
}

std::string optional_text(const auto& value) { return value ? fmt::format("{}", *value) : "-"; }

// The presets of a model (`izh2003`) or of a family (`izh2004`, the prefix before a preset's '-'), or all.
void list_presets(const std::optional<std::string>& model_or_family) {
  const auto selected = [&](const Preset& preset) {
    return !model_or_family || preset.model == *model_or_family || preset.name.starts_with(*model_or_family + "-");
  };
  if (model_or_family && std::ranges::none_of(preset_catalog(), selected)) {
    model_info(*model_or_family);  // neither: an InputError listing the known models
  }
  std::vector<TableRow> rows;
  for (const auto& preset : preset_catalog()) {
    if (!selected(preset)) continue;
    rows.push_back({preset.name, preset.model, optional_text(preset.published_dt_ms),
                    optional_text(preset.published_spike_count), preset.description});
  }
  print_table(std::cout, {"preset", "model", "published dt (ms)", "published spikes", "description"}, rows);
}

void list_methods() {
  std::vector<TableRow> rows;
  for (const auto& method : method_catalog()) {
    rows.push_back({std::string(method.name), method.order > 0 ? std::to_string(method.order) : "-",
                    method.adaptive ? "adaptive" : "fixed", method.implicit ? "yes" : "no", std::string(method.title)});
  }
  print_table(std::cout, {"method", "order", "step", "Jacobian", "title"}, rows);
  std::cout << '\n';
  for (const auto& method : method_catalog()) std::cout << fmt::format("{}: {}\n", method.name, method.description);

  std::cout << "\nOptions (flag; the key of the same name in [method] or [method.published] of a config, and of "
               "the HTTP API):\n";
  std::vector<TableRow> options;
  for (const MethodOptionInfo& option : method_option_table()) {
    options.push_back({std::string(option.flag), std::string(option.section), std::string(option.name),
                       to_string(default_value(option)), reading_methods(option),
                       std::string(option.meaning)});
  }
  print_table(std::cout, {"flag", "section", "key", "default", "methods", "meaning"}, options);
}

}  // namespace

void add_catalog_commands(CLI::App& app) {
  auto model = std::make_shared<std::optional<std::string>>();
  auto* models = app.add_subcommand("models", "List the models, or show one model's parameter table");
  models->add_option("NAME", *model, "a model name");
  models->callback([model] {
    if (*model) {
      describe_model(**model);
    } else {
      list_models();
    }
  });

  auto preset_model = std::make_shared<std::optional<std::string>>();
  auto* presets = app.add_subcommand(
      "presets", "List the presets (published configurations): all, one model's, or one family's (izh2004)");
  presets->add_option("MODEL", *preset_model, "only this model's presets, or this family's (the name before '-')");
  presets->callback([preset_model] { list_presets(*preset_model); });

  app.add_subcommand("methods", "List the numerical methods and their options")->callback(list_methods);
}

}  // namespace neurodyn::cli
