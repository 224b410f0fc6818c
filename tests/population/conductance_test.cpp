// Conductance synapses against independent truth: a leaky integrate-and-fire neuron at rest receiving one spike
// through a conductance g(t) = w exp(-(t - ta) / tau) obeys the linear equation
//   C dv/dt = -g_L (v - E_L) + g(t) (E - v),
// whose solution is v(t) = exp(-A(t)) [v(ta) + int_ta^t b(s) exp(A(s)) ds] with a = (g_L + g) / C, A = int a (in
// closed form) and b = (g_L E_L + g E) / C: the integral by Simpson's rule on a fine grid. The network's v at every
// bin's end matches it, its error falls as dt^4 under rk4 (a conductance evaluated with the stage's v; held at the
// step's start it would fall as dt) and as dt under euler; the input depolarizes towards E = 0, hyperpolarizes
// towards E = -80 and leaves a neuron resting at E = E_L alone. Bad synapses are refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/population/network.hpp"

namespace {

using namespace neurodyn;
using ::testing::HasSubstr;

constexpr double C = 250.0, g_L = 25.0, E_L = -70.0;  // pF, nS, mV: the lif defaults
constexpr double weight = 8.0, tau = 5.0;             // nS, ms

Draw fixed(double value) { return Draw{Draw::Kind::fixed, value, 0.0, 0.0, {}}; }

// A source that fires once (its refractory period outlasts the run) and a target at rest, which it reaches through
// one conductance synapse of reversal E; the target's v traced.
NetworkSpec one_input(double reversal_mv, const std::string& method, double dt) {
  NetworkSpec spec;
  spec.groups.push_back({"source", "lif", 1, {{"t_ref", fixed(100.0)}}, {{"v", fixed(-60.0)}}});
  spec.groups.push_back({"target", "lif", 1, {}, {{"v", fixed(E_L)}}});
  Connection connection;
  connection.from = "source";
  connection.to = "target";
  connection.weight = fixed(weight);
  connection.delay_ms = 2.0;
  connection.synapse = Connection::Synapse::conductance;
  connection.tau_ms = tau;
  connection.reversal_mv = reversal_mv;
  spec.connections.push_back(connection);
  spec.inputs.push_back({"source", ExternalInput::Kind::stimulus, 0, 0, 0, 0, "const:amp=800"});
  spec.duration_ms = 60.0;
  spec.bin_ms = 1.0;
  spec.method = method;
  spec.dt_ms = dt;
  spec.traced_neurons = {1};
  return spec;
}

// v(t) of the target for an arrival at ta, by the integrating factor (above).
double exact_v(double t, double ta, double reversal_mv) {
  if (t <= ta) return E_L;
  const auto A = [&](double s) { return (g_L * (s - ta) + weight * tau * (1.0 - std::exp(-(s - ta) / tau))) / C; };
  const auto integrand = [&](double s) {
    const double g = weight * std::exp(-(s - ta) / tau);
    return (g_L * E_L + g * reversal_mv) / C * std::exp(A(s) - A(t));
  };
  const int intervals = 20000;
  const double h = (t - ta) / intervals;
  double sum = integrand(ta) + integrand(t);
  for (int i = 1; i < intervals; ++i) sum += (i % 2 ? 4.0 : 2.0) * integrand(ta + i * h);
  return E_L * std::exp(A(ta) - A(t)) + sum * h / 3.0;
}

// The largest difference of the traced v from the exact one, and the trace.
struct Compared {
  double error = 0.0;
  std::vector<double> v;
};

Compared compare(double reversal_mv, const std::string& method, double dt) {
  const NetworkSpec spec = one_input(reversal_mv, method, dt);
  const NetworkResult result = simulate_network(spec);
  EXPECT_TRUE(result.ok) << result.message;
  EXPECT_EQ(result.spikes.neuron, std::vector<std::int64_t>{0});  // the source, once; the target stays below
  const double ta = (std::floor(result.spikes.time_ms.at(0) / spec.bin_ms) + 2.0) * spec.bin_ms;
  Compared compared;
  const NetworkTrace& trace = result.traces.at(0);
  for (std::size_t i = 0; i < trace.time_ms.size(); ++i) {
    compared.v.push_back(trace.states[i][0]);
    compared.error =
        std::max(compared.error, std::abs(trace.states[i][0] - exact_v(trace.time_ms[i], ta, reversal_mv)));
  }
  return compared;
}

TEST(Conductance, OneInputMatchesTheIntegratingFactorSolution) {
  for (const double reversal : {0.0, -80.0}) {
    SCOPED_TRACE(reversal);
    EXPECT_LT(compare(reversal, "rk4", 1.0 / 64).error, 1e-9);
  }
}

TEST(Conductance, TheErrorFallsAtTheMethodsOrder) {
  // rk4: 16 times smaller a halved step (a conductance held over the step would give 2); euler: 2 times.
  const double rk4_coarse = compare(0.0, "rk4", 0.25).error, rk4_fine = compare(0.0, "rk4", 0.125).error;
  EXPECT_GT(rk4_coarse, 1e-8);
  EXPECT_NEAR(rk4_coarse / rk4_fine, 16.0, 3.0) << rk4_coarse << " " << rk4_fine;
  const double euler_coarse = compare(0.0, "euler", 1.0 / 32).error, euler_fine = compare(0.0, "euler", 1.0 / 64).error;
  EXPECT_NEAR(euler_coarse / euler_fine, 2.0, 0.2) << euler_coarse << " " << euler_fine;
}

TEST(Conductance, ExcitatoryDepolarizesInhibitoryHyperpolarizesAndShuntingAtRestDoesNothing) {
  const auto v = [](double reversal) { return compare(reversal, "rk4", 1.0 / 32).v; };
  const std::vector<double> excitatory = v(0.0), inhibitory = v(-80.0), shunting = v(E_L);
  EXPECT_GT(*std::max_element(excitatory.begin(), excitatory.end()), E_L + 5.0);
  EXPECT_GE(*std::min_element(excitatory.begin(), excitatory.end()), E_L);
  const double lowest = *std::min_element(inhibitory.begin(), inhibitory.end());
  EXPECT_LT(lowest, E_L - 0.5);  // a driving force of -10 mV at rest
  EXPECT_GT(lowest, -80.0);
  EXPECT_LE(*std::max_element(inhibitory.begin(), inhibitory.end()), E_L);
  for (const double value : shunting) EXPECT_EQ(value, E_L);
}

TEST(Conductance, BadConductanceSynapsesAreRefused) {
  const auto refused = [](const NetworkSpec& spec, const std::string& message) {
    EXPECT_THAT([&] { validate(spec); }, testing::ThrowsMessage<InputError>(HasSubstr(message)));
  };
  NetworkSpec spec = one_input(0.0, "rk4", 1.0 / 32);
  spec.connections[0].reversal_mv.reset();
  refused(spec, "connection 1 (source -> target): synapse = 'conductance' needs reversal_mv");
  spec = one_input(0.0, "rk4", 1.0 / 32);
  spec.connections[0].tau_ms = 0.0;
  refused(spec, "tau_ms = 0: synapse = 'conductance' needs a decay time constant > 0");
  spec = one_input(0.0, "rk4", 1.0 / 32);
  spec.connections[0].reversal_mv = std::nan("");
  refused(spec, "reversal_mv");
  NetworkSpec published = izhikevich2003_network(NetworkSemantics::published);
  published.connections[1].synapse = Connection::Synapse::conductance;
  published.connections[1].tau_ms = 5.0;
  published.connections[1].reversal_mv = 0.0;
  refused(published, "synapse = 'conductance' under semantics = 'published'");
  // Conductances share the four channels with the exponential currents: one per (tau_ms, reversal_mv).
  NetworkSpec converged = izhikevich2003_network(NetworkSemantics::converged);
  for (std::size_t c = 0; c < converged.connections.size(); ++c) {
    converged.connections[c].synapse = Connection::Synapse::conductance;
    converged.connections[c].tau_ms = 5.0;
    converged.connections[c].reversal_mv = -10.0 * static_cast<double>(c);
  }
  EXPECT_NO_THROW(validate(converged));
  Connection fifth = converged.connections[0];
  fifth.synapse = Connection::Synapse::exponential;
  converged.connections.push_back(fifth);
  refused(converged, "use 5 distinct channels");
}

}  // namespace
