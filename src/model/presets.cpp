// The preset catalog and the lookup by name, with suggestions for a misspelt name.
#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "preset_lists.hpp"

namespace neurodyn {
namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// Levenshtein distance: the fewest single-character insertions, deletions and substitutions.
std::size_t edit_distance(std::string_view from, std::string_view to) {
  std::vector<std::size_t> row(to.size() + 1);
  for (std::size_t j = 0; j <= to.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= from.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= to.size(); ++j) {
      const std::size_t substituted = diagonal + (from[i - 1] == to[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substituted});
    }
  }
  return row[to.size()];
}

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
    throw InputError(fmt::format("preset = '{}' is unknown; did you mean: {}?", preset_name, joined(close)));
  }
  throw InputError(fmt::format("preset = '{}' is unknown; known presets: {}", preset_name, joined(all)));
}

}  // namespace neurodyn
