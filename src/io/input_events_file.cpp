#include "neurodyn/io/input_events_file.hpp"

#include <fmt/format.h>

#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

int target_index(std::string_view name, const ModelInfo& model, const std::filesystem::path& file, long line) {
  if (name == "I") return InputEvent::input_current;
  std::string allowed = "I";
  for (std::size_t i = 0; i < model.state_variables.size(); ++i) {
    if (model.state_variables[i].name == name) return static_cast<int>(i);
    allowed += fmt::format(", {}", model.state_variables[i].name);
  }
  throw InputError(fmt::format("{} line {}: target '{}' is not an input of model {}; allowed: {}", file.string(), line,
                               name, model.name, allowed));
}

}  // namespace

InputEvents read_input_events(const std::filesystem::path& file, std::string_view model_name, double current_decay_ms) {
  const ModelInfo& model = model_info(model_name);
  std::ifstream in = open_text_input(file, "events file");
  InputEvents events;
  events.current_decay = current_decay_ms;
  std::string text;
  long line = 0;
  while (std::getline(in, text)) {
    ++line;
    if (trimmed(text).empty() || text.front() == '#') continue;
    if (line == 1 && text.starts_with("time")) continue;
    const std::vector<std::string_view> fields = csv_fields(text);
    if (fields.size() != 3) {
      throw InputError(fmt::format("{} line {}: expected time_ms,target,weight; found {} fields", file.string(), line,
                                   fields.size()));
    }
    events.events.push_back({parse_number_field(fields[0], file, line, "time_ms"),
                             target_index(trimmed(fields[1]), model, file, line),
                             parse_number_field(fields[2], file, line, "weight")});
  }
  return events;
}

}  // namespace neurodyn
