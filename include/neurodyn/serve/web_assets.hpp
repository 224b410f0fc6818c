#pragma once
// The files of the explorer page (web/), compiled into the library at build time (cmake/embed_files.cmake),
// so the server needs no files at run time and serves nothing from the file system.
#include <span>
#include <string_view>

namespace neurodyn {

struct WebAsset {
  std::string_view path;     // below web/, with a leading '/': "/index.html", "/vendor/uplot/uPlot.min.css"
  std::string_view content;  // the file's bytes
};

// Every file under web/, sorted by path.
std::span<const WebAsset> web_assets();

// The asset at `path` ("/" is "/index.html"), or nullptr.
const WebAsset* find_web_asset(std::string_view path);

// The Content-Type for a path by its extension ("text/html; charset=utf-8", ...; "application/octet-stream"
// for an unknown one).
std::string_view content_type_for(std::string_view path);

}  // namespace neurodyn
