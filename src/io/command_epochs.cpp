#include "neurodyn/io/command_epochs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

// A run of samples [first, last) at one level.
struct Level {
  std::size_t first = 0;
  std::size_t last = 0;
  double mean = 0.0;
};

template <class T>
T median(std::vector<T> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// The standard deviation of the sample noise, from the median absolute first difference (robust to steps).
double noise_of(std::span<const double> command) {
  std::vector<double> differences(command.size() - 1);
  for (std::size_t i = 1; i < command.size(); ++i) differences[i - 1] = std::abs(command[i] - command[i - 1]);
  return median(std::move(differences)) / (0.6745 * std::sqrt(2.0));
}

double mean_of(std::span<const double> values) {
  double sum = 0.0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

std::vector<Level> levels_of(std::span<const double> command, double tolerance) {
  constexpr std::size_t persistence = 3;  // samples that must all leave a level to start the next
  std::vector<Level> levels;
  std::size_t first = 0;
  // The reference of the current level: the mean of its first few samples, so one noisy sample does not set it.
  const auto reference_at = [&](std::size_t start) {
    const std::size_t end = std::min(command.size(), start + persistence);
    return mean_of(command.subspan(start, end - start));
  };
  double reference = reference_at(0);
  for (std::size_t i = 1; i < command.size(); ++i) {
    const std::size_t end = std::min(command.size(), i + persistence);
    const bool left = std::all_of(command.begin() + static_cast<std::ptrdiff_t>(i),
                                  command.begin() + static_cast<std::ptrdiff_t>(end),
                                  [&](double value) { return std::abs(value - reference) > tolerance; });
    if (!left || end - i < persistence) continue;
    levels.push_back({first, i, mean_of(command.subspan(first, i - first))});
    first = i;
    reference = reference_at(i);
  }
  levels.push_back({first, command.size(), mean_of(command.subspan(first))});
  return levels;
}

}  // namespace

std::vector<CommandEpoch> detect_command_epochs(std::span<const double> time_ms, std::span<const double> command_pA) {
  if (time_ms.size() != command_pA.size() || command_pA.size() < 2) {
    throw InputError(fmt::format("command: {} times and {} samples; allowed: equal counts, at least 2",
                                 time_ms.size(), command_pA.size()));
  }
  for (std::size_t i = 0; i < command_pA.size(); ++i) {
    if (!std::isfinite(command_pA[i])) {
      throw InputError(fmt::format("command: sample {} is {}; allowed: finite values (pA)", i, command_pA[i]));
    }
  }
  const auto [low, high] = std::minmax_element(command_pA.begin(), command_pA.end());
  const double tolerance = std::max({6.0 * noise_of(command_pA), 1e-3 * (*high - *low), 1e-9});
  const std::vector<Level> levels = levels_of(command_pA, tolerance);

  const double interval = time_ms[time_ms.size() - 1] - time_ms[time_ms.size() - 2];
  const auto time_at = [&](std::size_t index) {
    return index < time_ms.size() ? time_ms[index] : time_ms.back() + interval;
  };
  const double holding = levels.front().mean;
  std::vector<CommandEpoch> epochs;
  int steps = 0, ramps = 0;
  for (std::size_t k = 0; k < levels.size();) {
    // A ramp: three or more levels in a row, each a small move in the same direction as the one before.
    std::size_t end = k + 1;
    const auto small_move = [&](std::size_t j) {
      const double move = levels[j].mean - levels[j - 1].mean;
      const double first_move = levels[k + 1].mean - levels[k].mean;
      return std::abs(move) <= 3.0 * tolerance && move * first_move > 0.0;
    };
    while (end < levels.size() && small_move(end)) ++end;
    if (end - k >= 3) {
      // The plateaus before and after a ramp join its run of small moves: they are far longer than its levels.
      std::vector<std::size_t> lengths;
      for (std::size_t j = k; j < end; ++j) lengths.push_back(levels[j].last - levels[j].first);
      const auto plateau = [&, typical = median(lengths)](std::size_t j) {
        return levels[j].last - levels[j].first > 3 * typical;
      };
      if (plateau(end - 1)) --end;
      if (plateau(k)) end = k + 1;
    }
    CommandEpoch epoch;
    epoch.start_ms = time_at(levels[k].first);
    epoch.end_ms = time_at(levels[end - 1].last);
    if (end - k >= 3) {
      epoch.type = "ramp";
      epoch.name = fmt::format("ramp {}", ++ramps);
      epoch.level_pA = command_pA[levels[k].first];
      epoch.end_level_pA = command_pA[levels[end - 1].last - 1];
      k = end;
    } else {
      const bool at_holding = std::abs(levels[k].mean - holding) <= tolerance;
      epoch.type = at_holding ? "holding" : "step";
      epoch.name = at_holding ? "holding" : fmt::format("step {}", ++steps);
      epoch.level_pA = epoch.end_level_pA = levels[k].mean;
      ++k;
    }
    epochs.push_back(epoch);
  }
  return epochs;
}

namespace {

bool away_from(const CommandEpoch& epoch, double holding_pA) {
  const double tolerance = 1e-9 * std::max(1.0, std::abs(holding_pA));
  return epoch.type != "holding" &&
         (std::abs(epoch.level_pA - holding_pA) > tolerance || std::abs(epoch.end_level_pA - holding_pA) > tolerance);
}

}  // namespace

std::vector<CommandEpoch> test_steps(std::span<const CommandEpoch> epochs, double holding_pA) {
  std::vector<CommandEpoch> steps;
  std::ranges::copy_if(epochs, std::back_inserter(steps), [&](const CommandEpoch& epoch) {
    return epoch.type == "step" && away_from(epoch, holding_pA);
  });
  return steps;
}

SpikeTrainWindow command_response_window(const Sweep& sweep) {
  const double start = sweep.time_ms.front(), end = sweep.time_ms.back();
  const auto away = [&](const CommandEpoch& epoch) { return away_from(epoch, sweep.holding_pA); };
  const auto first = std::ranges::find_if(sweep.epochs, away);
  if (!sweep.command || first == sweep.epochs.end()) return {start, end};
  const auto last = std::find_if(sweep.epochs.rbegin(), sweep.epochs.rend(), away);
  SpikeTrainWindow window{std::max(start, first->start_ms), end, first->level_pA > sweep.holding_pA ? 1 : -1};
  if (last->end_ms < end) window.input_end_ms = last->end_ms;
  return window;
}

}  // namespace neurodyn
