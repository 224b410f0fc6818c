// The extension module _neurodyn_fit: the fit layer (pagmo, NLopt) apart from _neurodyn, so that `import neurodyn`
// does not load those libraries; neurodyn.fit imports it on first use (python/neurodyn/__init__.py).
#include "bindings.hpp"

namespace neurodyn::python {
void add_fit(pybind11::module_& module);
}  // namespace neurodyn::python

PYBIND11_MODULE(_neurodyn_fit, module) {
  module.doc() = "neurodyn's model fitting (`neurodyn fit`); loaded by neurodyn.fit on first use.";
  neurodyn::python::register_errors(module);
  neurodyn::python::add_fit(module);
}
