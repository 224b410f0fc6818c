// The library's typed errors as Python exceptions, so a bad input reads in Python as on the command line.
#include <exception>
#include <filesystem>

#include "bindings.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn::python {

void register_errors(pybind11::module_&) {
  pybind11::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const InputError& input) {
      PyErr_SetString(PyExc_ValueError, input.what());
    } catch (const FileError& file) {
      PyErr_SetString(PyExc_OSError, file.what());
    } catch (const std::filesystem::filesystem_error& file) {
      PyErr_SetString(PyExc_OSError, file.what());
    }
  });
}

}  // namespace neurodyn::python
