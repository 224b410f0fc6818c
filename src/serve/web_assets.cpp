#include "neurodyn/serve/web_assets.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace neurodyn {

const WebAsset* find_web_asset(std::string_view path) {
  if (path == "/") path = "/index.html";
  const auto assets = web_assets();
  const auto found = std::find_if(assets.begin(), assets.end(), [&](const WebAsset& asset) { return asset.path == path; });
  return found == assets.end() ? nullptr : &*found;
}

std::string_view content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {"LICENSE", "text/plain; charset=utf-8"},
  }};
  for (const auto& [suffix, type] : types) {
    if (path.ends_with(suffix)) return type;
  }
  return "application/octet-stream";
}

}  // namespace neurodyn
