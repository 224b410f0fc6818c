// The preset catalog and the lookup by name, with suggestions for a misspelt name.
#include <algorithm>
#include <fmt/format.h>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/text_distance.hpp"
#include "preset_lists.hpp"

namespace neurodyn {
namespace {

// Close names: within two edits of the query, or starting with it (ignoring case).
bool is_close(std::string_view query, std::string_view name) {
  const std::string lower_query = lowercase(query), lower_name = lowercase(name);
  return edit_distance(lower_query, lower_name) <= 2 || lower_name.starts_with(lower_query);
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string text;
  for (std::string_view name : names) text += fmt::format("{}{}", text.empty() ? "" : ", ", name);
  return text;
}

}  // namespace

const std::vector<Preset>& preset_catalog() {
  static const std::vector<Preset> catalog = [] {
    std::vector<Preset> presets = detail::izhikevich_presets();
    std::ranges::move(detail::other_presets(), std::back_inserter(presets));
    return presets;
  }();
  return catalog;
}

const Preset& find_preset(std::string_view preset_name) {
  std::vector<std::string_view> close, all;
  for (const Preset& preset : preset_catalog()) {
    if (preset.name == preset_name) return preset;
    all.push_back(preset.name);
    if (!preset_name.empty() && is_close(preset_name, preset.name)) close.push_back(preset.name);
  }
  if (!close.empty()) {
    // Nearest first; a name that differs only in case alone.
    const std::string query = lowercase(preset_name);
    std::ranges::stable_sort(close, {}, [&](std::string_view name) { return edit_distance(query, lowercase(name)); });
    if (lowercase(close.front()) == query) close.resize(1);
    throw InputError(fmt::format("preset = '{}' is unknown; did you mean: {}?", preset_name, joined(close)));
  }
  throw InputError(fmt::format("preset = '{}' is unknown; known presets: {}", preset_name, joined(all)));
}

}  // namespace neurodyn
