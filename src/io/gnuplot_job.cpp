#include "gnuplot_job.hpp"

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <system_error>

#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "text_buffer.hpp"
#include "tied_program.hpp"

namespace neurodyn {

namespace {

// What `command -v NAME` finds: the first executable NAME in the directories of PATH.
std::optional<std::filesystem::path> find_on_path(std::string_view name) {
  const char* path = std::getenv("PATH");
  std::string_view directories = path ? path : "";
  while (!directories.empty()) {
    const auto end = directories.find(':');
    const auto directory = directories.substr(0, end);
    directories = end == std::string_view::npos ? std::string_view() : directories.substr(end + 1);
    if (directory.empty()) continue;
    const auto candidate = std::filesystem::path(directory) / name;
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string gnuplot_quote(std::string_view text) {
  if (text.find('\n') == std::string_view::npos) {
    std::string quoted = "'";
    for (const char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return quoted + "'";
  }
  // Only double-quoted strings know "\n"; there backslash and double quote are escaped.
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '\n') {
      quoted += "\\n";
    } else {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
  }
  return quoted + "\"";
}

GnuplotJob::GnuplotJob() {
  const auto found = find_on_path("gnuplot");
  if (!found) {
    throw FileError(
        "cannot draw figures: gnuplot was not found on PATH (install gnuplot, e.g. the Debian package "
        "gnuplot-nox, or skip figures)");
  }
  gnuplot_ = *found;
}

std::string GnuplotJob::add_output(const std::filesystem::path& target) {
  outputs_.emplace_back(target);
  return gnuplot_quote(outputs_.back().temporary().string());
}

void GnuplotJob::add_datablock(std::string_view name, const std::vector<std::span<const double>>& columns,
                               std::span<const std::size_t> blank_line_before) {
  append(script_, "${} << EOD\n", name);
  const std::size_t rows = columns.empty() ? 0 : columns.front().size();
  auto next_break = blank_line_before.begin();
  for (std::size_t row = 0; row < rows; ++row) {
    if (next_break != blank_line_before.end() && *next_break == row) {
      append(script_, "\n");
      ++next_break;
    }
    for (std::size_t column = 0; column < columns.size(); ++column) {
      append(script_, "{}{:.9g}", column == 0 ? "" : " ", columns[column][row]);
    }
    append(script_, "\n");
  }
  append(script_, "EOD\n");
}

void GnuplotJob::run() {
  const auto script_path =
      outputs_.empty() ? std::filesystem::path("figures.gp") : outputs_.front().target().parent_path() / "figures.gp";
  // Written and removed here; AtomicFile's temporary name keeps it hidden from the results meanwhile.
  AtomicFile script(script_path);
  script.stream().write(script_.data(), static_cast<std::streamsize>(script_.size()));
  script.stream().flush();
  if (!script.stream()) {
    throw FileError(fmt::format("cannot write the gnuplot script {}", script.temporary().string()));
  }

  ProgramRun gnuplot = run_tied_program(gnuplot_, {script.temporary().string()});
  if (gnuplot.exit_status != 0) {
    // gnuplot quotes the offending line; its last messages say what went wrong.
    std::string& messages = gnuplot.output;
    constexpr std::size_t message_tail = 2000;
    if (messages.size() > message_tail) messages = "..." + messages.substr(messages.size() - message_tail);
    throw FileError(fmt::format("gnuplot failed (exit status {}) drawing {}:\n{}", gnuplot.exit_status,
                                outputs_.empty() ? std::string("nothing") : outputs_.front().target().string(),
                                messages));
  }
  for (auto& output : outputs_) output.commit();
}

}  // namespace neurodyn
