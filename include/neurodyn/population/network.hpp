#pragma once
// A network of spiking neurons: groups of neurons of any model of the catalog, connections between them, external
// input, advanced in input bins. Time in ms, rates in Hz, currents and weights in the unit of the target's model
// (model units for izh2003, pA for izh2007).
//
// Within a bin every neuron's input is its external input for the bin plus its synaptic currents. A spike of
// neuron j arrives `delay` bins after the bin in which it occurred, at that bin's start (delay >= 1, so each bin's
// input is known when the bin starts: the bin is the network's minimum delay). A synapse is either a jump of the
// input for the one bin it arrives in (net.m's) or an exponentially decaying current: the target's current for
// that time constant jumps by the weight and decays as exp(-t / tau_ms), the same as an input event of the
// single-neuron integrator (solve/input_events.hpp), or a conductance: the target's conductance g jumps by the
// weight and decays as exp(-t / tau_ms), and its current is g(t) (reversal_mv - v(t)), evaluated with the state's v
// at every stage of every step (converged semantics only). A conductance's unit is the target's current unit per mV:
// nS for the models whose current is in pA (izh2007, lif, adex), model units per mV for izh2003 (and per unit of
// v for fhn). The decaying synapses of a network use at most 4 channels: one per distinct tau_ms of the exponential
// synapses and one per distinct (tau_ms, reversal_mv) of the conductances. Two semantics:
//   converged  every neuron integrated inside the bin by an explicit fixed-step method on a grid that divides
//              the bin, spikes located inside the step and reset there (the single-neuron driver's step, bit for
//              bit; src/population/lane_block.hpp);
//   published  Izhikevich's net.m (2003) scheme for izh2003 groups: the step is the bin; at the start of bin k
//              the neurons with v >= vpeak fire (labelled t = k bin) and are reset, their spikes arrive with the
//              same delay counted from the bin before (delay 1 = net.m's "at once"), then v takes two half steps
//              of Euler and u one step from the new v.
// Random draws come from counter-based streams (random_streams.hpp) indexed by neuron, synapse and bin, so the
// result is the same for any number of threads.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "neurodyn/population/random_streams.hpp"
#include "neurodyn/run_checkpoint.hpp"

namespace neurodyn {

// One number per neuron (or per synapse): fixed, or drawn.
struct Draw {
  enum class Kind { fixed, uniform, normal, polynomial };
  Kind kind = Kind::fixed;
  double value = 0.0;                // fixed
  double low = 0.0;                  // uniform: low + (high - low) U; normal: mean
  double high = 0.0;                 // uniform: high; normal: standard deviation
  std::vector<double> coefficients;  // polynomial: c0 + c1 r + c2 r^2 + ..., r the neuron's own U(0, 1)
                                     // (one r per neuron for all its parameters, as net.m; per synapse for weights)
};

struct NeuronGroup {
  std::string name;
  std::string model;  // a model of the catalog whose equations evaluate per lane (izh2003, izh2007, fhn, lif, adex)
  std::int64_t count = 0;
  std::map<std::string, Draw, std::less<>> parameters;  // the others keep the model's defaults
  // Initial v and u (the first two state variables) by name; a missing u follows the model's rule for it
  // (u = b v for izh2003, as net.m), a missing v is the model's default.
  std::map<std::string, Draw, std::less<>> initial;
};

struct Connection {
  enum class Rule { all, probability, in_degree, edges };
  std::string from, to;  // group names
  Rule rule = Rule::all;
  double probability = 0.0;         // probability
  std::int64_t in_degree = 0;       // in_degree: sources per target, drawn without replacement
  std::filesystem::path edge_file;  // edges: CSV `source,target[,weight]`, indices within the groups
  bool autapses = true;             // whether a neuron may connect to itself (net.m: yes)
  Draw weight;                      // per synapse (an edge file's third column overrides it)
  double delay_ms = 0.0;            // 0: one bin; else a whole number of bins
  enum class Synapse { jump, exponential, conductance };
  Synapse synapse = Synapse::jump;    // jump: the weight is input for one bin; exponential: a decaying current;
                                      // conductance: a decaying conductance (below)
  double tau_ms = 0.0;                // exponential, conductance: the decay time constant (ms, > 0)
  std::optional<double> reversal_mv;  // conductance: the reversal potential E (mV; e.g. 0 excitatory, -80 inhibitory)
};

struct ExternalInput {
  enum class Kind { gaussian, poisson, stimulus };
  std::string group;
  Kind kind = Kind::gaussian;
  double mean = 0.0, sigma = 0.0;      // gaussian: mean + sigma N(0, 1), redrawn every bin (net.m's thalamus)
  double rate_hz = 0.0, weight = 0.0;  // poisson: Poisson(rate bin) events per bin, each adding `weight`
  std::string stimulus;                // stimulus: a single-neuron stimulus spec, held at each bin's midpoint
};

enum class NetworkSemantics { converged, published };

struct NetworkSpec {
  std::vector<NeuronGroup> groups;
  std::vector<Connection> connections;
  std::vector<ExternalInput> inputs;
  double duration_ms = 1000.0;
  double bin_ms = 1.0;
  NetworkSemantics semantics = NetworkSemantics::converged;
  std::string method = "rk4";  // converged: euler, midpoint, heun or rk4
  double dt_ms = 1.0 / 64.0;   // converged: divides bin_ms
  std::uint64_t seed = 1;
  std::vector<std::int64_t> traced_neurons;  // global indices whose state is kept at every bin boundary
  unsigned threads = 0;                      // 0: all cores
};

// The preset of Izhikevich's net.m (docs/reference.md 1.4): 800 excitatory and 200 inhibitory izh2003 neurons,
// dense random weights, thalamic noise, 1000 ms.
NetworkSpec izhikevich2003_network(NetworkSemantics semantics, std::uint64_t seed = 1);

struct NetworkSpikes {
  std::vector<double> time_ms;       // in time order, ties by neuron
  std::vector<std::int64_t> neuron;  // global index: groups in order, each group's neurons consecutive
};

struct NetworkTrace {
  std::int64_t neuron = 0;
  std::vector<double> time_ms;
  std::vector<std::vector<double>> states;  // per sample, one value per state variable
};

struct NetworkProgress {
  double time_ms;
  double duration_ms;
  std::int64_t spikes;
};

struct NetworkResult {
  NetworkSpikes spikes;
  std::vector<std::int64_t> group_first;  // global index of each group's first neuron
  std::vector<NetworkTrace> traces;
  std::int64_t synapses = 0;
  double setup_seconds = 0.0, simulation_seconds = 0.0;
  double exchange_seconds = 0.0;  // of the simulation: this rank's time in the spike exchange between ranks
  bool ok = true;
  std::string message;  // the first neuron that failed (diverged), when !ok
};

// Checks the spec (throws InputError naming the field, the value and what is allowed), without drawing anything.
void validate(const NetworkSpec& spec);

// Bytes the network would hold: neurons, synapses and the delay buffers (from counts, before anything is built).
double network_bytes(const NetworkSpec& spec);

// Builds and runs the network. `progress` is called every few hundred ms of wall time; an exception it throws
// (an interrupt) ends the run, after the checkpoint (below) is written.
//
// With checkpoint.path set, the run's state at a bin boundary is written there at most every
// checkpoint.interval_s, atomically (format: src/population/checkpoint_file.hpp): the next bin, every neuron's state,
// hold and decaying currents, the delay buffers and the spikes and traces so far. The synapses are drawn anew from
// the seed and every random draw is keyed by neuron, synapse and bin, so neither is kept. With checkpoint.resume the
// run continues from the file and ends as the uninterrupted run would, bit for bit (timings aside). Throws
// InputError when there is no file to resume from, when it is damaged or cut short, when its identity differs from
// checkpoint.identity (naming the first line that differs) and for a checkpoint under several ranks (one process
// keeps one). The caller removes the file once the results are kept.
NetworkResult simulate_network(const NetworkSpec& spec,
                               const std::function<void(const NetworkProgress&)>& progress = {},
                               const RunCheckpoint& checkpoint = {});

}  // namespace neurodyn
