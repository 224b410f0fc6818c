#pragma once
// Opening a text file a user names (a stimulus table, a trace, a spike list) with its size known first: a
// directory, a device such as /dev/zero, a pipe or a file over max_text_input_bytes is refused before a byte
// is read, so no input can make a reader hold more memory than the file's size.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

namespace neurodyn {

constexpr std::uintmax_t max_text_input_bytes = std::uintmax_t{1} << 30;  // 1 GiB

// Throws FileError naming `what`, the path and the system's reason when it does not exist or cannot be examined,
// and InputError saying what it is (a directory, a character device, a pipe, ...) and `allowed` when it is not a
// regular file.
void require_regular_file(const std::filesystem::path& path, std::string_view what, std::string_view allowed);

// Opens `path` for reading. Throws InputError naming `what` and the path for a directory, something other
// than a regular file, or a file over max_text_input_bytes (with its size); FileError with the system's
// reason when it cannot be read (missing, no permission).
std::ifstream open_text_input(const std::filesystem::path& path, std::string_view what);

// The comma-separated fields of one line of a table of numbers and names (no quoting).
std::vector<std::string_view> csv_fields(std::string_view line);

// A field (spaces and a trailing carriage return ignored) as a finite number. Throws InputError naming the
// file, the line, the column and the text.
double parse_number_field(std::string_view text, const std::filesystem::path& file, long line,
                          std::string_view column);

}  // namespace neurodyn
