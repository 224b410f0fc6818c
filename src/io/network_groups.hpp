#pragma once
// The groups of a network's result as ranges of global neuron indices (groups consecutive and in order), shared
// by its files and figures.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "neurodyn/population/network.hpp"

namespace neurodyn {

struct GroupRange {
  std::int64_t first;
  std::int64_t count;
};

inline std::vector<GroupRange> group_ranges(const NetworkSpec& spec, const NetworkResult& result) {
  std::vector<GroupRange> ranges;
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    ranges.push_back({result.group_first.at(g), spec.groups[g].count});
  }
  return ranges;
}

// The group of a global neuron index.
inline std::size_t group_of(const std::vector<GroupRange>& ranges, std::int64_t neuron) {
  const auto after = std::upper_bound(ranges.begin(), ranges.end(), neuron,
                                      [](std::int64_t n, const GroupRange& range) { return n < range.first; });
  return after == ranges.begin() ? 0 : static_cast<std::size_t>(after - ranges.begin() - 1);
}

}  // namespace neurodyn
