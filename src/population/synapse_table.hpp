#pragma once
// The synapses of a network by source neuron (compressed rows): the targets, weights and delays of neuron j are
// entries offsets[j] .. offsets[j+1]-1, in the order of the connections and then of the targets. A spike of j
// adds each weight to its target's input `delay` bins later.
#include <cstdint>
#include <vector>

#include "neurodyn/population/network.hpp"

namespace neurodyn::population_detail {

struct SynapseTable {
  std::vector<std::int64_t> offsets;  // neurons + 1 entries
  std::vector<std::uint32_t> targets;
  std::vector<double> weights;
  std::vector<std::uint16_t> delays;  // bins, >= 1
  // Per source: whether its targets are consecutive (targets[offsets[j]] + 0, 1, ...) with one delay, so that its
  // weights add to a contiguous range of the inputs (dense connections, as net.m's).
  std::vector<std::uint8_t> contiguous;
  int max_delay = 1;
};

// Bytes per synapse in the table.
inline constexpr double synapse_bytes = sizeof(std::uint32_t) + sizeof(double) + sizeof(std::uint16_t);

// The synapses of every connection of `spec`, drawn from the seed's streams; `group_first` holds each group's
// first global index (and the total as its last entry). Throws InputError for an edge file naming a missing
// neuron or a malformed line (with the file and the line), FileError for an unreadable file.
SynapseTable build_synapses(const NetworkSpec& spec, const std::vector<std::int64_t>& group_first);

// The delay of a connection in bins (delay_ms = 0: one bin).
int delay_bins(const Connection& connection, double bin_ms);

}  // namespace neurodyn::population_detail
