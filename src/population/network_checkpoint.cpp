#include "network_checkpoint.hpp"

#include <fmt/format.h>

#include "checkpoint_file.hpp"

namespace neurodyn::population_detail {

void save_network_state(const RunCheckpoint& checkpoint, std::int64_t next_bin, const NetworkRunState& state) {
  CheckpointOut out("network", checkpoint.identity);
  out.integers("bin", std::vector<std::int64_t>{next_bin});
  for (const auto& group : state.groups) out.doubles("group", group->save());
  for (const auto& buffer : state.arriving) out.doubles("delay buffer", buffer);
  out.doubles("spike times", state.spikes.time_ms);
  out.integers("spike neurons", state.spikes.neuron);
  for (const NetworkTrace& trace : state.traces) {
    out.doubles("trace times", trace.time_ms);
    std::vector<double> values;
    for (const auto& sample : trace.states) values.insert(values.end(), sample.begin(), sample.end());
    out.doubles("trace states", values);
  }
  out.save(checkpoint);
}

std::int64_t restore_network_state(const RunCheckpoint& checkpoint, std::int64_t bins, const NetworkRunState& state) {
  CheckpointIn in(checkpoint, "network");
  const std::vector<std::int64_t> bin = in.integers("bin");
  if (bin.size() != 1 || bin[0] < 1 || bin[0] >= bins) in.damaged("section 'bin'");
  for (std::size_t g = 0; g < state.groups.size(); ++g) {
    if (!state.groups[g]->restore(in.doubles("group"))) in.damaged(fmt::format("the state of group {}", g + 1));
  }
  for (auto& buffer : state.arriving) {
    std::vector<double> saved = in.doubles("delay buffer");
    if (saved.size() != buffer.size()) in.damaged("a delay buffer");
    buffer = std::move(saved);
  }
  state.spikes.time_ms = in.doubles("spike times");
  state.spikes.neuron = in.integers("spike neurons");
  if (state.spikes.neuron.size() != state.spikes.time_ms.size()) in.damaged("the spikes");
  for (NetworkTrace& trace : state.traces) {
    trace.time_ms = in.doubles("trace times");
    const std::vector<double> values = in.doubles("trace states");
    // One sample at t = 0 and one at the end of every bin done.
    if (trace.time_ms.size() != static_cast<std::size_t>(bin[0] + 1) || values.size() % trace.time_ms.size() != 0) {
      in.damaged(fmt::format("the trace of neuron {}", trace.neuron));
    }
    const std::size_t dimension = values.size() / trace.time_ms.size();
    trace.states.clear();
    for (std::size_t at = 0; at < values.size(); at += dimension) {
      trace.states.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(at),
                                values.begin() + static_cast<std::ptrdiff_t>(at + dimension));
    }
  }
  in.finish();
  return bin[0];
}

}  // namespace neurodyn::population_detail
