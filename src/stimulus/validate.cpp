#include <fmt/format.h>

#include <cmath>

#include "component_ops.hpp"
#include "neurodyn/error.hpp"

namespace neurodyn::stimulus_detail {
namespace {

[[noreturn]] void reject(std::string_view context, std::string_view key, double value, std::string_view problem,
                         std::string_view allowed) {
  throw InputError(fmt::format("{}: {} = {} {}; allowed: {}", context, key, value, problem, allowed));
}

void require_finite(std::string_view context, std::string_view key, double value) {
  if (!std::isfinite(value)) reject(context, key, value, "is not allowed", "a finite number");
}

// A time that may be infinite (an edge at -inf or +inf means "always on from/until then").
void require_number(std::string_view context, std::string_view key, double value) {
  if (std::isnan(value)) reject(context, key, value, "is not allowed", "a number, or -inf / inf");
}

void require_finite_at_least(std::string_view context, std::string_view key, double value, double min) {
  if (!(std::isfinite(value) && value >= min)) {
    reject(context, key, value, "is out of range", fmt::format("a finite number >= {}", min));
  }
}

void require_finite_positive(std::string_view context, std::string_view key, double value) {
  if (!(std::isfinite(value) && value > 0.0))
    reject(context, key, value, "is out of range", "a finite number > 0");
}

void require_window(std::string_view context, double start, double stop, bool start_may_be_infinite) {
  if (start_may_be_infinite) {
    require_number(context, "start", start);
  } else {
    require_finite(context, "start", start);
  }
  require_number(context, "stop", stop);
  if (stop < start) reject(context, "stop", stop, fmt::format("is before start = {}", start), "stop >= start");
}

void require_column(std::string_view context, std::string_view key, int column) {
  if (column < 0) reject(context, key, column, "is out of range", "an integer >= 0 (columns count from 0)");
}

}  // namespace

void validate(const StepCurrent& step, std::string_view context) {
  require_finite(context, "amp", step.amplitude);
  require_window(context, step.start, step.stop, true);
}

void validate(const PulseTrain& train, std::string_view context) {
  require_finite(context, "amp", train.amplitude);
  require_finite(context, "start", train.start);
  require_finite_at_least(context, "width", train.width, 0.0);
  require_finite_at_least(context, "period", train.period, 0.0);
  if (train.count < 1) reject(context, "count", train.count, "is out of range", "an integer >= 1");
  if (train.count > 1) {
    require_finite_positive(context, "period", train.period);
    if (!(train.width < train.period)) {
      reject(context, "width", train.width, fmt::format("does not fit in period = {}", train.period),
             "width < period, so that pulses neither touch nor overlap");
    }
  }
}

void validate(const Ramp& ramp, std::string_view context) {
  require_finite(context, "slope", ramp.slope);
  require_window(context, ramp.start, ramp.stop, false);
}

void validate(const Sine& sine, std::string_view context) {
  require_finite(context, "amp", sine.amplitude);
  require_finite_at_least(context, "freq_hz", sine.frequency_hz, 0.0);
  require_finite(context, "phase", sine.phase);
  require_finite(context, "offset", sine.offset);
  require_window(context, sine.start, sine.stop, true);
}

void validate_noise_parameters(const OrnsteinUhlenbeck& noise, std::string_view context) {
  require_finite(context, "mean", noise.mean);
  require_finite_at_least(context, "sigma", noise.sigma, 0.0);
  require_finite_positive(context, "tau", noise.tau);
  require_finite_positive(context, "sample_step", noise.sample_step);
}

void validate(const OrnsteinUhlenbeck& noise, std::string_view context) {
  validate_noise_parameters(noise, context);
  if (noise.samples.empty()) {
    throw InputError(fmt::format("{}: the noise has no samples; allowed: noise built by parse_stimulus", context));
  }
}

void validate(const CurrentTable& table, std::string_view context) {
  require_column(context, "time_col", table.time_column);
  require_column(context, "current_col", table.current_column);
  if (table.time_scale != 1.0 && table.time_scale != 1000.0) {
    reject(context, "time scale", table.time_scale, "is not allowed", "1 (time_unit=ms) or 1000 (time_unit=s)");
  }
  if (table.times.empty() || table.times.size() != table.currents.size()) {
    throw InputError(
        fmt::format("{}: table '{}' has {} times and {} currents; allowed: the same number, at least 1", context,
                    table.path, table.times.size(), table.currents.size()));
  }
  for (std::size_t row = 0; row < table.times.size(); ++row) {
    require_finite(context, "time", table.times[row]);
    require_finite(context, "current", table.currents[row]);
    if (row > 0 && !(table.times[row] > table.times[row - 1])) {
      reject(context, "time", table.times[row], fmt::format("follows {}", table.times[row - 1]),
             "strictly increasing times");
    }
  }
}

}  // namespace neurodyn::stimulus_detail
