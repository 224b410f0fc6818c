#pragma once
// Part of a recording: some of its sweeps, cut to a time window.
#include <optional>
#include <span>

#include "neurodyn/io/recording.hpp"

namespace neurodyn {

// A window on the sweeps' time axis (Sweep::time_ms), in ms.
struct SweepWindow {
  double start_ms = 0.0;
  double end_ms = 0.0;
};

// The sweeps numbered `numbers` (all, in order, when empty), each cut to the samples with start <= t <= end
// (times keep their values), the command and its epochs cut alike.
// Throws InputError naming the recording and the value for a sweep number out of range (with the range
// allowed), a repeated number, or a window that is empty or not within every selected sweep (with its span).
Recording select_sweeps(const Recording& recording, std::span<const int> numbers,
                        const std::optional<SweepWindow>& window = std::nullopt);

}  // namespace neurodyn
