#include <fmt/format.h>

#include "neurodyn/error.hpp"
#include "neurodyn/io/network_config.hpp"

namespace neurodyn {

namespace {

NetworkSemantics parse_semantics(const std::string& text) {
  if (text == "converged") return NetworkSemantics::converged;
  if (text == "published") return NetworkSemantics::published;
  throw InputError(fmt::format("semantics '{}' is not allowed; allowed: converged, published", text));
}

NetworkSpec chosen_network(const NetworkChoices& choices) {
  if (static_cast<int>(choices.config.has_value()) + static_cast<int>(choices.config_text.has_value()) +
          static_cast<int>(choices.preset.has_value()) >
      1) {
    throw InputError("a config file, config text and a preset exclude each other; give one");
  }
  if (choices.config) return read_network_config(*choices.config);
  if (choices.config_text) return parse_network_config(*choices.config_text, "network config text");
  const std::string preset = choices.preset.value_or(std::string(izh2003_network_preset));
  if (preset != izh2003_network_preset) {
    throw InputError(fmt::format("preset '{}' is not a network preset; allowed: {}", preset, izh2003_network_preset));
  }
  return izhikevich2003_network(NetworkSemantics::converged);
}

}  // namespace

NetworkSpec network_spec(const NetworkChoices& choices) {
  NetworkSpec spec = chosen_network(choices);
  if (choices.semantics) spec.semantics = parse_semantics(*choices.semantics);
  if (choices.seed) spec.seed = *choices.seed;
  if (choices.duration_ms) spec.duration_ms = *choices.duration_ms;
  if (choices.threads) spec.threads = *choices.threads;
  validate(spec);
  return spec;
}

}  // namespace neurodyn
