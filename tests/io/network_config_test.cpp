// The network's TOML: the preset written and read back gives the same network, and bad input is refused with
// the field, the value and what is allowed.
#include "neurodyn/io/network_config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "neurodyn/error.hpp"

namespace {

using namespace neurodyn;
using ::testing::HasSubstr;

std::filesystem::path write_config(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("neurodyn_network_config_" + name + ".toml");
  std::ofstream(path) << text;
  return path;
}

TEST(NetworkConfig, ThePresetWrittenAndReadBackRunsTheSameSpikes) {
  NetworkSpec spec = izhikevich2003_network(NetworkSemantics::published, 4);
  spec.duration_ms = 200;
  spec.traced_neurons = {3, 900};
  const NetworkSpec read = read_network_config(write_config("preset", network_to_toml(spec)));
  EXPECT_EQ(network_to_toml(read), network_to_toml(spec));
  const NetworkResult a = simulate_network(spec), b = simulate_network(read);
  EXPECT_EQ(a.spikes.time_ms, b.spikes.time_ms);
  EXPECT_EQ(a.spikes.neuron, b.spikes.neuron);
  EXPECT_GT(a.spikes.time_ms.size(), 500u);
}

TEST(NetworkConfig, ExponentialSynapsesTravelThroughTheConfig) {
  NetworkSpec spec = izhikevich2003_network(NetworkSemantics::converged, 2);
  spec.duration_ms = 100;
  spec.connections[0].synapse = Connection::Synapse::exponential;
  spec.connections[0].tau_ms = 1.0;  // the charge of a one-bin jump of the same weight
  spec.connections[0].delay_ms = 2.0;
  const std::string text = network_to_toml(spec);
  EXPECT_THAT(text, HasSubstr("synapse = \"exponential\"\ntau_ms = 1"));
  const NetworkSpec read = read_network_config(write_config("exponential", text));
  EXPECT_EQ(network_to_toml(read), text);
  const NetworkResult a = simulate_network(spec), b = simulate_network(read);
  EXPECT_EQ(a.spikes.time_ms, b.spikes.time_ms);
  EXPECT_GT(a.spikes.time_ms.size(), 300u);
  // A decaying synapse changes the network: not the same spikes as the jump synapses.
  const NetworkResult jumps = simulate_network(izhikevich2003_network(NetworkSemantics::converged, 2));
  EXPECT_NE(a.spikes.time_ms, jumps.spikes.time_ms);
}

constexpr const char* two_groups = R"(
duration_ms = 100
[[group]]
name = "e"
model = "izh2003"
count = 10
[[group]]
name = "i"
model = "izh2003"
count = 5
)";

void expect_refused(const std::string& name, const std::string& text, const std::string& message) {
  try {
    read_network_config(write_config(name, text));
    ADD_FAILURE() << name << ": accepted";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr(message)) << name;
  }
}

TEST(NetworkConfig, BadInputIsRefusedNamingTheFieldAndTheValue) {
  expect_refused("unknown_group", std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"x\"\n",
                 "to = 'x' names no group; groups: e, i");
  expect_refused("negative_count", "[[group]]\nname = \"e\"\nmodel = \"izh2003\"\ncount = -3\n",
                 "group 'e': count = -3 must be a positive whole number");
  expect_refused(
      "probability",
      std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"i\"\nrule = \"probability\"\nprobability = 1.5\n",
      "probability = 1.5 is out of range");
  expect_refused("delay", std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"i\"\ndelay_ms = 0.5\n",
                 "delay_ms = 0.5 must be a whole number of bins, at least one bin");
  expect_refused("in_degree",
                 std::string(two_groups) +
                     "[[connection]]\nfrom = \"i\"\nto = \"i\"\nrule = \"in_degree\"\n"
                     "in_degree = 5\nautapses = false\n",
                 "in_degree = 5 must lie in [0, 4]");
  expect_refused("draw", std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"i\"\nweight = { gamma = 2 }\n",
                 "unknown draw 'gamma'; allowed: uniform, normal, polynomial");
  expect_refused("parameter", "[[group]]\nname = \"e\"\nmodel = \"izh2003\"\ncount = 2\nparameters = { q = 1 }\n",
                 "model izh2003 has no parameter 'q'");
  expect_refused("semantics", std::string(two_groups) + "semantics = \"exact\"\n", "");
  expect_refused("model", "semantics = \"published\"\n[[group]]\nname = \"l\"\nmodel = \"lif\"\ncount = 2\n",
                 "semantics = 'published' is net.m's scheme for izh2003");
  expect_refused("hh", "[[group]]\nname = \"h\"\nmodel = \"hh\"\ncount = 2\n", "");
  expect_refused("synapse", std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"i\"\nsynapse = \"alpha\"\n",
                 "synapse = 'alpha' is not allowed; allowed: jump, exponential");
  expect_refused("tau",
                 std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"i\"\nsynapse = \"exponential\"\n",
                 "synapse = 'exponential' needs tau_ms");
  expect_refused("tau_for_jump", std::string(two_groups) + "[[connection]]\nfrom = \"e\"\nto = \"i\"\ntau_ms = 3\n",
                 "tau_ms is for synapse = 'exponential'");
  expect_refused("reversal",
                 std::string(two_groups) +
                     "[[connection]]\nfrom = \"e\"\nto = \"i\"\nsynapse = \"conductance\"\n"
                     "tau_ms = 5\n",
                 "synapse = 'conductance' needs reversal_mv");
  expect_refused("reversal_for_exponential",
                 std::string(two_groups) +
                     "[[connection]]\nfrom = \"e\"\nto = \"i\"\nsynapse = \"exponential\"\ntau_ms = 5\n"
                     "reversal_mv = 0\n",
                 "reversal_mv is for synapse = 'conductance'; this connection's synapse is 'exponential'");
}

TEST(NetworkConfig, ConductanceSynapsesTravelThroughTheConfig) {
  NetworkSpec spec = izhikevich2003_network(NetworkSemantics::converged, 2);
  spec.duration_ms = 50;
  spec.connections[0].synapse = Connection::Synapse::conductance;
  spec.connections[0].tau_ms = 5.0;
  spec.connections[0].reversal_mv = -80.0;
  const std::string text = network_to_toml(spec);
  EXPECT_THAT(text, HasSubstr("synapse = \"conductance\"\ntau_ms = 5.0\nreversal_mv = -80.0\n"));
  const NetworkSpec read = read_network_config(write_config("conductance", text));
  EXPECT_EQ(network_to_toml(read), text);
}

TEST(NetworkConfig, AnEdgeFileNamingAMissingNeuronIsRefusedWithItsLine) {
  const auto edges = std::filesystem::temp_directory_path() / "neurodyn_network_edges.csv";
  std::ofstream(edges) << "source,target,weight\n0,1,0.5\n2,7,0.5\n";
  const auto path = write_config("edges", std::string(two_groups) +
                                              "[[connection]]\nfrom = \"e\"\nto = \"i\"\n"
                                              "rule = \"edges\"\nedge_file = \"" +
                                              edges.string() + "\"\n");
  const NetworkSpec spec = read_network_config(path);
  try {
    simulate_network(spec);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("line 3: target 7 is not a neuron of group 'i'; allowed: 0 .. 4"));
  }
}

}  // namespace
