// The extension module _neurodyn_pinn: the PINN layer (LibTorch) apart from _neurodyn, so that `import neurodyn` does
// not load LibTorch; neurodyn.pinn imports it on first use (python/neurodyn/__init__.py).
#include "bindings.hpp"

namespace neurodyn::python {
void add_pinn(pybind11::module_& module);
}  // namespace neurodyn::python

PYBIND11_MODULE(_neurodyn_pinn, module) {
  module.doc() = "neurodyn's physics-informed neural networks (`neurodyn pinn`); loaded by neurodyn.pinn on first use.";
  neurodyn::python::register_errors(module);
  neurodyn::python::add_pinn(module);
}
