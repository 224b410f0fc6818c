#include "neurodyn/io/downsample.hpp"

#include <algorithm>
#include <numeric>

namespace neurodyn {

std::vector<std::size_t> envelope_indices(std::span<const double> times, std::span<const double> values,
                                          std::size_t max_points) {
  const std::size_t count = values.size();
  std::vector<std::size_t> kept;
  if (count <= max_points || max_points < 4) {
    kept.resize(count);
    std::iota(kept.begin(), kept.end(), std::size_t{0});
    return kept;
  }
  const std::size_t bins = max_points / 2 - 1;  // leaves room for the first and last samples
  const double start = times.front(), span = times.back() - times.front();
  auto bin_of = [&](std::size_t i) {
    if (!(span > 0.0)) return std::size_t{0};
    return std::min(bins - 1, static_cast<std::size_t>((times[i] - start) / span * static_cast<double>(bins)));
  };

  kept.push_back(0);
  std::size_t i = 1;
  while (i + 1 < count) {
    const std::size_t bin = bin_of(i);
    std::size_t lowest = i, highest = i;
    for (; i + 1 < count && bin_of(i) == bin; ++i) {
      if (values[i] < values[lowest]) lowest = i;
      if (values[i] > values[highest]) highest = i;
    }
    kept.push_back(std::min(lowest, highest));
    if (lowest != highest) kept.push_back(std::max(lowest, highest));
  }
  kept.push_back(count - 1);
  return kept;
}

std::vector<double> pick(std::span<const double> values, std::span<const std::size_t> indices) {
  std::vector<double> picked;
  picked.reserve(indices.size());
  for (const std::size_t i : indices) picked.push_back(values[i]);
  return picked;
}

}  // namespace neurodyn
