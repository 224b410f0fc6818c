// The extension module _neurodyn, imported by the package neurodyn (python/neurodyn/__init__.py).
#include "bindings.hpp"

PYBIND11_MODULE(_neurodyn, module) {
  module.doc() =
      "neurodyn's engine: models, presets, methods, simulate, f-I curves, spike statistics, eFEL features, recordings, "
      "phase planes. "
      "Times in "
      "ms, voltages in mV, currents in the "
      "model's current unit (see models()).";
  neurodyn::python::register_errors(module);
  neurodyn::python::add_catalog(module);
  neurodyn::python::add_simulate(module);
  neurodyn::python::add_fi(module);
  neurodyn::python::add_spike_statistics(module);
  neurodyn::python::add_efel(module);
  neurodyn::python::add_recording(module);
  neurodyn::python::add_phase(module);
  neurodyn::python::add_compare(module);
  neurodyn::python::add_network(module);
  neurodyn::python::add_sweep(module);
}
