#include "neurodyn/text_excerpt.hpp"

namespace neurodyn {

std::string printable_excerpt(std::string_view text, std::size_t max_characters) {
  std::string excerpt;
  for (const char c : text.substr(0, max_characters)) {
    const auto byte = static_cast<unsigned char>(c);
    excerpt.push_back(c == '\t' ? ' ' : byte >= 0x20 && byte < 0x7f ? c : '?');
  }
  if (text.size() > max_characters) excerpt += "...";
  return excerpt;
}

}  // namespace neurodyn
