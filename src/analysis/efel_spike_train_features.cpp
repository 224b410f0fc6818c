// eFEL's spike detection and the features of the spike train: peak times and voltages, counts, latencies,
// interspike intervals, their variability and adaptation, and bursts.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "efel_context.hpp"

namespace neurodyn::efel_detail {
namespace {

// The median, the two middle values averaged for an even count (numpy.median). Expects values not empty.
double median(std::vector<double> values) {
  std::ranges::sort(values);
  const std::size_t n = values.size();
  if (n % 2 != 0) return values[n / 2];
  return (values[(n - 1) / 2] + values[n / 2]) / 2.0;
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

// (1 / (m - 1)) * sum over k = 1..m-1 of (d_k - d_{k-1}) / (d_k + d_{k-1}), d the m intervals between the spike
// times, summed in eFEL's order (eFEL 1b6c129, efel/cppcore/SpikeEvent.cpp, __adaptation_index).
double adaptation_formula(const std::vector<double>& spike_times) {
  std::vector<double> intervals;
  for (std::size_t k = 1; k < spike_times.size(); ++k) intervals.push_back(spike_times[k] - spike_times[k - 1]);
  double sum = 0.0;
  for (std::size_t k = 1; k < intervals.size(); ++k) {
    sum = sum + (intervals[k] - intervals[k - 1]) / (intervals[k] + intervals[k - 1]);
  }
  return sum / static_cast<double>(intervals.size() - 1);
}

// The peak times within [stim_start - offset, stim_end + offset], in order.
std::vector<double> spikes_in_adaptation_window(Context& context, const std::vector<double>& peak_times) {
  const double from = context.stim_start() - context.settings().offset_ms;
  const double to = context.stim_end() + context.settings().offset_ms;
  std::vector<double> selected;
  for (const double time : peak_times) {
    if (time >= from && time <= to) selected.push_back(time);
  }
  return selected;
}

bool in_stimulus(const Context& context, double time) {
  return context.stim_start() <= time && time <= context.stim_end();
}

}  // namespace

// Up crossings (v[i] > threshold > v[i-1]) paired in order with down crossings (v[i] < threshold < v[i-1]), both
// strict, so a sample exactly at the threshold is neither and can hide a spike (eFEL 1b6c129,
// efel/cppcore/SpikeEvent.cpp, __peak_indices). Leading downs go, surplus trailing ups go, and each peak is the
// first maximum over [up, down].
EfelValue peak_indices(Context& context) {
  const std::vector<double>& v = context.v();
  const double threshold = context.settings().threshold_mV;
  std::vector<std::size_t> ups, downs;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] > threshold && v[i - 1] < threshold) {
      ups.push_back(i);
    } else if (v[i] < threshold && v[i - 1] > threshold) {
      downs.push_back(i);
    }
  }
  if (ups.empty() || downs.empty()) return std::nullopt;
  std::size_t leading_downs = 0;
  while (leading_downs < downs.size() && downs[leading_downs] < ups.front()) ++leading_downs;
  downs.erase(downs.begin(), downs.begin() + static_cast<std::ptrdiff_t>(leading_downs));
  if (ups.size() > downs.size()) ups.resize(downs.size());

  std::vector<double> peaks;
  for (std::size_t k = 0; k < ups.size(); ++k) {
    double highest = -1e9;
    std::optional<std::size_t> peak;
    for (std::size_t j = ups[k]; j <= downs[k]; ++j) {
      if (highest < v[j]) {
        highest = v[j];
        peak = j;
      }
    }
    if (!peak) continue;
    if (context.settings().strict_stiminterval && !in_stimulus(context, context.t()[*peak])) continue;
    peaks.push_back(static_cast<double>(*peak));
  }
  if (peaks.empty()) return std::nullopt;
  return peaks;
}

EfelValue peak_time(Context& context) {
  const EfelValue& peaks = context.get(Feature::peak_indices);
  if (!peaks) return std::nullopt;
  std::vector<double> times;
  for (const std::size_t peak : as_indices(*peaks)) times.push_back(context.t()[peak]);
  return times;
}

EfelValue peak_voltage(Context& context) {
  const EfelValue& peaks = context.get(Feature::peak_indices);
  if (!peaks) return std::nullopt;
  std::vector<double> voltages;
  for (const std::size_t peak : as_indices(*peaks)) voltages.push_back(context.v()[peak]);
  return voltages;
}

EfelValue AP_height(Context& context) { return context.get(Feature::peak_voltage); }

// Never undefined: [0] without spikes.
EfelValue spike_count(Context& context) {
  const EfelValue& peaks = context.get(Feature::peak_indices);
  return std::vector<double>{peaks ? static_cast<double>(peaks->size()) : 0.0};
}

EfelValue spike_count_stimint(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times) return std::vector<double>{0.0};
  double count = 0.0;
  for (const double time : *times) {
    if (in_stimulus(context, time)) count += 1.0;
  }
  return std::vector<double>{count};
}

// In-stimulus spikes over the time from the stimulus start to the last of them; eFEL takes 0 as that last time
// when none is in the stimulus, which gives -0.0 (eFEL 1b6c129, efel/cppcore/SpikeEvent.cpp, firing_rate).
EfelValue mean_frequency(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times) return std::nullopt;
  double last = 0.0;
  long count = 0;
  for (const double time : *times) {
    if (in_stimulus(context, time)) {
      last = time;
      ++count;
    }
  }
  if (last == context.stim_start()) return std::nullopt;
  return std::vector<double>{static_cast<double>(count * 1000) / (last - context.stim_start())};
}

// From the stimulus start to the first peak, even one before the start (negative then).
EfelValue time_to_first_spike(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times) return std::nullopt;
  return std::vector<double>{times->front() - context.stim_start()};
}

EfelValue time_to_second_spike(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times || times->size() < 2) return std::nullopt;
  return std::vector<double>{(*times)[1] - context.stim_start()};
}

EfelValue time_to_last_spike(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times) return std::nullopt;
  return std::vector<double>{times->back() - context.stim_start()};
}

EfelValue all_ISI_values(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times || times->size() < 2) return std::nullopt;
  std::vector<double> intervals;
  for (std::size_t k = 1; k < times->size(); ++k) intervals.push_back((*times)[k] - (*times)[k - 1]);
  return intervals;
}

// The one feature that can be an empty vector rather than undefined: with exactly 2 spikes and the first ISI
// ignored (eFEL 1b6c129, efel/pyfeatures/isi.py, ISI_values).
EfelValue ISI_values(Context& context) {
  const EfelValue& intervals = context.get(Feature::all_ISI_values);
  if (!intervals) return std::nullopt;
  if (!context.settings().ignore_first_isi) return intervals;
  return std::vector<double>(intervals->begin() + 1, intervals->end());
}

EfelValue doublet_ISI(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times || times->size() < 2) return std::nullopt;
  return std::vector<double>{(*times)[1] - (*times)[0]};
}

// inv_first_ISI and inv_last_ISI use every ISI: ignore_first_ISI does not apply.
EfelValue inv_first_ISI(Context& context) {
  const EfelValue& intervals = context.get(Feature::all_ISI_values);
  if (!intervals) return std::nullopt;
  return std::vector<double>{1000.0 / intervals->front()};
}

EfelValue inv_last_ISI(Context& context) {
  const EfelValue& intervals = context.get(Feature::all_ISI_values);
  if (!intervals) return std::nullopt;
  return std::vector<double>{1000.0 / intervals->back()};
}

// Sample standard deviation (n - 1) of ISI_values over their mean; >= 2 values.
EfelValue ISI_CV(Context& context) {
  const EfelValue& intervals = context.get(Feature::ISI_values);
  if (!intervals || intervals->size() < 2) return std::nullopt;
  const double average = mean(*intervals);
  double sum_of_squares = 0.0;
  for (const double interval : *intervals) {
    const double deviation = interval - average;
    sum_of_squares += deviation * deviation;
  }
  return std::vector<double>{std::sqrt(sum_of_squares / static_cast<double>(intervals->size() - 1)) / average};
}

// Least-squares slope of ln(ISI_k) against ln(k), k = 1..n, n >= 2 (eFEL fits it with numpy.polyfit, which fails
// on one point: eFEL 1b6c129, efel/pyfeatures/isi.py, _isi_log_slope_core).
EfelValue ISI_log_slope(Context& context) {
  const EfelValue& intervals = context.get(Feature::ISI_values);
  if (!intervals || intervals->size() < 2) return std::nullopt;
  std::vector<double> x, y;
  for (std::size_t k = 0; k < intervals->size(); ++k) {
    x.push_back(std::log(static_cast<double>(k + 1)));
    y.push_back(std::log((*intervals)[k]));
  }
  const double x_mean = mean(x), y_mean = mean(y);
  double covariance = 0.0, variance = 0.0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    covariance += (x[k] - x_mean) * (y[k] - y_mean);
    variance += (x[k] - x_mean) * (x[k] - x_mean);
  }
  return std::vector<double>{covariance / variance};
}

// The peaks in the stimulus window (widened by offset), less the first round(n * spike_skipf) of them but at most
// max_spike_skip; >= 4 left (eFEL 1b6c129, efel/cppcore/SpikeEvent.cpp, __adaptation_index).
EfelValue adaptation_index(Context& context) {
  const EfelSettings& settings = context.settings();
  if (settings.spike_skipf < 0.0 || settings.spike_skipf >= 1.0) return std::nullopt;
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times) return std::nullopt;
  std::vector<double> spikes = spikes_in_adaptation_window(context, *times);
  // C's truncation of n * spike_skipf + 0.5, as eFEL.
  const int rounded = static_cast<int>(static_cast<double>(spikes.size()) * settings.spike_skipf + 0.5);
  const int skipped = std::min(rounded, settings.max_spike_skip);
  if (skipped > 0) spikes.erase(spikes.begin(), spikes.begin() + skipped);
  if (spikes.size() < 4) return std::nullopt;
  return std::vector<double>{adaptation_formula(spikes)};
}

// As adaptation_index, but always without the first spike in the window; >= 4 peaks in all and in the window.
EfelValue adaptation_index2(Context& context) {
  const EfelValue& times = context.get(Feature::peak_time);
  if (!times || times->size() < 4) return std::nullopt;
  std::vector<double> spikes = spikes_in_adaptation_window(context, *times);
  if (spikes.size() < 4) return std::nullopt;
  spikes.erase(spikes.begin());
  return std::vector<double>{adaptation_formula(spikes)};
}

// A burst ends at ISI i when it is longer than burst_factor times the median of the ISIs since the last burst end
// and the next ISI is shorter than it over burst_factor; the value is i + 1, the index (among all the peaks, when
// the first ISI is ignored) of the last peak of the burst (eFEL 1b6c129, efel/pyfeatures/isi.py,
// burst_ISI_indices). Needs >= 4 ISI_values.
EfelValue burst_ISI_indices(Context& context) {
  const EfelValue& intervals_value = context.get(Feature::ISI_values);
  if (!intervals_value || intervals_value->size() < 4) return std::nullopt;
  const std::vector<double>& x = *intervals_value;
  const double factor = context.settings().burst_factor;
  std::vector<double> indices;
  std::size_t since = 0;  // the first ISI after the last burst end
  for (std::size_t i = 1; i + 1 < x.size(); ++i) {
    if (since >= i) continue;
    const double median_isi = median(std::vector<double>(x.begin() + static_cast<std::ptrdiff_t>(since),
                                                         x.begin() + static_cast<std::ptrdiff_t>(i)));
    if (x[i] > factor * median_isi && x[i + 1] < x[i] / factor) {
      indices.push_back(static_cast<double>(i + 1));
      since = i;
    }
  }
  if (indices.empty()) return std::nullopt;
  return indices;
}

// The first burst: its spikes over the time from the first peak to its last; each later burst that holds more
// than one spike: its spikes over the time from its first peak to its last. The offsets assume ignore_first_ISI
// (eFEL 1b6c129, efel/pyfeatures/isi.py, burst_mean_freq).
EfelValue burst_mean_freq(Context& context) {
  const EfelValue& times_value = context.get(Feature::peak_time);
  const EfelValue& bursts = context.get(Feature::burst_ISI_indices);
  if (!times_value || !bursts) return std::nullopt;
  const std::vector<double>& times = *times_value;
  std::vector<std::size_t> ends = as_indices(*bursts);
  ends.push_back(times.size() - 1);
  std::vector<double> frequencies;
  frequencies.push_back(static_cast<double>((ends[0] + 1) * 1000) / (times[ends[0]] - times[0]));
  for (std::size_t i = 0; i + 1 < ends.size(); ++i) {
    if (ends[i + 1] - ends[i] == 1) continue;
    const double span = times[ends[i + 1]] - times[ends[i] + 1];
    frequencies.push_back(static_cast<double>((ends[i + 1] - ends[i]) * 1000) / span);
  }
  return frequencies;
}

// Never undefined: [0] without bursts.
EfelValue burst_number(Context& context) {
  const EfelValue& frequencies = context.get(Feature::burst_mean_freq);
  return std::vector<double>{frequencies ? static_cast<double>(frequencies->size()) : 0.0};
}

}  // namespace neurodyn::efel_detail
