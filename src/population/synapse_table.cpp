#include "synapse_table.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "../analysis/parallel_for.hpp"  // thread_count
#include "group_engine.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/population/ranks.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn::population_detail {

namespace {

struct Edge {
  std::uint32_t source, target;
  double weight;
  int delay;
  std::uint8_t channel;  // SynapseTable::channels
};

DecayChannel decay_channel(const Connection& connection) {
  return {connection.tau_ms,
          connection.synapse == Connection::Synapse::conductance ? connection.reversal_mv : std::nullopt};
}

std::uint8_t channel_of(const Connection& connection, const std::vector<DecayChannel>& decays) {
  if (connection.synapse == Connection::Synapse::jump) return 0;
  const auto at = std::find(decays.begin(), decays.end(), decay_channel(connection));
  return static_cast<std::uint8_t>(at - decays.begin() + 1);
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
                    std::int64_t to_first, std::int64_t to_count, int delay, std::uint8_t channel, NeuronRange targets,
                    std::vector<Edge>& edges) {
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

std::vector<DecayChannel> decay_channels(const NetworkSpec& spec) {
  std::vector<DecayChannel> channels;
  for (const Connection& connection : spec.connections) {
    if (connection.synapse != Connection::Synapse::jump &&
        std::find(channels.begin(), channels.end(), decay_channel(connection)) == channels.end()) {
      channels.push_back(decay_channel(connection));
    }
  }
  return channels;
}

int delay_bins(const Connection& connection, double bin_ms) {
  if (connection.delay_ms == 0.0) return 1;
  return static_cast<int>(std::lround(connection.delay_ms / bin_ms));
}

SynapseTable build_synapses(const NetworkSpec& spec, const std::vector<std::int64_t>& group_first,
                            NeuronRange targets) {
  // The table is filled in place, row by row: first each connection's synapses are counted per source (all pairs
  // by arithmetic; the drawn rules as lists of sources per target, 4 bytes a synapse; an edge file as its edges),
  // then every connection in order appends its synapses to their sources' rows, each row in the order of its
  // targets (of the file's lines for an edge file). A weight is a pure function of (seed, connection, source,
  // target), so the table is the same as that of an edge list sorted stably by source.
  SynapseTable table;
  table.decays = decay_channels(spec);
  const std::uint64_t seed = spec.seed;
  const std::int64_t neurons = group_first.back();
  std::vector<std::int64_t> counts(static_cast<std::size_t>(neurons) + 1, 0);  // row sizes, shifted by one
  const int threads = static_cast<int>(analysis_detail::thread_count(Ranks::threads(spec.threads), 1 << 30));

  // What each connection makes onto the targets drawn here.
  struct Made {
    std::int64_t from_first = 0, from_count = 0, first_target = 0, end_target = 0;
    int delay = 1;
    std::uint8_t channel = 0;
    bool autapses_skipped = false;  // the rule is all pairs of one group without autapses
    std::int64_t synapses = 0;
    std::vector<std::uint32_t> sources;    // drawn rules: the sources of each target, target by target
    std::vector<std::int64_t> per_target;  // their offsets (end_target - first_target + 1 entries)
    std::vector<Edge> edges;               // an edge file's edges onto the targets here, in the file's order
  };
  std::vector<Made> made(spec.connections.size());
  for (std::size_t c = 0; c < spec.connections.size(); ++c) {
    const Connection& connection = spec.connections[c];
    Made& m = made[c];
    const auto from = group_index(spec, connection.from), to = group_index(spec, connection.to);
    m.from_first = group_first[static_cast<std::size_t>(from)];
    m.from_count = spec.groups[static_cast<std::size_t>(from)].count;
    const std::int64_t to_first = group_first[static_cast<std::size_t>(to)];
    const std::int64_t to_count = spec.groups[static_cast<std::size_t>(to)].count;
    m.delay = delay_bins(connection, spec.bin_ms);
    m.channel = channel_of(connection, table.decays);
    const bool same_group = from == to;
    m.first_target = std::max(to_first, targets.begin);
    m.end_target = std::min(to_first + to_count, targets.end);
    const std::int64_t target_count = std::max<std::int64_t>(0, m.end_target - m.first_target);
    const auto count_sources = [&] {
      for (const std::uint32_t source : m.sources) ++counts[source + 1];
      m.synapses = static_cast<std::int64_t>(m.sources.size());
    };
    switch (connection.rule) {
      case Connection::Rule::all: {
        if (target_count == 0) break;
        m.autapses_skipped = same_group && !connection.autapses;
        for (std::int64_t source = m.from_first; source < m.from_first + m.from_count; ++source) {
          const bool self = m.autapses_skipped && source >= m.first_target && source < m.end_target;
          counts[static_cast<std::size_t>(source) + 1] += target_count - (self ? 1 : 0);
          m.synapses += target_count - (self ? 1 : 0);
        }
        break;
      }
      case Connection::Rule::probability: {
        // Geometric gaps between the chosen sources of each target: O(synapses), not O(sources x targets).
        const double p = connection.probability;
        m.per_target.assign(static_cast<std::size_t>(target_count) + 1, 0);
        if (p <= 0.0) break;
        m.sources.reserve(static_cast<std::size_t>(p * static_cast<double>(m.from_count * target_count) * 1.01));
        const double log_miss = std::log1p(-p);
        for (std::int64_t target = m.first_target; target < m.end_target; ++target) {
          std::int64_t source = -1;
          for (std::uint64_t draw = 0;; ++draw) {
            if (p < 1.0) {
              const double u = uniform01(seed, RandomStream::connectivity, c, static_cast<std::uint64_t>(target), draw);
              const double gap = std::floor(std::log(u) / log_miss);
              if (gap >= static_cast<double>(m.from_count)) break;
              source += 1 + static_cast<std::int64_t>(gap);
            } else {
              source += 1;
            }
            if (source >= m.from_count) break;
            if (connection.autapses || !same_group || m.from_first + source != target) {
              m.sources.push_back(static_cast<std::uint32_t>(m.from_first + source));
            }
          }
          m.per_target[static_cast<std::size_t>(target - m.first_target) + 1] =
              static_cast<std::int64_t>(m.sources.size());
        }
        count_sources();
        break;
      }
      case Connection::Rule::in_degree: {
        const bool skip_self = same_group && !connection.autapses;
        const std::int64_t candidates = m.from_count - (skip_self ? 1 : 0);
        // Every target takes in_degree sources, so its place is known and the targets are drawn on the threads.
        const std::int64_t k = connection.in_degree;
        m.per_target.resize(static_cast<std::size_t>(target_count) + 1);
        for (std::int64_t i = 0; i <= target_count; ++i) m.per_target[static_cast<std::size_t>(i)] = i * k;
        m.sources.resize(static_cast<std::size_t>(k * target_count));
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1 && k * target_count >= 65536)
        for (std::int64_t i = 0; i < target_count; ++i) {
          const std::int64_t target = m.first_target + i;
          std::uint32_t* sources = m.sources.data() + i * k;
          for (std::int64_t index : distinct_sample(candidates, k, seed, c, static_cast<std::uint64_t>(target))) {
            // Without autapses the target itself is left out of the candidates: indices from it on move up one.
            if (skip_self && m.from_first + index >= target) ++index;
            *sources++ = static_cast<std::uint32_t>(m.from_first + index);
          }
        }
        count_sources();
        break;
      }
      case Connection::Rule::edges:
        read_edge_file(connection, m.from_first, m.from_count, to_first, to_count, m.delay, m.channel, targets,
                       m.edges);
        for (const Edge& edge : m.edges) ++counts[static_cast<std::size_t>(edge.source) + 1];
        m.synapses = static_cast<std::int64_t>(m.edges.size());
        break;
    }
  }

  // Rows: offsets, then every connection's synapses appended to their rows in connection order.
  for (std::size_t j = 1; j < counts.size(); ++j) counts[j] += counts[j - 1];
  table.offsets = std::move(counts);
  const auto synapses = static_cast<std::size_t>(table.offsets.back());
  table.targets.resize(synapses);
  table.weights.resize(synapses);
  table.delays.resize(synapses);
  if (!table.decays.empty()) table.channels.resize(synapses);
  std::vector<std::int64_t> next(table.offsets.begin(), table.offsets.end() - 1);
  for (std::size_t c = 0; c < spec.connections.size(); ++c) {
    const Connection& connection = spec.connections[c];
    Made& m = made[c];
    if (m.synapses > 0) table.max_delay = std::max(table.max_delay, m.delay);
    const auto weight = [&](std::int64_t source, std::int64_t target) {
      const auto s = static_cast<std::uint64_t>(source), t = static_cast<std::uint64_t>(target);
      const double r = uniform01_element(seed, RandomStream::weights, c, s, t);
      return draw_value(connection.weight, r, seed, RandomStream::weights, c, s, t);
    };
    const auto fill_delay_channel = [&](std::size_t at, std::size_t count) {
      std::fill_n(table.delays.begin() + static_cast<std::ptrdiff_t>(at), count, static_cast<std::uint16_t>(m.delay));
      if (!table.channels.empty()) {
        std::fill_n(table.channels.begin() + static_cast<std::ptrdiff_t>(at), count, m.channel);
      }
    };
    switch (connection.rule) {
      case Connection::Rule::all: {
        if (m.end_target <= m.first_target) break;
        // Each source's row takes the targets in order: rows are independent, so they are filled on the threads.
        const std::int64_t sources = m.from_count;
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1 && m.synapses >= 65536)
        for (std::int64_t i = 0; i < sources; ++i) {
          const std::int64_t source = m.from_first + i;
          auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(source)]);
          const std::size_t row_start = at;
          const auto s = static_cast<std::uint64_t>(source);
          // The targets' r four at a time, one Philox call each quad (random_streams.hpp, uniform01_quad).
          for (std::int64_t quad = m.first_target / 4; quad * 4 < m.end_target; ++quad) {
            const std::array<double, 4> r =
                uniform01_quad(seed, RandomStream::weights, c, s, static_cast<std::uint64_t>(quad));
            const std::int64_t begin = std::max(quad * 4, m.first_target), end = std::min(quad * 4 + 4, m.end_target);
            for (std::int64_t target = begin; target < end; ++target) {
              if (m.autapses_skipped && target == source) continue;
              const auto t = static_cast<std::uint64_t>(target);
              table.targets[at] = static_cast<std::uint32_t>(target);
              table.weights[at] = draw_value(connection.weight, r[static_cast<std::size_t>(target - quad * 4)], seed,
                                             RandomStream::weights, c, s, t);
              ++at;
            }
          }
          fill_delay_channel(row_start, at - row_start);
          next[static_cast<std::size_t>(source)] = static_cast<std::int64_t>(at);
        }
        break;
      }
      case Connection::Rule::probability:
      case Connection::Rule::in_degree:
        // Each thread fills the rows of its own range of sources, reading every target's sources in target order:
        // a row takes its targets in increasing order whatever the threads.
#pragma omp parallel num_threads(threads) if (threads > 1 && m.synapses >= 65536)
      {
        const auto share = static_cast<std::int64_t>(omp_get_num_threads());
        const auto me = static_cast<std::int64_t>(omp_get_thread_num());
        const std::int64_t low = m.from_first + m.from_count * me / share;
        const std::int64_t high = m.from_first + m.from_count * (me + 1) / share;
        for (std::int64_t target = m.first_target; target < m.end_target; ++target) {
          const auto k = static_cast<std::size_t>(target - m.first_target);
          for (auto i = m.per_target[k]; i < m.per_target[k + 1]; ++i) {
            const std::uint32_t source = m.sources[static_cast<std::size_t>(i)];
            if (source < low || source >= high) continue;
            const auto at = static_cast<std::size_t>(next[source]++);
            table.targets[at] = static_cast<std::uint32_t>(target);
            table.weights[at] = weight(source, target);
            fill_delay_channel(at, 1);
          }
        }
      }
        m.sources = {};
        m.per_target = {};
        break;
      case Connection::Rule::edges:
        for (const Edge& edge : m.edges) {
          const auto at = static_cast<std::size_t>(next[edge.source]++);
          table.targets[at] = edge.target;
          table.weights[at] = edge.weight;
          fill_delay_channel(at, 1);
        }
        m.edges = {};
        break;
    }
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
