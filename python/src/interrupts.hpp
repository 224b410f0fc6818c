#pragma once
// Ctrl-C in Python while a run holds no GIL: Python's SIGINT handler only notes the signal. The progress hook of a
// long run (network, sweep, compare, fit, pinn), installed with or without a callback, takes the GIL and runs the
// handlers noted first: the KeyboardInterrupt raised there stops the run as an exception of the callback does, and
// reaches the caller.
#include <pybind11/pybind11.h>

namespace neurodyn::python {

// With the GIL held: throws error_already_set when a signal handler raised (KeyboardInterrupt after Ctrl-C).
inline void raise_pending_interrupt() {
  if (PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
}

}  // namespace neurodyn::python
