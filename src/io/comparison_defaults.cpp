#include "neurodyn/io/comparison_output.hpp"

namespace neurodyn {

RunSettings with_comparison_defaults(RunSettings settings) {
  if (!settings.preset && !settings.model) settings.preset = "izh2007-RS";
  return settings;
}

}  // namespace neurodyn
