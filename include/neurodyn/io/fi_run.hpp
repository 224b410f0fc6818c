#pragma once
// The run of an f-I curve as `neurodyn fi` and the Python module's fi_curve() set it up: the defaults of the
// run (the 2003 RS cell, 1000 ms) and the protocol from the resolved run (analysis/fi_curve.hpp): every point
// from the resting state at I = 0 or from the run's own initial state, rates from the second half of the run
// unless a window is given. Times in ms, the prominence in units of v.
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "neurodyn/analysis/fi_curve.hpp"
#include "neurodyn/io/run_config.hpp"

namespace neurodyn {

// Where every run of the curve starts: the stable resting state at I = 0, or the run's initial state as given
// (flags, config, preset or the model's default).
enum class FiStart { rest, given };

// "rest", "given"; the parser throws InputError naming the text and the allowed ones.
std::string_view to_string(FiStart start);
FiStart parse_fi_start(std::string_view text);

// How the curve is measured besides the run.
struct FiChoices {
  FiStart start = FiStart::rest;
  std::optional<std::pair<double, double>> window;  // ms; default [t_end / 2, t_end]
  SpikeDetector detector = SpikeDetector::events;
  double peak_prominence = FiProtocol{}.peak_prominence;
};

// The settings with the defaults of an f-I curve: preset izh2003-RS unless a preset or a model is given,
// t_end 1000 ms unless given.
RunSettings with_fi_defaults(RunSettings settings);

// The currents of a curve: sorted, duplicates dropped. Throws InputError when there are none.
std::vector<double> fi_currents(std::vector<double> currents);

// The protocol of the curve of `run`. Throws InputError when start is rest and the model has no stable resting
// state at I = 0, and as validate(FiProtocol) does.
FiProtocol fi_protocol(const EffectiveRun& run, const FiChoices& choices);

}  // namespace neurodyn
