#pragma once
// What simulate() returns: the effective run and its Solution, owned by the Python object Result, whose arrays
// are read-only views on the Solution's vectors (no copies) that keep the Result alive.
#include <pybind11/pybind11.h>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solution.hpp"

namespace neurodyn::python {

struct SimulationResult {
  EffectiveRun run;
  Solution solution;
};

// The class Result: t, v, state, spikes, status, ok, message, stats, spike_statistics, firing_pattern, config.
void add_result_class(pybind11::module_& module);

}  // namespace neurodyn::python
