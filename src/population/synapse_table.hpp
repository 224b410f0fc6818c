#pragma once
// The synapses of a network by source neuron (compressed rows): the targets, weights and delays of neuron j are
// entries offsets[j] .. offsets[j+1]-1, in the order of the connections and then of the targets. A spike of j
// adds each weight to its target's input `delay` bins later.
#include <cstdint>
#include <vector>

#include "lanes.hpp"
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
  // Per synapse, when some connection's synapses decay: 0 for a jump, k for a current or conductance of channel
  // decays[k - 1]; empty when every synapse is a jump. A contiguous row has one channel.
  std::vector<std::uint8_t> channels;
  std::vector<DecayChannel> decays;  // the distinct channels of the decaying synapses, in connection order
};

// The most distinct decaying channels a network may use (each neuron keeps one value per channel): exponential
// synapses of one tau_ms share one, conductance synapses of one tau_ms and reversal_mv another.
inline constexpr std::size_t max_decay_channels = 4;

// Bytes per synapse in the table.
inline constexpr double synapse_bytes = sizeof(std::uint32_t) + sizeof(double) + sizeof(std::uint16_t);

// Global neuron indices begin .. end - 1.
struct NeuronRange {
  std::int64_t begin = 0, end = 0;
  bool holds(std::int64_t neuron) const { return neuron >= begin && neuron < end; }
};

// The synapses of every connection of `spec` onto the neurons of `targets` (a rank's share; every neuron for one
// process), drawn from the seed's streams, which are keyed by synapse: a synapse is the same whichever rank
// draws it. `group_first` holds each group's first global index (and the total as its last entry). Throws
// InputError for an edge file naming a missing neuron or a malformed line (with the file and the line; a source
// is checked by the rank that holds the line's target), FileError for an unreadable file.
SynapseTable build_synapses(const NetworkSpec& spec, const std::vector<std::int64_t>& group_first, NeuronRange targets);

// The distinct channels of the spec's decaying synapses, in connection order (at most max_decay_channels, which
// validate() checks).
std::vector<DecayChannel> decay_channels(const NetworkSpec& spec);

// The delay of a connection in bins (delay_ms = 0: one bin).
int delay_bins(const Connection& connection, double bin_ms);

}  // namespace neurodyn::population_detail
