#pragma once
// Three currents where firing begins, which are different numbers and must not be confused with each other or
// with the bifurcation current of the rest (bifurcations.hpp):
//   rheobase                the smallest step of current, applied to the resting state at I = 0, that elicits
//                           at least one spike within the run (a transient spike may come below the
//                           bifurcation current, so the rheobase of an Izhikevich cell lies below it);
//   sustained-firing onset  the smallest current at which the f-I protocol (its own initial state and window)
//                           fires on in the steady window: at least two spikes there;
//   bistable range          currents where sweeping the current up (each run starting from the state where
//                           the previous one ended) and down gives different steady rates (hysteresis.hpp).
// All are found by bisection on the current to a stated tolerance; bisection assumes that the property holds
// above the returned current and not below it within the bracket. Currents in model units, times in ms.
#include <optional>
#include <span>
#include <vector>

#include "neurodyn/analysis/fi_curve.hpp"

namespace neurodyn {

// The result of a bisection: the property fails at `below` and holds at `above`, above - below <= tolerance.
struct CurrentBracket {
  double below = 0.0;
  double above = 0.0;
};

struct RheobaseOptions {
  double duration_ms = 1000.0;  // the length of each run: a spike later than this does not count
  double tolerance = 1e-6;      // of the bracket, relative to the rheobase (absolute below 1 model unit)
  // The largest current tried: the search doubles a trial current from 1 model unit up to it.
  double max_current = 1e6;
  MethodOptions method;  // rk4 with located spikes at dt = 0.01 ms by default
};

struct Rheobase {
  double current = 0.0;  // the smallest current found to spike (bracket.above)
  CurrentBracket bracket;
  std::vector<double> rest;     // the resting state at I = 0 that every run starts from
  double first_spike_ms = 0.0;  // latency of the spike at `current`
};

// Throws InputError when the model has no stable resting state at I = 0, rests without spiking at every
// current up to max_current, or an option is out of range; a run that fails numerically throws InputError
// naming the current and the solver's status and message (a runaway burst counts as firing).
Rheobase rheobase(const AnyModel& model, const RheobaseOptions& options = {});

// The onset of sustained firing between two points of a sweep (ascending currents, as fi_curve returns them
// for ascending input): the first adjacent pair whose lower point has fewer than two spikes in the window and
// whose upper point has two or more, refined by bisection to `tolerance` (absolute, model units). None when
// the sweep has no such pair. Throws InputError for currents that do not increase, or a run that fails.
// A rate below about one ISI per window is not seen: where the rate falls continuously to 0 (near a
// saddle-node on an invariant circle, as in the 2007 RS cell) the onset found lies above the bifurcation, by the
// current whose ISI equals the window.
std::optional<CurrentBracket> sustained_firing_onset(const FiProtocol& protocol, std::span<const FiPoint> sweep,
                                                     double tolerance);

}  // namespace neurodyn
