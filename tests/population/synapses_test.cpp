// The network's synapses against the single-neuron integrator's input events (solve/input_events.hpp): a target
// neuron driven through jump synapses (input for one bin) or exponentially decaying synapses spikes, and moves,
// as the same neuron solved alone with the same synaptic input written as events at the bins' starts.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/population/network.hpp"
#include "neurodyn/solve/solve.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace {

using namespace neurodyn;

Draw fixed(double value) { return Draw{Draw::Kind::fixed, value, 0.0, 0.0, {}}; }
Draw uniform(double low, double high) { return Draw{Draw::Kind::uniform, 0.0, low, high, {}}; }

constexpr const char* driver_input = "const:amp=800";  // pA: 32 mV above rest at 25 nS, 20 to threshold: fires
constexpr const char* target_input = "const:amp=420";  // pA: 16.8 mV above rest, below threshold alone

// Three leaky integrators firing regularly at different phases, all connected to two targets that fire only
// with their synaptic input; the targets' states are traced at every bin's end.
NetworkSpec driven_targets(Connection::Synapse synapse, double weight, double delay_ms) {
  NetworkSpec spec;
  spec.groups.push_back({"drivers", "lif", 3, {}, {{"v", uniform(-70, -52)}}});
  spec.groups.push_back({"targets", "lif", 2, {{"C", fixed(250.0)}}, {{"v", uniform(-70, -60)}}});
  Connection connection;
  connection.from = "drivers";
  connection.to = "targets";
  connection.weight = fixed(weight);
  connection.delay_ms = delay_ms;
  connection.synapse = synapse;
  connection.tau_ms = 4.0;
  spec.connections.push_back(connection);
  spec.inputs.push_back({"drivers", ExternalInput::Kind::stimulus, 0, 0, 0, 0, driver_input});
  spec.inputs.push_back({"targets", ExternalInput::Kind::stimulus, 0, 0, 0, 0, target_input});
  spec.duration_ms = 300.0;
  spec.bin_ms = 0.5;
  spec.dt_ms = 1.0 / 64.0;
  spec.traced_neurons = {3, 4};
  spec.seed = 11;
  return spec;
}

// Target `trace`'s neuron solved alone: its initial state from the network's first sample, the drivers' spikes
// as events at the start of the bin they arrive in (a jump synapse: +w there, -w a bin later).
Solution target_alone(const NetworkSpec& spec, const NetworkResult& result, const NetworkTrace& trace) {
  const Connection& connection = spec.connections.front();
  const double w = connection.weight.value;
  const double delay_bins = std::round(connection.delay_ms / spec.bin_ms);
  Problem problem;
  problem.model = make_model("lif");
  problem.initial_state = trace.states.front();
  problem.stimulus = parse_stimulus(target_input, spec.duration_ms);
  problem.t_end = spec.duration_ms;
  const bool exponential = connection.synapse == Connection::Synapse::exponential;
  if (exponential) problem.events.current_decay = connection.tau_ms;
  for (std::size_t s = 0; s < result.spikes.neuron.size(); ++s) {
    if (result.spikes.neuron[s] >= 3) continue;  // a target's own spike
    const double arrival = (std::floor(result.spikes.time_ms[s] / spec.bin_ms) + delay_bins) * spec.bin_ms;
    problem.events.events.push_back({arrival, InputEvent::input_current, w});
    if (!exponential) problem.events.events.push_back({arrival + spec.bin_ms, InputEvent::input_current, -w});
  }
  MethodOptions options;
  options.name = spec.method;
  options.dt = spec.dt_ms;
  return solve(problem, options);
}

void expect_targets_as_alone(const NetworkSpec& spec) {
  const NetworkResult result = simulate_network(spec);
  ASSERT_TRUE(result.ok) << result.message;
  std::size_t driver_spikes = 0;
  for (auto neuron : result.spikes.neuron) driver_spikes += neuron < 3;
  ASSERT_GT(driver_spikes, 60u);
  for (const NetworkTrace& trace : result.traces) {
    SCOPED_TRACE(trace.neuron);
    const Solution alone = target_alone(spec, result, trace);
    ASSERT_TRUE(alone.ok()) << alone.message;
    std::vector<double> together;
    for (std::size_t s = 0; s < result.spikes.neuron.size(); ++s) {
      if (result.spikes.neuron[s] == trace.neuron) together.push_back(result.spikes.time_ms[s]);
    }
    ASSERT_GT(together.size(), 3u) << "the synapses must make the target fire";
    ASSERT_EQ(together.size(), alone.spike_times.size());
    for (std::size_t s = 0; s < together.size(); ++s) EXPECT_NEAR(together[s], alone.spike_times[s], 1e-9);
    // The traced v at every bin's end against the sample of the solve at that grid time.
    std::size_t sample = 0, compared = 0;
    for (std::size_t i = 0; i < trace.time_ms.size(); ++i) {
      while (sample < alone.sample_count() && alone.times[sample] < trace.time_ms[i] - 1e-12) ++sample;
      if (sample == alone.sample_count() || std::abs(alone.times[sample] - trace.time_ms[i]) > 1e-12) continue;
      // The solve keeps extra samples at spikes: take the last one at this time (after a reset).
      std::size_t last = sample;
      while (last + 1 < alone.sample_count() && alone.times[last + 1] == alone.times[sample]) ++last;
      EXPECT_NEAR(trace.states[i][0], alone.state(last, 0), 1e-9) << "t = " << trace.time_ms[i];
      ++compared;
    }
    EXPECT_GT(compared, trace.time_ms.size() * 9 / 10);
  }
}

TEST(Synapses, JumpSynapsesActAsEventsHeldForOneBin) {
  expect_targets_as_alone(driven_targets(Connection::Synapse::jump, 1200.0, 1.0));
}

TEST(Synapses, ExponentialSynapsesActAsDecayingEventCurrents) {
  expect_targets_as_alone(driven_targets(Connection::Synapse::exponential, 120.0, 1.5));
}

TEST(Synapses, BadSynapsesAreRefused) {
  NetworkSpec spec = driven_targets(Connection::Synapse::exponential, 120.0, 1.5);
  spec.connections[0].tau_ms = 0.0;
  EXPECT_THROW(validate(spec), InputError);
  spec = izhikevich2003_network(NetworkSemantics::published);
  spec.connections[0].synapse = Connection::Synapse::exponential;
  spec.connections[0].tau_ms = 5.0;
  try {
    validate(spec);
    ADD_FAILURE() << "not refused";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("synapse = 'exponential' under semantics = 'published'"),
              std::string::npos)
        << error.what();
  }
  spec.semantics = NetworkSemantics::converged;
  for (std::size_t c = 0; c < spec.connections.size(); ++c) {
    spec.connections[c].synapse = Connection::Synapse::exponential;
    spec.connections[c].tau_ms = 1.0 + static_cast<double>(c);
  }
  EXPECT_NO_THROW(validate(spec));
  Connection fifth = spec.connections[0];
  fifth.tau_ms = 9.0;
  spec.connections.push_back(fifth);
  EXPECT_THROW(validate(spec), InputError);
}

}  // namespace
