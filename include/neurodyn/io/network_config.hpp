#pragma once
// A network in TOML, the file `neurodyn network --config` reads and the effective config.toml it writes:
//
//   duration_ms = 1000          # a whole number of bins
//   bin_ms = 1                  # the input bin: inputs held over it, spikes exchanged once a bin
//   seed = 1
//   semantics = "converged"     # or "published" (net.m's scheme, izh2003 groups only)
//   threads = 0                 # 0: all cores
//   [method]                    # the converged semantics' stepper
//   name = "rk4"                # euler, midpoint, heun, rk4
//   dt = 0.015625               # ms, divides bin_ms
//   [record]
//   neurons = [0, 800]          # global indices whose state is written at every bin boundary
//
//   [[group]]
//   name = "excitatory"
//   model = "izh2003"
//   count = 800
//   parameters = { a = 0.02, c = { polynomial = [-65, 0, 15] } }   # the others: the model's defaults
//   initial = { v = -65 }       # v and u; a missing u follows the model's rule (u = b v for izh2003)
//
//   [[connection]]
//   from = "excitatory"
//   to = "inhibitory"
//   rule = "all"                # all | probability (probability = p) | in_degree (in_degree = k) |
//                               # edges (edge_file = "edges.csv": source,target[,weight] within the groups)
//   autapses = true             # may a neuron connect to itself (default true)
//   weight = { polynomial = [0, 0.5] }
//   delay_ms = 1                # a whole number of bins >= 1 (default one bin)
//   synapse = "jump"            # jump: input for the one bin it arrives in (net.m; default) | exponential
//                               # (tau_ms = 5: a current that jumps by the weight and decays; converged only) |
//                               # conductance (tau_ms = 5, reversal_mv = 0: a conductance that jumps by the weight,
//                               # in the target's current unit per mV (nS for pA), and decays; its current is
//                               # g (reversal_mv - v); converged only)
//
//   [[input]]
//   group = "excitatory"
//   kind = "gaussian"           # gaussian (mean, sigma: redrawn every bin) | poisson (rate_hz, weight) |
//                               # stimulus (stimulus = "step:amp=10,start=100": held at each bin's midpoint)
//   sigma = 5
//
// A number to draw per neuron (or per synapse) is a number (fixed) or a table of one key: uniform = [low, high],
// normal = [mean, sd], or polynomial = [c0, c1, ...] in the neuron's own r ~ U(0, 1) (one r per neuron for all
// its parameters, as net.m; one per synapse for weights). Units: ms, Hz, and the target model's current unit for
// weights and inputs.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "neurodyn/population/network.hpp"

namespace neurodyn {

// The names `neurodyn network --preset` knows.
inline constexpr std::string_view izh2003_network_preset = "izh2003-network";

// Reads and checks the file (every key by name and type, then validate()); a relative edge file is taken from the
// config's folder. Throws InputError naming the file, line and key; FileError if it cannot be read.
NetworkSpec read_network_config(const std::filesystem::path& path);

// The same for TOML text already in memory; `source` names it in messages, and a relative edge file is taken from
// its folder (the working directory for a bare name).
NetworkSpec parse_network_config(std::string toml_text, const std::filesystem::path& source);

// What `neurodyn network` and the Python module's network() are given: the network of a config file, of TOML text
// or of a preset (izh2003-network, the default; at most one of the three), and what replaces the network's own
// semantics ("converged" or "published"), seed, duration (ms) and threads.
struct NetworkChoices {
  std::optional<std::filesystem::path> config;
  std::optional<std::string> config_text;
  std::optional<std::string> preset;
  std::optional<std::string> semantics;
  std::optional<std::uint64_t> seed;
  std::optional<double> duration_ms;
  std::optional<unsigned> threads;
};

// The network the choices describe, checked (validate()). Throws InputError for two sources, an unknown preset or
// semantics, and what the config reader throws.
NetworkSpec network_spec(const NetworkChoices& choices);

// The spec as TOML that read_network_config reads back to the same spec.
std::string network_to_toml(const NetworkSpec& spec);

// The run's identity in its checkpoint (population/network.hpp): the spec as TOML less the threads (the result is
// the same for any number), and the content of every edge file it reads (a resume after an edit is refused).
std::string network_checkpoint_identity(NetworkSpec spec);

}  // namespace neurodyn
