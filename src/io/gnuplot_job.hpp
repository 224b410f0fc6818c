#pragma once
// One run of gnuplot: a script with its data inline (datablocks), written to a temporary file in the
// output directory and run as `gnuplot SCRIPT`, its messages read back through a pipe. gnuplot dies with
// this process (tied_program.hpp). Every image goes to a temporary name and is renamed onto its target
// only when gnuplot succeeded. The commands draw into a result folder's temporary folder
// (neurodyn/io/result_folder.hpp), so whatever a killed run leaves there vanishes with it.
#include <fmt/format.h>

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pending_output.hpp"

namespace neurodyn {

// A gnuplot string literal: in single quotes, in which only a doubled quote is special; in double quotes
// with escapes when the text has line breaks.
std::string gnuplot_quote(std::string_view text);

class GnuplotJob {
 public:
  // Throws FileError if gnuplot is not on PATH.
  GnuplotJob();

  fmt::memory_buffer& script() { return script_; }

  // Declares an image the script writes; returns the quoted temporary name for `set output`.
  std::string add_output(const std::filesystem::path& target);

  // `$name << EOD`, one row per sample (columns side by side, all of one length), `EOD`. A blank line goes
  // before each row listed in `blank_line_before` (sorted): it breaks a line plot, or ends a row of a grid.
  void add_datablock(std::string_view name, const std::vector<std::span<const double>>& columns,
                     std::span<const std::size_t> blank_line_before = {});

  // Runs gnuplot and renames the images onto their targets. Throws FileError with gnuplot's messages if it
  // fails, or if an image was not produced. The script's temporary file lies beside the first image.
  void run();

 private:
  std::filesystem::path gnuplot_;
  fmt::memory_buffer script_;
  std::vector<PendingOutput> outputs_;
};

}  // namespace neurodyn
