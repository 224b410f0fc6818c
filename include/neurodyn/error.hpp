#pragma once
// Typed errors of the library. Every message names the offending field, its value and what is allowed,
// so the command line can print it as it is.
#include <stdexcept>
#include <string>

namespace neurodyn {

// A user input (parameter, option, config file, stimulus spec) is invalid.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file could not be read or written.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws InputError("FIELD = VALUE is out of range; allowed: [MIN, MAX]") unless min <= value <= max
// and value is finite. Used at every input boundary.
void require_in_range(const std::string& field, double value, double min, double max);

}  // namespace neurodyn
