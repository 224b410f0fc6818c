#include "neurodyn/population/network.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include "../analysis/parallel_for.hpp"  // thread_count
#include "group_engine.hpp"
#include "lanes.hpp"
#include "network_checkpoint.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/population/ranks.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "synapse_table.hpp"
#include "thread_choice.hpp"

namespace neurodyn {

using population_detail::BinGrid;
using population_detail::GroupSpike;
using population_detail::lane_width;

namespace {

bool whole_multiple(double value, double unit) {
  const double ratio = value / unit;
  return std::abs(ratio - std::round(ratio)) <= 1e-9 * std::max(1.0, ratio);
}

const NeuronGroup* find_group(const NetworkSpec& spec, const std::string& name) {
  for (const auto& group : spec.groups) {
    if (group.name == name) return &group;
  }
  return nullptr;
}

std::string group_names(const NetworkSpec& spec) {
  std::vector<std::string_view> names;
  for (const auto& group : spec.groups) names.push_back(group.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

void validate_draw(const Draw& draw, const std::string& field) {
  switch (draw.kind) {
    case Draw::Kind::fixed:
      require_in_range(field, draw.value, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
      break;
    case Draw::Kind::uniform:
      if (!(std::isfinite(draw.low) && std::isfinite(draw.high) && draw.low <= draw.high)) {
        throw InputError(fmt::format("{} = uniform [{:g}, {:g}]: the bounds must be finite with low <= high", field,
                                     draw.low, draw.high));
      }
      break;
    case Draw::Kind::normal:
      if (!(std::isfinite(draw.low) && std::isfinite(draw.high) && draw.high >= 0.0)) {
        throw InputError(
            fmt::format("{} = normal [{:g}, {:g}]: the mean must be finite and the standard deviation "
                        "finite and >= 0",
                        field, draw.low, draw.high));
      }
      break;
    case Draw::Kind::polynomial:
      if (draw.coefficients.empty()) {
        throw InputError(fmt::format("{} = polynomial []: give at least one coefficient (c0, c1, ...)", field));
      }
      for (double c : draw.coefficients) require_in_range(field + " coefficient", c, -1e300, 1e300);
      break;
  }
}

constexpr double max_neurons = 4.0e9;  // targets are stored as 32-bit indices

}  // namespace

void validate(const NetworkSpec& spec) {
  require_in_range("duration_ms", spec.duration_ms, 0.0, 1e9);
  if (!(spec.bin_ms > 0.0)) throw InputError(fmt::format("bin_ms = {:g} must be > 0", spec.bin_ms));
  require_in_range("bin_ms", spec.bin_ms, 1e-6, 1e6);
  if (!(spec.duration_ms > 0.0) || !whole_multiple(spec.duration_ms, spec.bin_ms)) {
    throw InputError(fmt::format("duration_ms = {:g} must be a positive whole number of bins (bin_ms = {:g})",
                                 spec.duration_ms, spec.bin_ms));
  }
  if (spec.semantics == NetworkSemantics::converged) {
    if (!(spec.dt_ms > 0.0) || spec.dt_ms > spec.bin_ms || !whole_multiple(spec.bin_ms, spec.dt_ms)) {
      throw InputError(
          fmt::format("dt_ms = {:g} must divide the bin (bin_ms = {:g}) into whole steps", spec.dt_ms, spec.bin_ms));
    }
    if (spec.method != "euler" && spec.method != "midpoint" && spec.method != "heun" && spec.method != "rk4") {
      throw InputError(
          fmt::format("method = '{}' does not step a network; allowed: euler, midpoint, heun, rk4", spec.method));
    }
  }
  if (spec.groups.empty()) throw InputError("a network needs at least one [[group]]");
  double neurons = 0.0;
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    const NeuronGroup& group = spec.groups[g];
    if (group.name.empty()) throw InputError(fmt::format("group {}: name is empty; give every group a name", g + 1));
    for (std::size_t h = 0; h < g; ++h) {
      if (spec.groups[h].name == group.name) {
        throw InputError(fmt::format("group '{}' is defined twice; group names must be unique", group.name));
      }
    }
    if (group.count <= 0) {
      throw InputError(fmt::format("group '{}': count = {} must be a positive whole number", group.name, group.count));
    }
    neurons += static_cast<double>(group.count);
    const ModelInfo& info = model_info(group.model);
    try {
      population_detail::require_lane_model(group.model);
    } catch (const InputError& error) {
      throw InputError(fmt::format("group '{}': {}", group.name, error.what()));
    }
    if (spec.semantics == NetworkSemantics::published && group.model != "izh2003") {
      throw InputError(
          fmt::format("group '{}': semantics = 'published' is net.m's scheme for izh2003; model = "
                      "'{}'; use semantics = 'converged'",
                      group.name, group.model));
    }
    for (const auto& [name, draw] : group.parameters) {
      const auto known = std::find_if(info.parameters.begin(), info.parameters.end(),
                                      [&](const ParameterInfo& p) { return p.name == name; });
      if (known == info.parameters.end()) {
        std::vector<std::string_view> names;
        for (const auto& p : info.parameters) names.push_back(p.name);
        throw InputError(fmt::format("group '{}': model {} has no parameter '{}'; allowed: {}", group.name, group.model,
                                     name, fmt::join(names, ", ")));
      }
      validate_draw(draw, fmt::format("group '{}': {}", group.name, name));
    }
    for (const auto& [name, draw] : group.initial)
      validate_draw(draw, fmt::format("group '{}': initial.{}", group.name, name));
  }
  if (neurons >= max_neurons) {
    throw InputError(fmt::format("the groups hold {:g} neurons; at most {:g} are allowed", neurons, max_neurons));
  }
  for (std::size_t c = 0; c < spec.connections.size(); ++c) {
    const Connection& connection = spec.connections[c];
    const auto where = fmt::format("connection {} ({} -> {})", c + 1, connection.from, connection.to);
    const NeuronGroup* from = find_group(spec, connection.from);
    const NeuronGroup* to = find_group(spec, connection.to);
    if (!from || !to) {
      throw InputError(fmt::format("{}: {} = '{}' names no group; groups: {}", where, from ? "to" : "from",
                                   from ? connection.to : connection.from, group_names(spec)));
    }
    if (connection.rule == Connection::Rule::probability) {
      require_in_range(where + ": probability", connection.probability, 0.0, 1.0);
    }
    if (connection.rule == Connection::Rule::in_degree) {
      const std::int64_t most = from->count - (from == to && !connection.autapses ? 1 : 0);
      if (connection.in_degree < 0 || connection.in_degree > most) {
        throw InputError(fmt::format("{}: in_degree = {} must lie in [0, {}] (the sources there are{})", where,
                                     connection.in_degree, most,
                                     from == to && !connection.autapses ? ", less the target itself" : ""));
      }
    }
    if (connection.rule == Connection::Rule::edges && connection.edge_file.empty()) {
      throw InputError(fmt::format("{}: rule = 'edges' needs edge_file", where));
    }
    validate_draw(connection.weight, where + ": weight");
    if (connection.synapse != Connection::Synapse::jump) {
      const bool conductance = connection.synapse == Connection::Synapse::conductance;
      const char* synapse = conductance ? "conductance" : "exponential";
      if (!(connection.tau_ms > 0.0)) {
        throw InputError(fmt::format("{}: tau_ms = {:g}: synapse = '{}' needs a decay time constant > 0 (ms)", where,
                                     connection.tau_ms, synapse));
      }
      require_in_range(where + ": tau_ms", connection.tau_ms, 1e-9, 1e9);
      if (conductance && !connection.reversal_mv) {
        throw InputError(
            fmt::format("{}: synapse = 'conductance' needs reversal_mv, the reversal potential (mV; e.g. 0 excitatory, "
                        "-80 inhibitory)",
                        where));
      }
      if (conductance) require_in_range(where + ": reversal_mv", *connection.reversal_mv, -1e4, 1e4);
      if (spec.semantics == NetworkSemantics::published) {
        throw InputError(
            fmt::format("{}: synapse = '{}' under semantics = 'published' (net.m's synapses are "
                        "jumps for one bin); use semantics = 'converged' or synapse = 'jump'",
                        where, synapse));
      }
    }
    if (connection.delay_ms != 0.0) {
      const double bins = connection.delay_ms / spec.bin_ms;
      if (!(connection.delay_ms >= spec.bin_ms * (1 - 1e-12)) || !whole_multiple(connection.delay_ms, spec.bin_ms) ||
          bins > 65535) {
        throw InputError(
            fmt::format("{}: delay_ms = {:g} must be a whole number of bins, at least one bin (bin_ms "
                        "= {:g}: spikes are exchanged once a bin) and at most 65535 bins",
                        where, connection.delay_ms, spec.bin_ms));
      }
    }
  }
  if (const auto decays = population_detail::decay_channels(spec);
      decays.size() > population_detail::max_decay_channels) {
    std::vector<std::string> names;
    for (const auto& decay : decays) {
      names.push_back(decay.reversal_mv
                          ? fmt::format("conductance tau_ms {:g} reversal_mv {:g}", decay.tau_ms, *decay.reversal_mv)
                          : fmt::format("current tau_ms {:g}", decay.tau_ms));
    }
    throw InputError(
        fmt::format("the exponential and conductance synapses use {} distinct channels ({}); at most {} are allowed "
                    "(each neuron keeps one value per channel: a current per tau_ms, a conductance per tau_ms and "
                    "reversal_mv)",
                    decays.size(), fmt::join(names, ", "), population_detail::max_decay_channels));
  }
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    const ExternalInput& input = spec.inputs[i];
    const auto where = fmt::format("input {} ({})", i + 1, input.group);
    if (!find_group(spec, input.group)) {
      throw InputError(
          fmt::format("{}: group = '{}' names no group; groups: {}", where, input.group, group_names(spec)));
    }
    require_in_range(where + ": mean", input.mean, -1e12, 1e12);
    require_in_range(where + ": sigma", input.sigma, 0.0, 1e12);
    require_in_range(where + ": rate_hz", input.rate_hz, 0.0, 1e9);
    require_in_range(where + ": weight", input.weight, -1e12, 1e12);
    if (input.kind == ExternalInput::Kind::stimulus) parse_stimulus(input.stimulus, spec.duration_ms);
  }
  for (std::int64_t neuron : spec.traced_neurons) {
    if (neuron < 0 || static_cast<double>(neuron) >= neurons) {
      throw InputError(fmt::format("record.neurons: {} is not a neuron; allowed: 0 .. {:g}", neuron, neurons - 1));
    }
  }
}

double network_bytes(const NetworkSpec& spec) {
  double neurons = 0.0, synapses = 0.0, listed = 0.0;  // listed: synapses of edge files
  for (const auto& group : spec.groups) neurons += static_cast<double>(group.count);
  int max_delay = 1;
  for (const auto& connection : spec.connections) {
    const NeuronGroup* from = find_group(spec, connection.from);
    const NeuronGroup* to = find_group(spec, connection.to);
    if (!from || !to) continue;
    const double pairs = static_cast<double>(from->count) * static_cast<double>(to->count);
    switch (connection.rule) {
      case Connection::Rule::all:
        synapses += pairs;
        break;
      case Connection::Rule::probability:
        synapses += connection.probability * pairs;
        break;
      case Connection::Rule::in_degree:
        synapses += static_cast<double>(connection.in_degree) * static_cast<double>(to->count);
        break;
      case Connection::Rule::edges: {
        std::error_code error;
        const auto size = std::filesystem::file_size(connection.edge_file, error);
        listed += error ? 0.0 : static_cast<double>(size) / 4.0;  // at least 4 bytes a line ("1,2\n")
        break;
      }
    }
    max_delay = std::max(max_delay, population_detail::delay_bins(connection, spec.bin_ms));
  }
  // Per neuron: state, parameters, input and hold in lanes (about 24 doubles), its decaying currents, its row
  // offset and count and the delay buffers of each channel; per synapse: the table (and its channel when some
  // synapses decay); an edge file's synapses also pass through a list of edges (32 bytes each) while the table is
  // built (the other rules fill the table in place).
  const auto decaying = static_cast<double>(population_detail::decay_channels(spec).size());
  return neurons * (24.0 * 8.0 + 8.0 * decaying + 16.0 + 8.0 * (max_delay + 1) * (1.0 + decaying)) +
         (synapses + listed) * (population_detail::synapse_bytes + (decaying > 0.0 ? 1.0 : 0.0)) + listed * 32.0;
}

NetworkSpec izhikevich2003_network(NetworkSemantics semantics, std::uint64_t seed) {
  using Kind = Draw::Kind;
  const auto fixed = [](double value) { return Draw{Kind::fixed, value, 0.0, 0.0, {}}; };
  const auto polynomial = [](std::vector<double> coefficients) {
    return Draw{Kind::polynomial, 0.0, 0.0, 0.0, std::move(coefficients)};
  };
  NetworkSpec spec;
  // net.m: re, ri ~ U(0, 1) per neuron; a, b, c, d as polynomials in them (docs/reference.md 1.4).
  spec.groups.push_back({"excitatory",
                         "izh2003",
                         800,
                         {{"a", fixed(0.02)},
                          {"b", fixed(0.2)},
                          {"c", polynomial({-65.0, 0.0, 15.0})},
                          {"d", polynomial({8.0, 0.0, -6.0})}},
                         {{"v", fixed(-65.0)}}});
  spec.groups.push_back(
      {"inhibitory",
       "izh2003",
       200,
       {{"a", polynomial({0.02, 0.08})}, {"b", polynomial({0.25, -0.05})}, {"c", fixed(-65.0)}, {"d", fixed(2.0)}},
       {{"v", fixed(-65.0)}}});
  // S = [0.5*rand(Ne+Ni,Ne), -rand(Ne+Ni,Ni)]: every pair, self included.
  for (const char* from : {"excitatory", "inhibitory"}) {
    const Draw weight = std::string(from) == "excitatory" ? polynomial({0.0, 0.5}) : polynomial({0.0, -1.0});
    for (const char* to : {"excitatory", "inhibitory"}) {
      Connection connection;
      connection.from = from;
      connection.to = to;
      connection.weight = weight;
      spec.connections.push_back(connection);
    }
  }
  // Thalamic input: 5 randn for excitatory, 2 randn for inhibitory neurons, redrawn every ms.
  spec.inputs.push_back({"excitatory", ExternalInput::Kind::gaussian, 0.0, 5.0, 0.0, 0.0, ""});
  spec.inputs.push_back({"inhibitory", ExternalInput::Kind::gaussian, 0.0, 2.0, 0.0, 0.0, ""});
  spec.duration_ms = 1000.0;
  spec.bin_ms = 1.0;
  spec.semantics = semantics;
  spec.seed = seed;
  return spec;
}

namespace {

// Poisson(mean) by inversion of one uniform (mean of a bin's events is small).
int poisson_count(double mean, double u) {
  double p = std::exp(-mean), cumulative = p;
  int k = 0;
  while (u > cumulative && k < 100000) {
    ++k;
    p *= mean / k;
    cumulative += p;
    if (p == 0.0) break;
  }
  return k;
}

// to[t] += rows[0][t], then rows[1][t], ..., for t < length: each target's sum in the rows' order, kept in registers
// across the rows, a chunk of targets at a time.
void add_rows(double* to, std::size_t length, const std::vector<const double*>& rows) {
  constexpr std::size_t chunk = 16;
  std::size_t t = 0;
  for (; t + chunk <= length; t += chunk) {
    double sum[chunk];
    for (std::size_t l = 0; l < chunk; ++l) sum[l] = to[t + l];
    for (const double* row : rows) {
      for (std::size_t l = 0; l < chunk; ++l) sum[l] += row[t + l];
    }
    for (std::size_t l = 0; l < chunk; ++l) to[t + l] = sum[l];
  }
  for (; t < length; ++t) {
    double sum = to[t];
    for (const double* row : rows) sum += row[t];
    to[t] = sum;
  }
}

// The external input of one group's neurons, bin by bin.
struct GroupInputs {
  struct Source {
    std::size_t index;  // the input's position in the spec (keys its draws)
    const ExternalInput* input;
    std::optional<Stimulus> stimulus;
  };
  std::vector<Source> sources;

  // The inputs of the lane_width neurons first .. first + lane_width - 1 of the group (first a multiple of
  // lane_width) in bin `bin`.
  void block_values(std::int64_t first, std::int64_t bin, double bin_ms, std::uint64_t seed, double* values) const {
    std::fill(values, values + lane_width, 0.0);
    const auto k = static_cast<std::uint64_t>(bin);
    for (const Source& source : sources) {
      const ExternalInput& input = *source.input;
      switch (input.kind) {
        case ExternalInput::Kind::gaussian: {
          // The block's neurons are the octet first / lane_width of the group (random_streams.hpp).
          static_assert(lane_width == 8, "a block draws one octet of normal numbers");
          double normal[lane_width];
          standard_normal_octet(seed, RandomStream::external_input, source.index,
                                static_cast<std::uint64_t>(first) / lane_width, k, normal);
          for (int lane = 0; lane < lane_width; ++lane) values[lane] += input.mean + input.sigma * normal[lane];
          break;
        }
        case ExternalInput::Kind::poisson:
          for (int lane = 0; lane < lane_width; ++lane) {
            const double u = uniform01(seed, RandomStream::external_input, source.index,
                                       static_cast<std::uint64_t>(first + lane), k);
            values[lane] += input.weight * poisson_count(input.rate_hz * bin_ms / 1000.0, u);
          }
          break;
        case ExternalInput::Kind::stimulus: {
          const double value = source.stimulus->at((static_cast<double>(bin) + 0.5) * bin_ms).current;
          for (int lane = 0; lane < lane_width; ++lane) values[lane] += value;
          break;
        }
      }
    }
  }
};

}  // namespace

NetworkResult simulate_network(const NetworkSpec& spec, const std::function<void(const NetworkProgress&)>& progress,
                               const RunCheckpoint& checkpoint) {
  using Clock = std::chrono::steady_clock;
  const auto setup_start = Clock::now();
  validate(spec);
  if (!checkpoint.path.empty() && Ranks::distributed()) {
    throw InputError(fmt::format("a network checkpoint ({}) is kept by one process; this run has {} ranks",
                                 checkpoint.path.string(), Ranks::size()));
  }
  NetworkResult result;

  // Groups, each a run of consecutive global indices.
  std::vector<std::unique_ptr<population_detail::GroupEngine>> groups;
  result.group_first.push_back(0);
  for (const NeuronGroup& group : spec.groups) {
    groups.push_back(population_detail::make_group_engine(
        group, result.group_first.back(), spec.seed,
        // the published scheme takes its own steps (advance_published); the stepper named here goes unused
        spec.semantics == NetworkSemantics::converged ? spec.method : std::string("euler")));
    result.group_first.push_back(result.group_first.back() + group.count);
  }
  const std::int64_t neurons = result.group_first.back();
  std::vector<GroupInputs> inputs(spec.groups.size());
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
    const ExternalInput& input = spec.inputs[i];
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
      if (spec.groups[g].name != input.group) continue;
      std::optional<Stimulus> stimulus;
      if (input.kind == ExternalInput::Kind::stimulus) stimulus = parse_stimulus(input.stimulus, spec.duration_ms);
      inputs[g].sources.push_back({i, &input, std::move(stimulus)});
    }
  }
  // The work of a bin: one item per lane block, in the order of the global indices. Rank r of K advances items
  // [r n / K, (r + 1) n / K) and holds the synapses onto their neurons.
  struct Item {
    std::size_t group, block;
  };
  std::vector<Item> items;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (std::size_t b = 0; b < groups[g]->block_count(); ++b) items.push_back({g, b});
  }
  const auto share_start = [&](int rank) {
    return items.size() * static_cast<std::size_t>(rank) / static_cast<std::size_t>(Ranks::size());
  };
  const std::size_t own_begin = share_start(Ranks::rank()), own_end = share_start(Ranks::rank() + 1);
  const auto first_neuron_of = [&](std::size_t item) {
    if (item == items.size()) return neurons;
    return result.group_first[items[item].group] + static_cast<std::int64_t>(items[item].block) * lane_width;
  };
  const population_detail::NeuronRange owned{first_neuron_of(own_begin), first_neuron_of(own_end)};
  const auto owner_of = [&](std::int64_t neuron) {
    int rank = 0;
    while (rank + 1 < Ranks::size() && first_neuron_of(share_start(rank + 1)) <= neuron) ++rank;
    return rank;
  };

  // A bad line of an edge file may be read by one rank only: every rank learns of it and fails the same way.
  population_detail::SynapseTable synapses;
  Ranks::collectively([&] { synapses = population_detail::build_synapses(spec, result.group_first, owned); });
  for (const auto count :
       Ranks::all_gather(std::vector<std::int64_t>{static_cast<std::int64_t>(synapses.targets.size())})) {
    result.synapses += count;
  }

  // The delay buffers, one per channel (0: jumps for one bin; k: the currents or conductances of channel
  // synapses.decays[k - 1]): buffer channel * slots + (k mod slots) holds what arrives at the start of bin k.
  const int slots = synapses.max_delay + 1;
  const std::size_t channels = 1 + synapses.decays.size();
  std::vector<std::vector<double>> arriving(channels * static_cast<std::size_t>(slots),
                                            std::vector<double>(static_cast<std::size_t>(neurons), 0.0));
  for (auto& group : groups) group->set_decays(synapses.decays);

  std::vector<std::vector<GroupSpike>> item_spikes(items.size());

  // Traces are sampled by the rank that advances their neuron and sent to every rank at the end.
  for (std::int64_t neuron : spec.traced_neurons) result.traces.push_back({neuron, {}, {}});
  const auto sample_traces = [&](double time) {
    for (NetworkTrace& trace : result.traces) {
      trace.time_ms.push_back(time);
      if (!owned.holds(trace.neuron)) continue;
      const auto g = static_cast<std::size_t>(
          std::upper_bound(result.group_first.begin(), result.group_first.end(), trace.neuron) -
          result.group_first.begin() - 1);
      trace.states.push_back(groups[g]->state(trace.neuron - result.group_first[g]));
    }
  };
  const auto share_traces = [&] {
    for (NetworkTrace& trace : result.traces) {
      std::vector<double> values;
      for (const auto& state : trace.states) values.insert(values.end(), state.begin(), state.end());
      Ranks::broadcast(values, owner_of(trace.neuron));
      const std::size_t dimension = trace.time_ms.empty() ? 0 : values.size() / trace.time_ms.size();
      trace.states.clear();
      for (std::size_t at = 0; at + dimension <= values.size() && dimension > 0; at += dimension) {
        trace.states.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(at),
                                  values.begin() + static_cast<std::ptrdiff_t>(at + dimension));
      }
    }
  };

  const auto bins = static_cast<std::int64_t>(std::llround(spec.duration_ms / spec.bin_ms));
  const auto steps_per_bin = static_cast<std::int64_t>(std::llround(spec.bin_ms / spec.dt_ms));
  const bool published = spec.semantics == NetworkSemantics::published;
  const int threads =
      static_cast<int>(analysis_detail::thread_count(Ranks::threads(spec.threads), own_end - own_begin));
  result.setup_seconds = std::chrono::duration<double>(Clock::now() - setup_start).count();
  const auto run_start = Clock::now();
  auto last_report = run_start;

  // Spikes of bin k (labelled in it, or found at its end by the published scheme) arrive `delay` bins later.
  std::vector<std::pair<double, std::int64_t>> bin_spikes;
  std::vector<std::int64_t> local_sources;
  std::vector<double> local_times;
  std::vector<const double*> dense_rows;
  // arrival[channel * slots + d]: the buffer of the channel for bin k + d.
  std::vector<double*> arrival(channels * static_cast<std::size_t>(slots));
  const auto route = [&](std::size_t synapse) {
    const std::size_t channel = synapses.channels.empty() ? 0 : synapses.channels[synapse];
    return channel * static_cast<std::size_t>(slots) + synapses.delays[synapse];
  };
  const auto deliver = [&](std::int64_t k) {
    for (std::size_t channel = 0; channel < channels; ++channel) {
      for (int d = 1; d < slots; ++d) {
        arrival[channel * static_cast<std::size_t>(slots) + static_cast<std::size_t>(d)] =
            arriving[channel * static_cast<std::size_t>(slots) + static_cast<std::size_t>((k + d) % slots)].data();
      }
    }
    // This rank's spikes in the order of its items, then every rank's in rank order: the global order of the
    // items, so each input sums the same terms in the same order for any number of ranks and threads.
    local_sources.clear();
    local_times.clear();
    for (std::size_t i = own_begin; i < own_end; ++i) {
      for (const GroupSpike& spike : item_spikes[i]) {
        local_sources.push_back(result.group_first[items[i].group] + spike.neuron);
        local_times.push_back(spike.time_ms);
      }
      item_spikes[i].clear();
    }
    const auto exchange_start = Clock::now();
    const std::vector<std::int64_t> sources = Ranks::all_gather(local_sources);
    const std::vector<double> times = Ranks::all_gather(local_times);
    result.exchange_seconds += std::chrono::duration<double>(Clock::now() - exchange_start).count();
    bin_spikes.clear();
    // Consecutive spikes whose rows are contiguous onto the same targets (dense connections) are added together,
    // target by target, each input summing the rows in the spikes' order as one row after another would.
    dense_rows.clear();
    double* dense_to = nullptr;
    std::size_t dense_length = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const std::int64_t source = sources[s];
      const auto begin = static_cast<std::size_t>(synapses.offsets[static_cast<std::size_t>(source)]);
      const auto end = static_cast<std::size_t>(synapses.offsets[static_cast<std::size_t>(source) + 1]);
      if (begin < end && synapses.contiguous[static_cast<std::size_t>(source)]) {
        double* to = arrival[route(begin)] + synapses.targets[begin];
        if (!dense_rows.empty() && (to != dense_to || end - begin != dense_length)) {
          add_rows(dense_to, dense_length, dense_rows);
          dense_rows.clear();
        }
        dense_to = to;
        dense_length = end - begin;
        dense_rows.push_back(synapses.weights.data() + begin);
      } else {
        if (!dense_rows.empty()) add_rows(dense_to, dense_length, dense_rows);
        dense_rows.clear();
        for (std::size_t at = begin; at < end; ++at) arrival[route(at)][synapses.targets[at]] += synapses.weights[at];
      }
      bin_spikes.emplace_back(times[s], source);
    }
    if (!dense_rows.empty()) add_rows(dense_to, dense_length, dense_rows);
    std::sort(bin_spikes.begin(), bin_spikes.end());  // by time, then neuron
    for (const auto& [time, neuron] : bin_spikes) {
      result.spikes.time_ms.push_back(time);
      result.spikes.neuron.push_back(neuron);
    }
  };

  const population_detail::NetworkRunState run_state{groups, arriving, result.spikes, result.traces};
  CheckpointSchedule schedule(checkpoint);
  std::int64_t start_bin = 0;
  if (checkpoint.resume) {
    start_bin = population_detail::restore_network_state(checkpoint, bins, run_state);
  } else {
    sample_traces(0.0);
    if (published) {  // net.m's spike test at the start of the first bin
      for (std::size_t i = own_begin; i < own_end; ++i) {
        groups[items[i].group]->fire_published(items[i].block, 0.0, item_spikes[i]);
      }
      deliver(-1);
    }
  }
  // A bin's blocks are shared among the threads when each takes enough work: otherwise forking and joining the
  // threads at every bin costs more than it saves (and far more on a loaded machine, where a thread that waits
  // for a core holds up the bin); and then only while the threads are found faster (thread_choice.hpp). Without
  // them, the external inputs, which do not depend on the state, are drawn for `window` bins at a time on the
  // threads, and the bins are advanced on one.
  const std::size_t own_items = own_end - own_begin;
  const bool bins_on_threads =
      threads > 1 && static_cast<double>(own_items) * static_cast<double>(published ? 1 : steps_per_bin) >= 2048.0;
  // Few windows on the threads (each fork and join is a wait for a core on a loaded machine): about 2 MB of inputs
  // a window; 16 bins on one thread, to stay in the cache.
  const auto own_neurons = static_cast<std::int64_t>(own_items) * lane_width;
  std::int64_t window = 0;
  if (!bins_on_threads) {
    window =
        threads > 1 ? std::max<std::int64_t>(16, (std::int64_t{1} << 18) / std::max<std::int64_t>(1, own_neurons)) : 16;
    window = std::min(window, std::max<std::int64_t>(1, bins));
  }
  std::vector<double> window_inputs(static_cast<std::size_t>(window) * own_items * lane_width);
  const auto draw_window = [&](std::int64_t first_bin) {
    const std::int64_t count = std::min(window, bins - first_bin);
    const auto work = static_cast<std::int64_t>(own_items) * count;
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
    for (std::int64_t w = 0; w < work; ++w) {
      const std::int64_t bin = first_bin + w / static_cast<std::int64_t>(own_items);
      const std::size_t i = own_begin + static_cast<std::size_t>(w % static_cast<std::int64_t>(own_items));
      const auto [g, b] = items[i];
      inputs[g].block_values(static_cast<std::int64_t>(b) * lane_width, bin, spec.bin_ms, spec.seed,
                             window_inputs.data() + static_cast<std::size_t>(w) * lane_width);
    }
  };
  population_detail::ThreadChoice thread_choice(bins_on_threads);
  std::optional<RankFailure> failure;
  for (std::int64_t k = start_bin; k < bins && !failure; ++k) {
    const auto slot_of = [&](std::size_t channel) -> std::vector<double>& {
      return arriving[channel * static_cast<std::size_t>(slots) + static_cast<std::size_t>(k % slots)];
    };
    const BinGrid grid{spec.dt_ms, k * steps_per_bin, (k + 1) * steps_per_bin,
                       static_cast<double>(k + 1) * spec.bin_ms};
    if (window > 0 && (k % window == 0 || k == start_bin)) draw_window(k - k % window);
    const bool bin_on_threads = thread_choice.on_threads();
    const auto bin_start = Clock::now();
#pragma omp parallel for schedule(static) num_threads(threads) if (bin_on_threads)
    for (std::size_t i = own_begin; i < own_end; ++i) {
      const auto [g, b] = items[i];
      auto& group = *groups[g];
      const std::int64_t first = result.group_first[g];
      // Takes the block's entries out of a delay buffer (padding lanes repeat the group's last neuron).
      const auto take = [&](std::vector<double>& buffer, double* values) {
        for (int lane = 0; lane < lane_width; ++lane) {
          const std::int64_t neuron = std::min(static_cast<std::int64_t>(b) * lane_width + lane, group.size() - 1);
          values[lane] = buffer[static_cast<std::size_t>(first + neuron)];
        }
        for (int lane = 0; lane < lane_width; ++lane) {
          const std::int64_t neuron = static_cast<std::int64_t>(b) * lane_width + lane;
          if (neuron < group.size()) buffer[static_cast<std::size_t>(first + neuron)] = 0.0;
        }
      };
      double block_inputs[lane_width], arrived[lane_width];
      if (window > 0) {
        const std::size_t w = static_cast<std::size_t>(k % window) * own_items + (i - own_begin);
        std::copy_n(window_inputs.data() + w * lane_width, lane_width, block_inputs);
      } else {
        inputs[g].block_values(static_cast<std::int64_t>(b) * lane_width, k, spec.bin_ms, spec.seed, block_inputs);
      }
      take(slot_of(0), arrived);
      for (int lane = 0; lane < lane_width; ++lane) block_inputs[lane] += arrived[lane];
      if (channels > 1) {
        double jumps[population_detail::max_decay_channels * lane_width];
        for (std::size_t channel = 1; channel < channels; ++channel)
          take(slot_of(channel), jumps + (channel - 1) * lane_width);
        group.add_decaying_jumps(b, static_cast<double>(grid.first) * grid.dt, jumps);
      }
      if (published) {
        group.advance_published(b, block_inputs, spec.bin_ms);
        if (k + 1 < bins) group.fire_published(b, grid.end_ms, item_spikes[i]);
      } else {
        group.advance_converged(b, block_inputs, grid, item_spikes[i]);
      }
    }
    thread_choice.done(Clock::now() - bin_start);
    deliver(k);
    sample_traces(grid.end_ms);
    std::optional<RankFailure> local_failure;
    for (std::size_t i = own_begin; i < own_end && !local_failure; ++i) {
      const auto& engine = *groups[items[i].group];
      if (!engine.block_failed(items[i].block)) continue;
      for (int lane = 0; lane < lane_width && !local_failure; ++lane) {
        const auto neuron = static_cast<std::int64_t>(items[i].block) * lane_width + lane;
        if (neuron >= engine.size()) break;
        if (const auto why = engine.failure(neuron)) {
          local_failure = RankFailure{
              RankFailure::Kind::input,  // unused: a failed run is a result, not an exception
              fmt::format("neuron {} (group '{}', its neuron {}): {}", result.group_first[items[i].group] + neuron,
                          spec.groups[items[i].group].name, neuron, *why)};
        }
      }
    }
    failure = Ranks::first_failure(local_failure);
    if (!failure && k + 1 < bins) {
      if (schedule.due(false)) population_detail::save_network_state(checkpoint, k + 1, run_state);
      schedule.stop_if_requested();
    }
    if (progress && Ranks::rank() == 0 && (k % 16 == 15 || k + 1 == bins)) {
      const auto now = Clock::now();
      if (now - last_report >= std::chrono::milliseconds(500) || k + 1 == bins) {
        last_report = now;
        try {
          progress({grid.end_ms, spec.duration_ms, static_cast<std::int64_t>(result.spikes.time_ms.size())});
        } catch (...) {  // the callback stops the run: with the state of the bins done kept first
          if (!failure && k + 1 < bins && schedule.due(true)) {
            population_detail::save_network_state(checkpoint, k + 1, run_state);
          }
          throw;
        }
      }
    }
  }
  share_traces();
  if (failure) {
    result.ok = false;
    result.message = failure->message;
  }
  result.simulation_seconds = std::chrono::duration<double>(Clock::now() - run_start).count();
  return result;
}

}  // namespace neurodyn
