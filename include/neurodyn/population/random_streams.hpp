#pragma once
// Counter-based random numbers (Random123's Philox4x64-10; Salmon et al. 2011, "Parallel random numbers: as easy
// as 1, 2, 3", SC'11): each number is a pure function of (seed, stream, counter words), so a neuron's, a
// synapse's or a bin's draws do not depend on the order, the thread or the process that asks for them.
#include <Random123/philox.h>

#include <Random123/boxmuller.hpp>
#include <Random123/uniform.hpp>
#include <array>
#include <cstdint>

namespace neurodyn {

// The independent streams of a network, and of simulated measurements; a draw is further indexed by up to three
// counter words.
enum class RandomStream : std::uint64_t {
  neuron_parameters = 1,  // (neuron, parameter slot): slot 0 is the neuron's r of polynomial draws
  initial_state = 2,      // (neuron, variable)
  connectivity = 3,       // (connection, target, draw)
  weights = 4,            // (connection, source, target): a synapse's r is uniform01_element of (connection, source)
  external_input = 5,     // (input, octet of neurons or neuron, bin)
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

// Four uniform numbers in (0, 1], elements 4 quad .. 4 quad + 3 of the sequence (a, b): the four words of one
// Philox call (its fourth counter word 1 keeps these sequences apart from the single draws above).
inline std::array<double, 4> uniform01_quad(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t b,
                                            std::uint64_t quad) {
  const r123::Philox4x64::ctr_type counter{{a, b, quad, 1}};
  const r123::Philox4x64::key_type key{{seed, static_cast<std::uint64_t>(stream)}};
  const auto words = r123::Philox4x64{}(counter, key);
  return {r123::u01<double>(words[0]), r123::u01<double>(words[1]), r123::u01<double>(words[2]),
          r123::u01<double>(words[3])};
}

// Element `index` of the sequence (a, b) of uniform01_quad.
inline double uniform01_element(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t b,
                                std::uint64_t index) {
  return uniform01_quad(seed, stream, a, b, index / 4)[index % 4];
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

// Eight standard normal numbers, elements 8 octet .. 8 octet + 7 of the sequence (a, c): Marsaglia & Tsang's
// ziggurat (2000, "The ziggurat method for generating random variables", J. Stat. Softw. 5(8)), as Boost.Random's
// normal_distribution implements it, drawing 64-bit words from Random123's MicroURNG over the counter
// (a, octet, c): about one word a number and, in 98 % of the draws, no call of log, exp, sin or cos. The hot path
// of per-bin noise (a network's Gaussian input); several times cheaper than Box-Muller.
void standard_normal_octet(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t octet,
                           std::uint64_t c, double out[8]);

}  // namespace neurodyn
