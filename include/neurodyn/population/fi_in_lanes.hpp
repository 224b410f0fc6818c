#pragma once
// The f-I curve (analysis/fi_curve.hpp) with its currents stepped together in lanes (population/sweep.hpp's
// engine): the same points as fi_curve, bit for bit, because each lane takes the single-neuron driver's steps,
// samples and located spikes. A current whose run fails, or would end on the runaway guard, is run again alone,
// so its point carries the single-neuron run's status and message.
#include <span>
#include <vector>

#include "neurodyn/analysis/fi_curve.hpp"

namespace neurodyn {

// Whether the protocol runs in lanes: a model whose equations evaluate per lane, a fixed-step explicit method
// (euler, midpoint, heun, rk4) with located spikes, and t_end on the method's grid.
bool fi_runs_in_lanes(const FiProtocol& protocol);

// fi_curve's points: in lanes where fi_runs_in_lanes, else by fi_curve itself. `threads`: 0 for all cores.
std::vector<FiPoint> fi_curve_in_lanes(const FiProtocol& protocol, std::span<const double> currents, unsigned threads);

}  // namespace neurodyn
