// eFEL's subthreshold features of the response to a current step: the baseline, the steady state, the
// deflection, the extremes during the step, the decay after it, the sag and the input resistance.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "efel_context.hpp"

namespace neurodyn::efel_detail {

// The mean (or median) of v over [start_perc * stim_start, end_perc * stim_start]; a grid point up to
// precision_threshold past the end is included (eFEL 1b6c129, efel/cppcore/Utils.cpp, get_time_index, whose start
// index stays 0 when no time reaches the window's start).
EfelValue voltage_base(Context& context) {
  const EfelSettings& settings = context.settings();
  const double from = context.stim_start() * settings.voltage_base_start_perc;
  const double to = context.stim_start() * settings.voltage_base_end_perc;
  if (from >= to) return std::nullopt;
  const std::vector<double>& t = context.t();
  const std::size_t n = context.size();
  const std::size_t at_or_after = context.first_index_at_or_after(from);
  const std::size_t first = at_or_after == n ? 0 : at_or_after;
  std::size_t end = n;
  for (std::size_t i = n - 1; i > 0; --i) {
    if (t[i] - to < settings.precision_threshold) {
      end = i + 1;
      break;
    }
  }
  if (first > end) return std::nullopt;
  std::vector<double> window(context.v().begin() + static_cast<std::ptrdiff_t>(first),
                             context.v().begin() + static_cast<std::ptrdiff_t>(end));
  if (settings.voltage_base_median) {
    if (window.empty()) return std::nullopt;
    std::ranges::sort(window);
    const std::size_t count = window.size();
    if (count % 2 != 0) return std::vector<double>{window[count / 2]};
    return std::vector<double>{(window[(count - 1) / 2] + window[count / 2]) / 2.0};
  }
  double sum = 0.0;  // an empty window gives 0 / 0 = NaN, as in eFEL
  for (const double value : window) sum += value;
  return std::vector<double>{sum / static_cast<double>(window.size())};
}

// The mean of v over the samples after the stimulus end, summed from the end of the trace backwards; NaN when
// there is none (eFEL 1b6c129, efel/cppcore/Subthreshold.cpp, __steady_state_voltage, computes 0 / 0).
EfelValue steady_state_voltage(Context& context) {
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  double sum = 0.0;
  int count = 0;
  for (std::size_t i = context.size(); i > 0 && t[i - 1] > context.stim_end(); --i) {
    sum += v[i - 1];
    ++count;
  }
  return std::vector<double>{sum / count};
}

// The mean of v over the last 10% of the step, [stim_end - 0.1 (stim_end - stim_start), stim_end).
EfelValue steady_state_voltage_stimend(Context& context) {
  const double from = context.stim_end() - 0.1 * (context.stim_end() - context.stim_start());
  const std::size_t first = context.first_index_at_or_after(from);
  const std::size_t end = context.first_index_at_or_after(context.stim_end());
  if (end <= first) return std::nullopt;
  double sum = 0.0;
  for (std::size_t i = first; i < end; ++i) sum += context.v()[i];
  return std::vector<double>{sum / static_cast<double>(end - first)};
}

// The mean of the five samples v[E - 10 .. E - 6], E the first sample after the stimulus end, minus the mean of
// the samples before the stimulus start (eFEL 1b6c129, efel/cppcore/Subthreshold.cpp, __voltage_deflection).
EfelValue voltage_deflection(Context& context) {
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  constexpr std::size_t window = 5;
  double base = 0.0;
  int base_count = 0;
  std::size_t after_end = 0;
  for (std::size_t i = 0; i < context.size(); ++i) {
    if (t[i] < context.stim_start()) {
      base += v[i];
      ++base_count;
    }
    if (t[i] > context.stim_end()) {
      after_end = i;
      break;
    }
  }
  if (base_count == 0 || after_end < 2 * window) return std::nullopt;
  base /= base_count;
  double sum = 0.0;
  for (std::size_t i = after_end - 2 * window; i < after_end - window; ++i) sum += v[i];
  sum /= window;
  return std::vector<double>{sum - base};
}

// The mean of v over (rb, rb + 10% of the step], rb = stim_start + 5% of the step, minus the mean of the leading
// samples before the stimulus start; either mean over no sample is NaN, as in eFEL (eFEL 1b6c129,
// efel/cppcore/Subthreshold.cpp, __voltage_deflection_begin).
EfelValue voltage_deflection_begin(Context& context) {
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  const double duration = context.stim_end() - context.stim_start();
  const double range_percentage = 0.10;
  const double range_begin = context.stim_start() + duration * (range_percentage / 2);
  const double range_stop = range_begin + duration * range_percentage;
  double base = 0.0;
  int base_count = 0;
  for (std::size_t i = 0; i < context.size() && t[i] < context.stim_start(); ++i) {
    base += v[i];
    ++base_count;
  }
  base /= base_count;
  double sum = 0.0;
  int count = 0;
  for (std::size_t i = 0; i < context.size() && t[i] <= range_stop; ++i) {
    if (t[i] > range_begin) {
      sum += v[i];
      ++count;
    }
  }
  sum /= count;
  return std::vector<double>{sum - base};
}

namespace {

enum class Extreme { maximum, minimum };

// The maximum or minimum of v over [idx_ge(stim_start), idx_ge(min(stim_end, t[last]))); an empty range gives the
// sample at its end, as eFEL's max_element does (eFEL 1b6c129, efel/cppcore/Subthreshold.cpp, __maxmin_voltage).
EfelValue extreme_voltage(Context& context, Extreme extreme) {
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  if (context.stim_start() > t.back()) return std::nullopt;
  const double end_time = std::min(context.stim_end(), t.back());
  const std::size_t first = context.first_index_at_or_after(context.stim_start());
  const std::size_t end = context.first_index_at_or_after(end_time);
  if (first >= context.size() || end >= context.size()) return std::nullopt;
  if (first >= end) return std::vector<double>{v[end]};
  double result = v[first];
  for (std::size_t i = first + 1; i < end; ++i) {
    if (extreme == Extreme::maximum ? v[i] > result : v[i] < result) result = v[i];
  }
  return std::vector<double>{result};
}

}  // namespace

EfelValue maximum_voltage(Context& context) { return extreme_voltage(context, Extreme::maximum); }

EfelValue minimum_voltage(Context& context) { return extreme_voltage(context, Extreme::minimum); }

// |1 / slope| of the straight-line fit of ln|v - v(stim_start)| against t over
// [stim_end + decay_start_after_stim, stim_end + decay_end_after_stim), by the textbook formula on running sums
// (eFEL 1b6c129, efel/cppcore/Utils.cpp, slope_straight_line_fit).
EfelValue decay_time_constant_after_stim(Context& context) {
  const EfelSettings& settings = context.settings();
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  const std::size_t reference_index = context.first_index_at_or_after(context.stim_start());
  if (reference_index >= context.size()) return std::nullopt;
  const double reference = v[reference_index];
  const std::size_t first = context.first_index_at_or_after(context.stim_end() + settings.decay_start_after_stim_ms);
  const std::size_t end = context.first_index_at_or_after(context.stim_end() + settings.decay_end_after_stim_ms);
  if (end <= first) return std::nullopt;
  double sum_x = 0.0, sum_y = 0.0, sum_xx = 0.0, sum_xy = 0.0;
  for (std::size_t i = first; i < end; ++i) {
    const double x = t[i];
    const double y = std::log(std::abs(v[i] - reference));
    sum_x += x;
    sum_y += y;
    sum_xx += x * x;
    sum_xy += x * y;
  }
  const auto n = static_cast<double>(end - first);
  const double slope = (n * sum_xy - sum_x * sum_y) / (n * sum_xx - sum_x * sum_x);
  return std::vector<double>{std::abs(-1.0 / slope)};
}

EfelValue voltage_deflection_vb_ssse(Context& context) {
  const EfelValue& steady = context.get(Feature::steady_state_voltage_stimend);
  const EfelValue& base = context.get(Feature::voltage_base);
  if (!steady || !base) return std::nullopt;
  return std::vector<double>{steady->front() - base->front()};
}

// steady_state_voltage_stimend - minimum_voltage for a hyperpolarising (or null) step; undefined for a
// depolarising one.
EfelValue sag_amplitude(Context& context) {
  const EfelValue& steady = context.get(Feature::steady_state_voltage_stimend);
  const EfelValue& deflection = context.get(Feature::voltage_deflection_vb_ssse);
  const EfelValue& minimum = context.get(Feature::minimum_voltage);
  if (!steady || !deflection || !minimum || !(deflection->front() <= 0)) return std::nullopt;
  return std::vector<double>{steady->front() - minimum->front()};
}

// sag_amplitude / (voltage_base - minimum_voltage).
EfelValue sag_ratio1(Context& context) {
  const EfelValue& sag = context.get(Feature::sag_amplitude);
  const EfelValue& base = context.get(Feature::voltage_base);
  const EfelValue& minimum = context.get(Feature::minimum_voltage);
  if (!sag || !base || !minimum || minimum->front() == base->front()) return std::nullopt;
  return std::vector<double>{sag->front() / (base->front() - minimum->front())};
}

// voltage_deflection (mV) / stimulus current (nA) = MOhm; undefined without a current or with 0.
EfelValue ohmic_input_resistance(Context& context) {
  const EfelValue& deflection = context.get(Feature::voltage_deflection);
  const std::optional<double>& current = context.stimulus().current_nA;
  if (!deflection || !current || *current == 0.0) return std::nullopt;
  return std::vector<double>{deflection->front() / *current};
}

}  // namespace neurodyn::efel_detail
