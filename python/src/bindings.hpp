#pragma once
// The parts of the extension module _neurodyn, each registered by a function of its own file.
#include <pybind11/pybind11.h>

namespace neurodyn::python {

// neurodyn::InputError -> ValueError, neurodyn::FileError and filesystem errors -> OSError, with the library's
// message unchanged (errors.cpp).
void register_errors(pybind11::module_& module);

// models(), presets(model=None), methods(): what exists, as plain lists of dicts (catalog.cpp).
void add_catalog(pybind11::module_& module);

// simulate(...) and its result class Result (simulate.cpp, simulation_result.cpp).
void add_simulate(pybind11::module_& module);

// fi_curve(...): the f-I curve of `neurodyn fi` as arrays (fi.cpp).
void add_fi(pybind11::module_& module);

// spike_statistics(...): the statistics `neurodyn stats` prints, of any spike train (spike_statistics.cpp).
void add_spike_statistics(pybind11::module_& module);

// efel_features(...): eFEL's features of any voltage trace, as `neurodyn recording features` (efel.cpp).
void add_efel(pybind11::module_& module);

// read_recording(path, ...): a recording's sweeps, command and epochs as dicts of arrays (recording.cpp).
void add_recording(pybind11::module_& module);

// phase_plane(...): the fixed points and bifurcation of `neurodyn phase`, and nullclines as arrays (phase.cpp).
void add_phase(pybind11::module_& module);

// compare(...): the solver comparison of `neurodyn compare` as columns, with a progress callback (compare.cpp).
void add_compare(pybind11::module_& module);

// network(...) and sweep(...): `neurodyn network` and `neurodyn sweep` in process, spikes as arrays (network.cpp,
// sweep.cpp).
void add_network(pybind11::module_& module);
void add_sweep(pybind11::module_& module);

}  // namespace neurodyn::python
