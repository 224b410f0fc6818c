#include "neurodyn/io/unit_key.hpp"

#include "text_format.hpp"

namespace neurodyn {

std::string unit_key(std::string_view name, std::string_view unit) {
  const std::string_view symbol = unit_symbol(unit);
  if (symbol.empty() || symbol == "-") return std::string(name);
  std::string key(name);
  key += '_';
  for (const char c : symbol) {
    if (c == '/') {
      key += "_per_";
    } else if (c != '^' && c != ' ') {
      key += c;
    }
  }
  return key;
}

}  // namespace neurodyn
