#pragma once
// The keyword arguments of simulate() as the library's own description of a run (io/run_config.hpp), so that
// resolve() checks them exactly as it checks the flags of `neurodyn simulate`.
#include <pybind11/pybind11.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "neurodyn/io/run_config.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn::python {

// What simulate() was asked, converted while the GIL is held.
struct SimulateArguments {
  RunSettings settings;                        // the --config file's settings overlaid by the keyword arguments
  std::optional<CurrentTable> stimulus_table;  // stimulus=(t_ms, I): replaces the spec (simulate.cpp)
  long long record_every = 1;                  // keep one trace sample in k steps
  bool spikes_only = false;                    // record="spikes": nothing kept per step
};

// Everything but the stimulus and the method options, as the flags of the same names give them.
struct RunKeywords {
  std::optional<std::filesystem::path> config;
  std::optional<std::string> preset, model, method, record;
  std::optional<std::map<std::string, double>> params;
  std::optional<double> v0, u0, t_end, output_step, event_decay;
  std::optional<std::filesystem::path> events;
  std::optional<long long> record_every;
};

// The keywords that name a single-neuron problem, as the functions taking one spell them.
RunKeywords problem_keywords(std::optional<std::string> preset, std::optional<std::string> model,
                             std::optional<std::map<std::string, double>> params, std::optional<double> v0,
                             std::optional<double> u0, std::optional<double> t_end,
                             std::optional<std::filesystem::path> config = std::nullopt);

// `stimulus`: None, a spec (str) or a pair (t_ms, I) of 1-D arrays; `method_options`: the remaining keyword
// arguments, each a method option by its name (dt=0.01, rtol=1e-8, spikes="grid"). Throws InputError naming the
// argument for a value of the wrong kind, FileError for an unreadable config.
SimulateArguments simulate_arguments(const RunKeywords& keywords, pybind11::handle stimulus,
                                     const pybind11::kwargs& method_options);

// The run the arguments describe: resolve(settings), with the array stimulus in place of the spec when given.
// Throws what resolve() throws.
EffectiveRun resolve_run(const SimulateArguments& arguments);

}  // namespace neurodyn::python
