#pragma once
// Thinning long traces for figures without losing what the eye looks for (spike peaks and troughs).
#include <cstddef>
#include <span>
#include <vector>

namespace neurodyn {

// Indices (increasing) of at most about `max_points` samples: the time span is cut into max_points / 2
// equal bins, and each bin keeps the samples of its smallest and largest value, in time order; the first
// and last samples are always kept. Every index when there are at most `max_points` samples.
// `times` is non-decreasing and as long as `values`.
std::vector<std::size_t> envelope_indices(std::span<const double> times, std::span<const double> values,
                                          std::size_t max_points);

// values[i] for each i in `indices`.
std::vector<double> pick(std::span<const double> values, std::span<const std::size_t> indices);

}  // namespace neurodyn
