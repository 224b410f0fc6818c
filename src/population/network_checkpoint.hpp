#pragma once
// A network run's checkpoint (simulate_network's RunCheckpoint): what it takes to continue from a bin boundary bit
// for bit. The synapses are drawn anew from the seed and the external inputs are keyed by neuron and bin
// (random_streams.hpp), so neither is kept.
#include <cstdint>
#include <memory>
#include <vector>

#include "group_engine.hpp"
#include "neurodyn/population/network.hpp"
#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn::population_detail {

// The run's state between bins, in the places the run keeps it.
struct NetworkRunState {
  std::vector<std::unique_ptr<GroupEngine>>& groups;  // every neuron's state, hold and decaying currents
  std::vector<std::vector<double>>& arriving;         // the delay buffers
  NetworkSpikes& spikes;                              // so far
  std::vector<NetworkTrace>& traces;                  // so far
};

// Writes the state before bin `next_bin` (sections: bin, then per group its blocks' state, the delay buffers, the
// spikes, and per trace its times and states). Throws FileError.
void save_network_state(const RunCheckpoint& checkpoint, std::int64_t next_bin, const NetworkRunState& state);

// Reads the state back into `state` (its groups and buffers built as the run that wrote it built them) and returns
// the bin to continue from, in [1, bins). Throws what CheckpointIn throws, and InputError for a section whose size
// does not fit this network.
std::int64_t restore_network_state(const RunCheckpoint& checkpoint, std::int64_t bins, const NetworkRunState& state);

}  // namespace neurodyn::population_detail
