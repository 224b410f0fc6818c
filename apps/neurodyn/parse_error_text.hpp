#pragma once
// The message of a command-line parse error as a user needs it: the unknown flag or command named with the
// closest known one ("did you mean --t-end?"), and a value that is not of the flag's type with what the flag
// takes. CLI11's own text names neither.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace neurodyn::cli {

// `arguments` are the command line after the program name.
std::string parse_error_text(const CLI::App& app, const CLI::ParseError& error, const std::vector<std::string>& arguments);

}  // namespace neurodyn::cli
