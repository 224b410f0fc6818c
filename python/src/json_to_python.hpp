#pragma once
// JSON documents of the library (the HTTP API's catalogs and statistics) as plain Python objects.
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace neurodyn::python {

// null -> None, booleans, integers, floats and strings as such, arrays -> list, objects -> dict.
pybind11::object to_python(const nlohmann::json& value);

}  // namespace neurodyn::python
