#pragma once
// Inputs delivered at given times, as a synapse delivers them: at its time an event either adds its weight to a
// state variable (a delta synapse: v jumps by w mV) or to the input current (a current synapse). Current jumps
// persist (a step of the input) or decay exponentially with one time constant shared by all of them, so that
// the event current is I_syn(t) = sum over events with t_k <= t of w_k exp(-(t - t_k) / tau).
//
// The integrator treats each event time as a breakpoint: no step straddles one, the jump is applied exactly at
// its time, and the step after it starts from the new state. An event delivered at t therefore gives the same
// run as the same jump of the current written as a stimulus step starting at t.
#include <limits>
#include <vector>

namespace neurodyn {

struct InputEvent {
  // Which quantity jumps: the input current, or the state variable with this index (0 is v).
  static constexpr int input_current = -1;

  double time = 0.0;  // ms
  int target = input_current;
  double weight = 0.0;  // in the target's unit: the model's current unit, or the state variable's
};

struct InputEvents {
  // In any order; events at the same time add up. Only events in [t_start, t_end) act.
  std::vector<InputEvent> events;
  // ms; the time constant of the event current's exponential decay; +infinity: current jumps persist.
  double current_decay = std::numeric_limits<double>::infinity();

  bool empty() const { return events.empty(); }
};

}  // namespace neurodyn
