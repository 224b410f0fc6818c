#include "neurodyn/io/fi_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "neurodyn/analysis/fixed_points.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn {

namespace {
constexpr double default_t_end_ms = 1000.0;
constexpr const char* default_preset = "izh2003-RS";
}  // namespace

std::string_view to_string(FiStart start) { return start == FiStart::rest ? "rest" : "given"; }

FiStart parse_fi_start(std::string_view text) {
  if (text == "rest") return FiStart::rest;
  if (text == "given") return FiStart::given;
  throw InputError(fmt::format("start '{}' is not allowed; allowed: rest, given", text));
}

RunSettings with_fi_defaults(RunSettings settings) {
  if (!settings.preset && !settings.model) settings.preset = default_preset;
  if (!settings.t_end) settings.t_end = default_t_end_ms;
  return settings;
}

std::vector<double> fi_currents(std::vector<double> currents) {
  std::ranges::sort(currents);
  currents.erase(std::unique(currents.begin(), currents.end()), currents.end());
  if (currents.empty()) throw InputError("the currents are empty; allowed: one current or more");
  return currents;
}

FiProtocol fi_protocol(const EffectiveRun& run, const FiChoices& choices) {
  FiProtocol protocol{run.problem.model, run.initial_state, run.t_end, run.t_end / 2.0, run.t_end, run.method};
  protocol.detector = choices.detector;
  protocol.peak_prominence = choices.peak_prominence;
  if (choices.window) std::tie(protocol.window_start_ms, protocol.window_end_ms) = *choices.window;
  if (choices.start == FiStart::rest) {
    const auto rest = resting_state(run.problem.model, 0.0);
    if (!rest) {
      throw InputError(fmt::format(
          "start rest: model {} has no stable resting state at I = 0; start from the state given (v0, u0)", run.model));
    }
    protocol.initial_state = rest->state;
  }
  validate(protocol);
  return protocol;
}

}  // namespace neurodyn
