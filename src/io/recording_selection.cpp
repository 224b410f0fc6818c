#include "neurodyn/io/recording_selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

std::vector<double> cut(const std::vector<double>& samples, std::size_t first, std::size_t last) {
  return {samples.begin() + static_cast<std::ptrdiff_t>(first), samples.begin() + static_cast<std::ptrdiff_t>(last)};
}

// The sweep's samples with window.start <= t <= window.end.
Sweep cut_to(const Sweep& sweep, const SweepWindow& window, const std::filesystem::path& path) {
  const double last_time = sweep.time_ms.empty() ? 0.0 : sweep.time_ms.back();
  if (sweep.time_ms.empty() || window.start_ms < sweep.time_ms.front() || window.end_ms > last_time) {
    throw InputError(fmt::format("--window {:g}:{:g} ms is not within {} of '{}' ({:g} to {:g} ms)", window.start_ms,
                                 window.end_ms, sweep.name, path.string(),
                                 sweep.time_ms.empty() ? 0.0 : sweep.time_ms.front(), last_time));
  }
  const auto first = static_cast<std::size_t>(
      std::ranges::lower_bound(sweep.time_ms, window.start_ms) - sweep.time_ms.begin());
  const auto last = static_cast<std::size_t>(
      std::ranges::upper_bound(sweep.time_ms, window.end_ms) - sweep.time_ms.begin());
  if (last - first < 2) {
    throw InputError(fmt::format("--window {:g}:{:g} ms holds {} sample(s) of {}; allowed: a window of at least 2",
                                 window.start_ms, window.end_ms, last - first, sweep.name));
  }
  Sweep part = sweep;
  part.time_ms = cut(sweep.time_ms, first, last);
  for (RecordedChannel& channel : part.channels) channel.samples = cut(channel.samples, first, last);
  if (part.command) part.command->samples = cut(sweep.command->samples, first, last);
  part.epochs.clear();
  for (CommandEpoch epoch : sweep.epochs) {
    epoch.start_ms = std::max(epoch.start_ms, window.start_ms);
    epoch.end_ms = std::min(epoch.end_ms, window.end_ms);
    if (epoch.start_ms < epoch.end_ms) part.epochs.push_back(epoch);
  }
  return part;
}

}  // namespace

Recording select_sweeps(const Recording& recording, std::span<const int> numbers,
                        const std::optional<SweepWindow>& window) {
  if (window && !(window->start_ms < window->end_ms)) {
    throw InputError(
        fmt::format("--window {:g}:{:g} ms is empty; allowed: FROM < TO", window->start_ms, window->end_ms));
  }
  const int count = static_cast<int>(recording.sweeps.size());
  std::vector<int> chosen(numbers.begin(), numbers.end());
  if (chosen.empty()) {
    for (int number = 0; number < count; ++number) chosen.push_back(number);
  }
  std::set<int> seen;
  Recording part;
  part.path = recording.path;
  part.format = recording.format;
  part.facts = recording.facts;
  for (const int number : chosen) {
    if (number < 0 || number >= count) {
      throw InputError(fmt::format("--sweeps: sweep {} is not in '{}'; allowed: 0 to {}", number,
                                   recording.path.string(), count - 1));
    }
    if (!seen.insert(number).second) {
      throw InputError(fmt::format("--sweeps: sweep {} is listed twice; allowed: each sweep once", number));
    }
    const Sweep& sweep = recording.sweeps[static_cast<std::size_t>(number)];
    part.sweeps.push_back(window ? cut_to(sweep, *window, recording.path) : sweep);
  }
  return part;
}

}  // namespace neurodyn
