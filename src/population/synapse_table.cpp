#include "synapse_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "group_engine.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn::population_detail {

namespace {

struct Edge {
  std::uint32_t source, target;
  double weight;
  int delay;
  std::uint8_t channel;  // SynapseTable::channels
};

// The synapses the connections will make: exact for all pairs and fixed in-degrees, the mean for a probability
// (plus three standard deviations), nothing for an edge file (its lines are counted as they are read).
double expected_synapses(const NetworkSpec& spec) {
  double count = 0.0;
  for (const Connection& connection : spec.connections) {
    double from = 0.0, to = 0.0;
    for (const NeuronGroup& group : spec.groups) {
      if (group.name == connection.from) from = static_cast<double>(group.count);
      if (group.name == connection.to) to = static_cast<double>(group.count);
    }
    switch (connection.rule) {
      case Connection::Rule::all:
        count += from * to;
        break;
      case Connection::Rule::probability: {
        const double mean = connection.probability * from * to;
        count += mean + 3.0 * std::sqrt(mean);
        break;
      }
      case Connection::Rule::in_degree:
        count += static_cast<double>(connection.in_degree) * to;
        break;
      case Connection::Rule::edges:
        break;
    }
  }
  return count;
}

std::uint8_t channel_of(const Connection& connection, const std::vector<double>& decay_ms) {
  if (connection.synapse == Connection::Synapse::jump) return 0;
  const auto at = std::find(decay_ms.begin(), decay_ms.end(), connection.tau_ms);
  return static_cast<std::uint8_t>(at - decay_ms.begin() + 1);
}

std::int64_t group_index(const NetworkSpec& spec, const std::string& name) {
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    if (spec.groups[g].name == name) return static_cast<std::int64_t>(g);
  }
  return -1;  // validate() has refused it
}

// Floyd's algorithm (Bentley & Floyd 1987, CACM 30:754): k distinct indices of 0 .. n-1 in increasing order, the
// draws keyed by (connection, target, draw number).
std::vector<std::int64_t> distinct_sample(std::int64_t n, std::int64_t k, std::uint64_t seed, std::uint64_t connection,
                                          std::uint64_t target) {
  std::vector<std::int64_t> chosen;
  chosen.reserve(static_cast<std::size_t>(k));
  for (std::int64_t j = n - k; j < n; ++j) {
    const double u = uniform01(seed, RandomStream::connectivity, connection, target, static_cast<std::uint64_t>(j));
    const auto t = std::min(j, static_cast<std::int64_t>(std::floor((1.0 - u) * static_cast<double>(j + 1))));
    const auto at = std::lower_bound(chosen.begin(), chosen.end(), t);
    if (at == chosen.end() || *at != t) {
      chosen.insert(at, t);
    } else {
      chosen.push_back(j);  // j exceeds every index chosen so far: the order holds
    }
  }
  return chosen;
}

// Edges of an edge file: `source,target[,weight]` per line, indices within the connection's groups; blank lines,
// lines starting with '#' and a first line naming the columns are skipped.
void read_edge_file(const Connection& connection, std::int64_t from_first, std::int64_t from_count,
                    std::int64_t to_first, std::int64_t to_count, int delay, std::uint8_t channel,
                    NeuronRange targets, std::vector<Edge>& edges) {
  std::ifstream in = open_text_input(connection.edge_file, "edge file");
  std::string text;
  long line = 0;
  while (std::getline(in, text)) {
    ++line;
    if (text.empty() || text == "\r" || text.front() == '#') continue;
    if (line == 1 && text.starts_with("source")) continue;
    const std::vector<std::string_view> fields = csv_fields(text);
    if (fields.size() < 2 || fields.size() > 3) {
      throw InputError(fmt::format("{} line {}: expected source,target[,weight]; found {} fields",
                                   connection.edge_file.string(), line, fields.size()));
    }
    const double source = parse_number_field(fields[0], connection.edge_file, line, "source");
    const double target = parse_number_field(fields[1], connection.edge_file, line, "target");
    const auto check = [&](double index, std::int64_t count, std::string_view role, const std::string& group) {
      if (!(index >= 0 && index < static_cast<double>(count) && index == std::floor(index))) {
        throw InputError(fmt::format("{} line {}: {} {:g} is not a neuron of group '{}'; allowed: 0 .. {}",
                                     connection.edge_file.string(), line, role, index, group, count - 1));
      }
    };
    check(target, to_count, "target", connection.to);
    if (!targets.holds(to_first + static_cast<std::int64_t>(target))) continue;
    check(source, from_count, "source", connection.from);
    const double weight = fields.size() == 3 ? parse_number_field(fields[2], connection.edge_file, line, "weight")
                                             : connection.weight.value;
    edges.push_back({static_cast<std::uint32_t>(from_first + static_cast<std::int64_t>(source)),
                     static_cast<std::uint32_t>(to_first + static_cast<std::int64_t>(target)), weight, delay, channel});
  }
}

}  // namespace

std::vector<double> decay_time_constants(const NetworkSpec& spec) {
  std::vector<double> taus;
  for (const Connection& connection : spec.connections) {
    if (connection.synapse == Connection::Synapse::exponential &&
        std::find(taus.begin(), taus.end(), connection.tau_ms) == taus.end()) {
      taus.push_back(connection.tau_ms);
    }
  }
  return taus;
}

int delay_bins(const Connection& connection, double bin_ms) {
  if (connection.delay_ms == 0.0) return 1;
  return static_cast<int>(std::lround(connection.delay_ms / bin_ms));
}

SynapseTable build_synapses(const NetworkSpec& spec, const std::vector<std::int64_t>& group_first,
                            NeuronRange targets) {
  SynapseTable table;
  table.decay_ms = decay_time_constants(spec);
  std::vector<Edge> edges;
  // No copies as the list grows: the expected count, in the share of the targets drawn here.
  const double share = static_cast<double>(targets.end - targets.begin) / static_cast<double>(group_first.back());
  edges.reserve(static_cast<std::size_t>(expected_synapses(spec) * share));
  const std::uint64_t seed = spec.seed;
  for (std::size_t c = 0; c < spec.connections.size(); ++c) {
    const Connection& connection = spec.connections[c];
    const auto from = group_index(spec, connection.from), to = group_index(spec, connection.to);
    const std::int64_t from_first = group_first[static_cast<std::size_t>(from)];
    const std::int64_t to_first = group_first[static_cast<std::size_t>(to)];
    const std::int64_t from_count = spec.groups[static_cast<std::size_t>(from)].count;
    const std::int64_t to_count = spec.groups[static_cast<std::size_t>(to)].count;
    const int delay = delay_bins(connection, spec.bin_ms);
    const std::uint8_t channel = channel_of(connection, table.decay_ms);
    const bool same_group = from == to;
    // The targets of this connection that are drawn here.
    const std::int64_t first_target = std::max(to_first, targets.begin);
    const std::int64_t end_target = std::min(to_first + to_count, targets.end);
    const auto add = [&](std::int64_t source, std::int64_t target) {
      const auto s = static_cast<std::uint64_t>(source), t = static_cast<std::uint64_t>(target);
      const double r = uniform01(seed, RandomStream::weights, c, s, t);
      edges.push_back({static_cast<std::uint32_t>(source), static_cast<std::uint32_t>(target),
                       draw_value(connection.weight, r, seed, RandomStream::weights, c, s, t), delay, channel});
    };
    switch (connection.rule) {
      case Connection::Rule::all:
        for (std::int64_t target = first_target; target < end_target; ++target) {
          for (std::int64_t source = from_first; source < from_first + from_count; ++source) {
            if (connection.autapses || source != target) add(source, target);
          }
        }
        break;
      case Connection::Rule::probability: {
        // Geometric gaps between the chosen sources of each target: O(synapses), not O(sources x targets).
        const double p = connection.probability;
        if (p <= 0.0) break;
        const double log_miss = std::log1p(-p);
        for (std::int64_t target = first_target; target < end_target; ++target) {
          std::int64_t source = -1;
          for (std::uint64_t draw = 0;; ++draw) {
            if (p < 1.0) {
              const double u = uniform01(seed, RandomStream::connectivity, c, static_cast<std::uint64_t>(target), draw);
              const double gap = std::floor(std::log(u) / log_miss);
              if (gap >= static_cast<double>(from_count)) break;
              source += 1 + static_cast<std::int64_t>(gap);
            } else {
              source += 1;
            }
            if (source >= from_count) break;
            if (connection.autapses || !same_group || from_first + source != target) add(from_first + source, target);
          }
        }
        break;
      }
      case Connection::Rule::in_degree: {
        const bool skip_self = same_group && !connection.autapses;
        const std::int64_t candidates = from_count - (skip_self ? 1 : 0);
        for (std::int64_t target = first_target; target < end_target; ++target) {
          for (std::int64_t index :
               distinct_sample(candidates, connection.in_degree, seed, c, static_cast<std::uint64_t>(target))) {
            // Without autapses the target itself is left out of the candidates: indices from it on move up one.
            if (skip_self && from_first + index >= target) ++index;
            add(from_first + index, target);
          }
        }
        break;
      }
      case Connection::Rule::edges:
        read_edge_file(connection, from_first, from_count, to_first, to_count, delay, channel, targets, edges);
        break;
    }
  }
  // Rows by source, stable: within a row, the order of the connections and of the targets.
  const std::int64_t neurons = group_first.back();
  table.offsets.assign(static_cast<std::size_t>(neurons) + 1, 0);
  for (const Edge& edge : edges) ++table.offsets[static_cast<std::size_t>(edge.source) + 1];
  for (std::size_t j = 1; j < table.offsets.size(); ++j) table.offsets[j] += table.offsets[j - 1];
  table.targets.resize(edges.size());
  table.weights.resize(edges.size());
  table.delays.resize(edges.size());
  if (!table.decay_ms.empty()) table.channels.resize(edges.size());
  std::vector<std::int64_t> next(table.offsets.begin(), table.offsets.end() - 1);
  for (const Edge& edge : edges) {
    const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(edge.source)]++);
    table.targets[at] = static_cast<std::uint32_t>(edge.target);
    table.weights[at] = edge.weight;
    table.delays[at] = static_cast<std::uint16_t>(edge.delay);
    if (!table.channels.empty()) table.channels[at] = edge.channel;
    table.max_delay = std::max(table.max_delay, edge.delay);
  }
  table.contiguous.assign(static_cast<std::size_t>(neurons), 1);
  for (std::size_t j = 0; j < static_cast<std::size_t>(neurons); ++j) {
    for (auto s = table.offsets[j] + 1; s < table.offsets[j + 1]; ++s) {
      const auto at = static_cast<std::size_t>(s);
      if (table.targets[at] != table.targets[at - 1] + 1 || table.delays[at] != table.delays[at - 1] ||
          (!table.channels.empty() && table.channels[at] != table.channels[at - 1])) {
        table.contiguous[j] = 0;
        break;
      }
    }
  }
  return table;
}

}  // namespace neurodyn::population_detail
