#include "array_view.hpp"

#include <vector>

namespace neurodyn::python {

namespace py = pybind11;

py::array_t<double> read_only_view(const double* data, std::size_t count, std::size_t stride, py::handle owner) {
  // An empty vector may have no storage: numpy then allocates its own (empty) array.
  static const double no_data = 0.0;
  const auto strides = std::vector<py::ssize_t>{static_cast<py::ssize_t>(stride * sizeof(double))};
  py::array_t<double> view({static_cast<py::ssize_t>(count)}, strides, data ? data : &no_data, owner);
  py::detail::array_proxy(view.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return view;
}

}  // namespace neurodyn::python
