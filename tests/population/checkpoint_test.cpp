// A network or a sweep stopped and resumed from its checkpoint ends as the uninterrupted run, bit for bit; a
// checkpoint of another run, a damaged one, or none at all is refused.
//
// A run stops at a chosen point deterministically: a run of k + 1 bins with a checkpoint at every bin
// (interval 0) leaves the state before bin k, which is the longer run's state there (every input is keyed by neuron
// and bin, not by the duration), and the test gives both runs the same identity. A sweep's checkpoint is keyed by
// pairs of lane blocks (16 runs): a sweep whose grid is the first 16 runs of the longer one leaves the first pair.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/population/network.hpp"
#include "neurodyn/population/sweep.hpp"
#include "neurodyn/solve/solve.hpp"

namespace {

using namespace neurodyn;
using ::testing::HasSubstr;

std::filesystem::path scratch(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("neurodyn_checkpoint_test_" + name);
  std::filesystem::remove(path);
  return path;
}

RunCheckpoint every_chance(const std::filesystem::path& path, bool resume) {
  return RunCheckpoint{path, "the same run\nseed = 5\n", 0.0, resume};
}

// net.m, and a network of decaying synapses with delays of several bins (the decaying currents and the delay buffers
// of more than one slot carried over), each traced.
std::vector<NetworkSpec> networks() {
  std::vector<NetworkSpec> specs;
  for (const auto semantics : {NetworkSemantics::published, NetworkSemantics::converged}) {
    NetworkSpec spec = izhikevich2003_network(semantics, 5);
    spec.duration_ms = 200.0;
    spec.traced_neurons = {0, 999};
    specs.push_back(spec);
  }
  NetworkSpec spec;
  const Draw fixed_v{Draw::Kind::fixed, -70.0, 0.0, 0.0, {}};
  spec.groups.push_back({"e", "izh2003", 80, {}, {{"v", fixed_v}}});
  spec.groups.push_back({"i", "izh2003", 20, {}, {{"v", fixed_v}}});
  for (const char* from : {"e", "i"}) {
    Connection connection;
    connection.from = from;
    connection.to = "e";
    connection.rule = Connection::Rule::probability;
    connection.probability = 0.2;
    connection.weight = std::string(from) == "e" ? Draw{Draw::Kind::uniform, 0.0, 0.0, 2.0, {}}
                                                 : Draw{Draw::Kind::uniform, 0.0, -4.0, 0.0, {}};
    connection.delay_ms = std::string(from) == "e" ? 3.0 : 2.0;
    connection.synapse = Connection::Synapse::exponential;
    connection.tau_ms = std::string(from) == "e" ? 5.0 : 10.0;
    spec.connections.push_back(connection);
  }
  spec.inputs.push_back({"e", ExternalInput::Kind::poisson, 0.0, 0.0, 400.0, 6.0, ""});
  spec.inputs.push_back({"i", ExternalInput::Kind::gaussian, 4.0, 2.0, 0.0, 0.0, ""});
  spec.duration_ms = 200.0;
  spec.traced_neurons = {3, 85};
  specs.push_back(spec);
  return specs;
}

void expect_same(const NetworkResult& resumed, const NetworkResult& whole) {
  ASSERT_TRUE(whole.ok) << whole.message;
  ASSERT_TRUE(resumed.ok) << resumed.message;
  ASSERT_GT(whole.spikes.time_ms.size(), 100u);
  EXPECT_EQ(resumed.spikes.time_ms, whole.spikes.time_ms);
  EXPECT_EQ(resumed.spikes.neuron, whole.spikes.neuron);
  ASSERT_EQ(resumed.traces.size(), whole.traces.size());
  for (std::size_t t = 0; t < whole.traces.size(); ++t) {
    EXPECT_EQ(resumed.traces[t].time_ms, whole.traces[t].time_ms);
    EXPECT_EQ(resumed.traces[t].states, whole.traces[t].states);
  }
}

TEST(Checkpoint, ANetworkStoppedAndResumedEndsAsTheUninterruptedRun) {
  for (const NetworkSpec& spec : networks()) {
    SCOPED_TRACE(spec.groups.front().model + (spec.semantics == NetworkSemantics::published ? " published" : ""));
    const NetworkResult whole = simulate_network(spec);
    const auto path = scratch("network");
    NetworkSpec stopped = spec;
    stopped.duration_ms = 88.0;  // its last checkpoint: before bin 87
    simulate_network(stopped, {}, every_chance(path, false));
    ASSERT_TRUE(std::filesystem::exists(path));
    const NetworkResult resumed = simulate_network(spec, {}, every_chance(path, true));
    expect_same(resumed, whole);
    // The checkpoint is left for the caller to remove.
    EXPECT_TRUE(std::filesystem::exists(path));

    // The state comes from the file: that of another seed's run makes other spikes.
    stopped.seed = 6;
    simulate_network(stopped, {}, every_chance(path, false));
    EXPECT_NE(simulate_network(spec, {}, every_chance(path, true)).spikes.neuron, whole.spikes.neuron);
    std::filesystem::remove(path);
  }
}

TEST(Checkpoint, ANetworkRefusesAnotherRunsCheckpointADamagedOneAndNone) {
  NetworkSpec spec = izhikevich2003_network(NetworkSemantics::published, 5);
  spec.duration_ms = 20.0;
  const auto path = scratch("refused");
  RunCheckpoint none = every_chance(path, true);
  EXPECT_THAT([&] { simulate_network(spec, {}, none); },
              testing::ThrowsMessage<InputError>(HasSubstr("there is none to resume from")));

  simulate_network(spec, {}, every_chance(path, false));
  RunCheckpoint other = every_chance(path, true);
  other.identity = "the same run\nseed = 6\n";
  EXPECT_THAT([&] { simulate_network(spec, {}, other); },
              testing::ThrowsMessage<InputError>(
                  HasSubstr("another config (line 2 of its config is `seed = 5` where this run's is `seed = 6`)")));

  // A sweep's checkpoint is not a network's.
  RunCheckpoint sweep_file = every_chance(path, true);
  EXPECT_THAT([&] { run_sweep(SweepSpec{}, {}, sweep_file); }, testing::Throws<InputError>());

  const std::uintmax_t size = std::filesystem::file_size(path);
  for (const std::uintmax_t cut : {size - 1, size - 4, size / 2, std::uintmax_t{30}}) {
    std::filesystem::resize_file(path, cut);
    EXPECT_THAT([&] { simulate_network(spec, {}, every_chance(path, true)); },
                testing::ThrowsMessage<InputError>(HasSubstr("damaged or cut short")))
        << cut;
  }
  std::ofstream(path, std::ios::binary) << "neurodyn sweep checkpoint 1\n";
  EXPECT_THAT([&] { simulate_network(spec, {}, every_chance(path, true)); },
              testing::ThrowsMessage<InputError>(HasSubstr("not a neurodyn network checkpoint of version 1")));
  std::filesystem::remove(path);
}

// A grid of `levels` currents from `lowest` (the first axis: a grid of fewer levels is the first runs of the longer).
SweepSpec grid(int levels, double lowest = 0.0) {
  SweepSpec spec;
  const Preset& preset = find_preset("izh2004-A");
  spec.model = preset.model;
  spec.parameters = preset.parameters;
  spec.v0 = -70.0;
  spec.axes = {{"I", {}}, {"d", {2, 4, 6, 8}}};
  for (int level = 0; level < levels; ++level) spec.axes[0].values.push_back(lowest + 2.0 * level);
  spec.stimulus_start_ms = 20;
  spec.duration_ms = 200;
  spec.dt_ms = 1.0 / 32;
  spec.threads = 1;
  return spec;
}

TEST(Checkpoint, ASweepStoppedAndResumedEndsAsTheUninterruptedSweep) {
  const SweepSpec spec = grid(12);  // 48 runs: three pairs of blocks
  const SweepResult whole = run_sweep(spec);
  const auto path = scratch("sweep");
  run_sweep(grid(4), {}, every_chance(path, false));  // its 16 runs: the first pair
  const SweepResult resumed = run_sweep(spec, {}, every_chance(path, true));
  ASSERT_EQ(resumed.rows.size(), whole.rows.size());
  std::int64_t spikes = 0;
  for (std::size_t run = 0; run < whole.rows.size(); ++run) {
    EXPECT_EQ(resumed.rows[run].values, whole.rows[run].values) << run;
    EXPECT_EQ(resumed.rows[run].spike_times_ms, whole.rows[run].spike_times_ms) << run;
    EXPECT_EQ(resumed.rows[run].pattern, whole.rows[run].pattern) << run;
    EXPECT_EQ(resumed.rows[run].ok, whole.rows[run].ok) << run;
    spikes += whole.rows[run].spike_count;
  }
  EXPECT_GT(spikes, 100);

  // Only the pairs not done are run: from the checkpoint of a grid of other currents, the first 16 runs are that
  // grid's and the others this one's.
  const SweepResult other = run_sweep(grid(4, 1.0), {}, every_chance(path, false));
  const SweepResult mixed = run_sweep(spec, {}, every_chance(path, true));
  for (std::size_t run = 0; run < whole.rows.size(); ++run) {
    EXPECT_EQ(mixed.rows[run].spike_times_ms, (run < 16 ? other : whole).rows[run].spike_times_ms) << run;
  }
  EXPECT_NE(other.rows[15].spike_times_ms, whole.rows[15].spike_times_ms);

  EXPECT_THAT(
      [&] {
        run_sweep(spec, {}, RunCheckpoint{path, "another", 0.0, true});
      },
      testing::ThrowsMessage<InputError>(HasSubstr("line 1 of its config is `the same run`")));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 1);
  EXPECT_THAT([&] { run_sweep(spec, {}, every_chance(path, true)); },
              testing::ThrowsMessage<InputError>(HasSubstr("damaged or cut short")));
  std::filesystem::remove(path);
}

// A run asked to stop (RunCheckpoint::stop, set by a Ctrl-C handler) writes its checkpoint at its next chance,
// whatever the interval, and throws RunInterrupted; resumed, it ends as the uninterrupted run.
TEST(Checkpoint, ARunAskedToStopKeepsItsCheckpointThenAndResumesToTheUninterruptedRun) {
  const std::atomic<bool> stop{true};
  const auto stopping = [&](const std::filesystem::path& path) {
    RunCheckpoint checkpoint{path, "the same run\nseed = 5\n", 1e9, false};
    checkpoint.stop = &stop;
    return checkpoint;
  };
  const NetworkSpec spec = networks()[1];  // net.m, converged
  const auto network_path = scratch("stopped_network");
  EXPECT_THROW(simulate_network(spec, {}, stopping(network_path)), RunInterrupted);
  ASSERT_TRUE(std::filesystem::exists(network_path));
  expect_same(simulate_network(spec, {}, every_chance(network_path, true)), simulate_network(spec));
  std::filesystem::remove(network_path);

  const SweepSpec sweep = grid(12);
  const auto sweep_path = scratch("stopped_sweep");
  EXPECT_THROW(run_sweep(sweep, {}, stopping(sweep_path)), RunInterrupted);
  ASSERT_TRUE(std::filesystem::exists(sweep_path));
  const SweepResult resumed = run_sweep(sweep, {}, every_chance(sweep_path, true));
  const SweepResult whole = run_sweep(sweep);
  for (std::size_t run = 0; run < whole.rows.size(); ++run) {
    EXPECT_EQ(resumed.rows[run].spike_times_ms, whole.rows[run].spike_times_ms) << run;
  }
  std::filesystem::remove(sweep_path);
}

}  // namespace
