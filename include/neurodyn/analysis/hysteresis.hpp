#pragma once
// Hysteresis of the f-I curve (bistability of rest and firing, or of two firing modes): the currents are swept
// up, each run starting from the state where the previous one ended, and down the same way from the state
// reached at the top current; where the two steady rates differ, two stable behaviours coexist.
// The up sweep starts from the protocol's initial state; the down sweep from the final state of a run at the
// top current from that initial state. The two sweeps run in parallel. Currents in model units, rates in Hz.
#include <span>
#include <utility>
#include <vector>

#include "neurodyn/analysis/fi_curve.hpp"

namespace neurodyn {

struct HysteresisOptions {
  // Two steady rates differ when |up - down| > max(absolute_hz, relative * max(up, down)).
  double absolute_hz = 0.5;
  double relative = 0.02;
};

struct HysteresisPoint {
  double current = 0.0;
  double up_rate_hz = 0.0;    // steady_rate_hz of the up sweep (fi_curve.hpp)
  double down_rate_hz = 0.0;  // steady_rate_hz of the down sweep
  bool differs = false;
};

struct Hysteresis {
  std::vector<HysteresisPoint> points;  // ascending current
  // Each maximal run of adjacent currents where the rates differ, as [lowest, highest] current of the run.
  std::vector<std::pair<double, double>> bistable_ranges;
};

// `currents` must be strictly increasing (InputError otherwise). A run that fails numerically throws
// InputError with its message: a sweep cannot go on without its state.
Hysteresis hysteresis(const FiProtocol& protocol, std::span<const double> currents,
                      const HysteresisOptions& options = {});

}  // namespace neurodyn
