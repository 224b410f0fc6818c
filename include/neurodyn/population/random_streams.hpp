#pragma once
// Counter-based random numbers (Random123's Philox4x64-10; Salmon et al. 2011, "Parallel random numbers: as easy
// as 1, 2, 3", SC'11): each number is a pure function of (seed, stream, counter words), so a neuron's, a
// synapse's or a bin's draws do not depend on the order, the thread or the process that asks for them.
#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>
#include <cstdint>

namespace neurodyn {

// The independent streams of a network, and of simulated measurements; a draw is further indexed by up to three
// counter words.
enum class RandomStream : std::uint64_t {
  neuron_parameters = 1,  // (neuron, parameter slot): slot 0 is the neuron's r of polynomial draws
  initial_state = 2,      // (neuron, variable)
  connectivity = 3,       // (connection, target, draw)
  weights = 4,            // (connection, source, target)
  external_input = 5,     // (input, neuron pair or neuron, bin)
  measurement_noise = 6,  // (trace, sample): the noise added to a simulated recording
};

namespace random_detail {
inline r123::Philox4x64::ctr_type philox(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t b,
                                         std::uint64_t c) {
  const r123::Philox4x64::ctr_type counter{{a, b, c, 0}};
  const r123::Philox4x64::key_type key{{seed, static_cast<std::uint64_t>(stream)}};
  return r123::Philox4x64{}(counter, key);
}
}  // namespace random_detail

// A uniform number in (0, 1].
inline double uniform01(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t b = 0,
                        std::uint64_t c = 0) {
  return r123::u01<double>(random_detail::philox(seed, stream, a, b, c)[0]);
}

// Two independent standard normal numbers (Box-Muller of the first two words).
inline r123::double2 standard_normal_pair(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t b = 0,
                                          std::uint64_t c = 0) {
  const auto words = random_detail::philox(seed, stream, a, b, c);
  return r123::boxmuller(words[0], words[1]);
}

// A standard normal number for element `index` of a sequence: elements 2m and 2m + 1 share one Philox call.
inline double standard_normal(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t index,
                              std::uint64_t c = 0) {
  const r123::double2 pair = standard_normal_pair(seed, stream, a, index / 2, c);
  return index % 2 == 0 ? pair.x : pair.y;
}

}  // namespace neurodyn
