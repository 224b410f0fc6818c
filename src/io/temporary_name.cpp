#include "temporary_name.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace neurodyn {

namespace {

constexpr std::string_view temporary_marker = ".tmp-";

}  // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& target) {
  const auto directory = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  return directory / fmt::format(".{}{}{}", target.filename().string(), temporary_marker, ::getpid());
}

std::optional<pid_t> temporary_owner(std::string_view entry_name) {
  const auto marker = entry_name.rfind(temporary_marker);
  // A leading dot, then a name of at least one character, then the marker.
  if (!entry_name.starts_with('.') || marker == std::string_view::npos || marker < 2) return std::nullopt;
  const std::string_view digits = entry_name.substr(marker + temporary_marker.size());
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || pid <= 0) return std::nullopt;
  return pid;
}

bool is_stale_temporary(std::string_view entry_name) {
  const auto owner = temporary_owner(entry_name);
  return owner && ::kill(*owner, 0) != 0 && errno == ESRCH;
}

}  // namespace neurodyn
