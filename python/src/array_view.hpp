#pragma once
// Read-only numpy views on memory owned by a Python object.
#include <pybind11/numpy.h>

#include <cstddef>

namespace neurodyn::python {

// A 1-D float64 array of `count` values, one every `stride` doubles from `data`, that keeps `owner` alive (its
// base) and refuses writes. `data` must live as long as `owner`.
pybind11::array_t<double> read_only_view(const double* data, std::size_t count, std::size_t stride,
                                         pybind11::handle owner);

}  // namespace neurodyn::python
