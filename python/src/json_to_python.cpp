#include "json_to_python.hpp"

#include <stdexcept>
#include <string>

namespace neurodyn::python {

namespace py = pybind11;

py::object to_python(const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null:
      return py::none();
    case Type::boolean:
      return py::bool_(value.get<bool>());
    case Type::number_integer:
      return py::int_(value.get<long long>());
    case Type::number_unsigned:
      return py::int_(value.get<unsigned long long>());
    case Type::number_float:
      return py::float_(value.get<double>());
    case Type::string:
      return py::str(value.get_ref<const std::string&>());
    case Type::array: {
      py::list list;
      for (const auto& item : value) list.append(to_python(item));
      return list;
    }
    case Type::object: {
      py::dict dict;
      for (const auto& [key, item] : value.items()) dict[py::str(key)] = to_python(item);
      return dict;
    }
    default:
      throw std::logic_error("to_python: a JSON value that is neither null, a number, text, array nor object");
  }
}

}  // namespace neurodyn::python
