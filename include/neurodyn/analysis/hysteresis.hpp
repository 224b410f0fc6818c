#pragma once
// Hysteresis of the f-I curve (bistability of rest and firing, or of two firing modes): the currents are swept
// up, each run starting from the state where the previous one ended, and down the same way from the state
// reached at the top current; where the two steady rates differ, two stable behaviours coexist.
// The up sweep starts from the protocol's initial state; the down sweep from the final state of a run at the
// top current from that initial state. The two sweeps run in parallel. A bistable range can be narrower than
// the spacing of the currents asked for (the 2003 RS cell's is 0.025 wide near 3.8): between two neighbours
// where a sweep starts or stops firing, or where the sweeps start or stop agreeing, more currents are swept
// (each from its neighbour's state), twice over, and the points list them too. Currents in model units, rates
// in Hz.
#include <span>
#include <utility>
#include <vector>

#include "neurodyn/analysis/fi_curve.hpp"

namespace neurodyn {

struct HysteresisOptions {
  // Two steady rates differ when |up - down| > max(absolute_hz, relative * max(up, down)).
  double absolute_hz = 0.5;
  double relative = 0.02;
  int points_per_interval = 15;  // currents added between neighbours with a transition; >= 1
  int refinement_levels = 2;     // times the refinement is repeated inside the new intervals; >= 0
};

struct HysteresisPoint {
  double current = 0.0;
  double up_rate_hz = 0.0;    // steady_rate_hz of the up sweep (fi_curve.hpp)
  double down_rate_hz = 0.0;  // steady_rate_hz of the down sweep
  bool differs = false;
};

struct Hysteresis {
  std::vector<HysteresisPoint> points;  // ascending current: those asked for and those added to refine
  // Each maximal run of adjacent currents where the rates differ, as [lowest, highest] current of the run.
  std::vector<std::pair<double, double>> bistable_ranges;
};

// `currents` must be strictly increasing (InputError otherwise). A run that fails numerically throws
// InputError with its message: a sweep cannot go on without its state.
Hysteresis hysteresis(const FiProtocol& protocol, std::span<const double> currents,
                      const HysteresisOptions& options = {});

}  // namespace neurodyn
