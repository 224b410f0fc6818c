// eFEL's features of the action-potential shape: the after-hyperpolarisation minima, the onsets, amplitudes and
// widths of the spikes.
#include <cstddef>
#include <vector>

#include "efel_context.hpp"

namespace neurodyn::efel_detail {
namespace {

// The first running minimum of v over [from, to) followed by two samples that are not lower (not necessarily
// consecutive: only a new minimum resets the count), or the first global minimum if there is none; to if the
// range is empty (eFEL 1b6c129, efel/cppcore/Utils.h, first_min_element).
std::size_t first_local_minimum(const std::vector<double>& v, std::size_t from, std::size_t to) {
  if (from >= to) return to;
  std::size_t lowest = from;
  int not_lower = 0;
  for (std::size_t i = from + 1; i < to; ++i) {
    if (v[i] < v[lowest]) {
      lowest = i;
      not_lower = 0;
    } else if (++not_lower == 2) {
      return lowest;
    }
  }
  return lowest;
}

// dv/dt by central differences of v and of t, one-sided at the ends (eFEL 1b6c129, efel/cppcore/Utils.cpp,
// getCentralDifferenceDerivative, applied to v and to t and divided).
std::vector<double> voltage_derivative(const std::vector<double>& t, const std::vector<double>& v) {
  const std::size_t n = v.size();
  std::vector<double> dvdt(n);
  dvdt[0] = (v[1] - v[0]) / (t[1] - t[0]);
  for (std::size_t i = 1; i + 1 < n; ++i) dvdt[i] = ((v[i + 1] - v[i - 1]) / 2) / ((t[i + 1] - t[i - 1]) / 2);
  dvdt[n - 1] = (v[n - 1] - v[n - 2]) / (t[n - 1] - t[n - 2]);
  return dvdt;
}

// The onset of the spike that peaks at `peak`, searched back to `lowest` (eFEL 1b6c129,
// efel/cppcore/SpikeShape.cpp, __AP_begin_indices): the sample after the last one before the peak where dv/dt
// <= threshold, moved further back while any of the `window` samples from it is below the threshold. nullopt
// when the search reaches `lowest` (eFEL skips the spike then).
std::optional<std::size_t> spike_onset(const std::vector<double>& dvdt, std::size_t peak, std::size_t lowest,
                                       double threshold, std::size_t window) {
  const std::size_t last_start = dvdt.size() - window;  // keeps the window inside the trace
  std::size_t from = peak;
  while (true) {
    std::size_t begin = lowest;
    for (std::size_t j = from; j > lowest; --j) {  // dvdt[from - 1] back to dvdt[lowest]
      if (dvdt[j - 1] <= threshold) {
        begin = j;
        break;
      }
    }
    if (begin > last_start) begin = last_start;
    // eFEL tests begin == lowest; <= also stops the search when the clamp above puts begin before lowest, where
    // eFEL would read before its range.
    if (begin <= lowest) return std::nullopt;
    from = begin - 1;
    bool below = false;
    for (std::size_t i = begin; i < begin + window; ++i) below = below || dvdt[i] < threshold;
    if (!below) return begin;
  }
}

// The time where v crosses `level` between samples i - 1 and i, relative to t[i], as eFEL writes it
// (eFEL 1b6c129, efel/cppcore/SpikeShape.cpp, __spike_width1).
double crossing_offset(const std::vector<double>& t, const std::vector<double>& v, std::size_t i, double level) {
  const double v_dev = level - v[i];
  const double delta_v = v[i] - v[i - 1];
  const double delta_t = t[i] - t[i - 1];
  return delta_t * v_dev / delta_v;
}

}  // namespace

// For each peak, the first local minimum up to the next peak (or the trace end; in strict mode the stimulus end).
// A minimum on the last sample of that range is dropped, so the list can be shorter than the peaks, and later
// features pair its entries with the peaks by position (eFEL 1b6c129, efel/cppcore/SpikeShape.cpp,
// __min_AHP_indices).
EfelValue min_AHP_indices(Context& context) {
  const EfelValue& peaks_value = context.get(Feature::peak_indices);
  if (!peaks_value) return std::nullopt;
  const std::vector<std::size_t> peaks = as_indices(*peaks_value);
  const std::size_t end =
      context.settings().strict_stiminterval ? context.first_index_at_or_after(context.stim_end()) : context.size();
  std::vector<double> minima;
  for (std::size_t k = 0; k < peaks.size(); ++k) {
    const std::size_t next = k + 1 < peaks.size() ? peaks[k + 1] : end;
    const std::size_t minimum = first_local_minimum(context.v(), peaks[k], next);
    if (minimum + 1 != end) minima.push_back(static_cast<double>(minimum));
  }
  if (minima.empty()) return std::nullopt;
  return minima;
}

EfelValue min_AHP_values(Context& context) {
  const EfelValue& minima = context.get(Feature::min_AHP_indices);
  if (!minima) return std::nullopt;
  std::vector<double> values;
  for (const std::size_t minimum : as_indices(*minima)) values.push_back(context.v()[minimum]);
  return values;
}

EfelValue AHP_depth_abs(Context& context) { return context.get(Feature::min_AHP_values); }

EfelValue AHP_depth(Context& context) {
  const EfelValue& values = context.get(Feature::min_AHP_values);
  const EfelValue& base = context.get(Feature::voltage_base);
  if (!values || !base) return std::nullopt;
  std::vector<double> depths;
  for (const double value : *values) depths.push_back(value - base->front());
  return depths;
}

EfelValue AHP_time_from_peak(Context& context) {
  const EfelValue& peaks_value = context.get(Feature::peak_indices);
  const EfelValue& minima_value = context.get(Feature::min_AHP_indices);
  if (!peaks_value || !minima_value) return std::nullopt;
  const std::vector<std::size_t> peaks = as_indices(*peaks_value), minima = as_indices(*minima_value);
  std::vector<double> times;
  for (std::size_t k = 0; k < peaks.size() && k < minima.size(); ++k) {
    times.push_back(context.t()[minima[k]] - context.t()[peaks[k]]);
  }
  return times;
}

// The onsets of the peaks after the stimulus start index sb, each searched back to the previous AHP minimum after
// sb (the first one to sb - 2, to catch an onset right at the start); undefined when there are fewer such minima
// than peaks (eFEL 1b6c129, efel/cppcore/SpikeShape.cpp, __AP_begin_indices). min_AHP_indices undefined counts as
// empty, as in eFEL.
EfelValue AP_begin_indices(Context& context) {
  const EfelValue& peaks_value = context.get(Feature::peak_indices);
  if (!peaks_value) return std::nullopt;
  const EfelValue& minima_value = context.get(Feature::min_AHP_indices);
  const std::vector<std::size_t> all_peaks = as_indices(*peaks_value);
  const std::vector<std::size_t> all_minima = minima_value ? as_indices(*minima_value) : std::vector<std::size_t>{};
  const auto window = static_cast<std::size_t>(context.settings().derivative_window);
  if (window > context.size()) return std::nullopt;

  const std::size_t start = context.first_index_at_or_after(context.stim_start());
  std::vector<std::size_t> minima{start > 1 ? start - 2 : 0}, peaks;
  for (const std::size_t minimum : all_minima) {
    if (minimum > start) minima.push_back(minimum);
  }
  for (const std::size_t peak : all_peaks) {
    if (peak > start) peaks.push_back(peak);
  }
  if (minima.size() < peaks.size()) return std::nullopt;

  const std::vector<double> dvdt = voltage_derivative(context.t(), context.v());
  std::vector<double> onsets;
  for (std::size_t k = 0; k < peaks.size(); ++k) {
    const std::optional<std::size_t> onset =
        spike_onset(dvdt, peaks[k], minima[k], context.settings().derivative_threshold_mV_per_ms, window);
    if (onset) onsets.push_back(static_cast<double>(*onset));
  }
  if (onsets.empty()) return std::nullopt;
  return onsets;
}

EfelValue AP_begin_voltage(Context& context) {
  const EfelValue& onsets = context.get(Feature::AP_begin_indices);
  if (!onsets) return std::nullopt;
  std::vector<double> voltages;
  for (const std::size_t onset : as_indices(*onsets)) voltages.push_back(context.v()[onset]);
  return voltages;
}

// Peak voltage minus onset voltage for the peaks in the stimulus, paired with the onsets by position; undefined
// when there are more such peaks than onsets, as under depolarisation block (eFEL 1b6c129,
// efel/cppcore/SpikeShape.cpp, AP_amplitude).
EfelValue AP_amplitude(Context& context) {
  const EfelValue& voltages = context.get(Feature::peak_voltage);
  const EfelValue& times = context.get(Feature::peak_time);
  const EfelValue& onsets_value = context.get(Feature::AP_begin_indices);
  if (!voltages || !times || !onsets_value) return std::nullopt;
  std::vector<double> peaks_in_stimulus;
  for (std::size_t k = 0; k < times->size(); ++k) {
    if ((*times)[k] >= context.stim_start() && (*times)[k] <= context.stim_end()) {
      peaks_in_stimulus.push_back((*voltages)[k]);
    }
  }
  const std::vector<std::size_t> onsets = as_indices(*onsets_value);
  if (peaks_in_stimulus.size() > onsets.size() || peaks_in_stimulus.empty()) return std::nullopt;
  std::vector<double> amplitudes;
  for (std::size_t k = 0; k < peaks_in_stimulus.size(); ++k) {
    amplitudes.push_back(peaks_in_stimulus[k] - context.v()[onsets[k]]);
  }
  return amplitudes;
}

EfelValue AP1_amp(Context& context) {
  const EfelValue& amplitudes = context.get(Feature::AP_amplitude);
  if (!amplitudes) return std::nullopt;
  return std::vector<double>{amplitudes->front()};
}

// The full width at the detection threshold, between grid samples (no sub-sample interpolation), of the spike in
// each range [0, AHP_1), [AHP_1, AHP_2), ...; in strict mode the ranges start at the stimulus start and use the
// AHP minima inside the stimulus (eFEL 1b6c129, efel/cppcore/SpikeShape.cpp, __AP_width).
EfelValue AP_width(Context& context) {
  const EfelValue& peaks = context.get(Feature::peak_indices);
  const EfelValue& minima_value = context.get(Feature::min_AHP_indices);
  if (!peaks || !minima_value) return std::nullopt;
  const std::vector<std::size_t> minima = as_indices(*minima_value);
  std::vector<std::size_t> bounds;
  if (context.settings().strict_stiminterval) {
    const std::size_t start = context.first_index_at_or_after(context.stim_start());
    const std::size_t end = context.first_index_at_or_after(context.stim_end());
    bounds.push_back(start);
    for (const std::size_t minimum : minima) {
      if (start < minimum && minimum < end) bounds.push_back(minimum);
    }
  } else {
    bounds.push_back(0);
    bounds.insert(bounds.end(), minima.begin(), minima.end());
  }
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  const double threshold = context.settings().threshold_mV;
  std::vector<double> widths;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    const std::size_t on = first_index(v, bounds[k], bounds[k + 1], [&](double x) { return x >= threshold; });
    const std::size_t off = first_index(v, on, bounds[k + 1], [&](double x) { return x <= threshold; });
    widths.push_back(t[off] - t[on]);
  }
  if (widths.empty()) return std::nullopt;
  return widths;
}

// The width at half the height from the following AHP minimum to the peak, between the linearly interpolated
// crossings on the rise (searched from the previous AHP minimum, the first from the stimulus start) and on the
// fall. A first peak before the stimulus start gives an empty rise range and an extrapolated width, as in eFEL
// (eFEL 1b6c129, efel/cppcore/SpikeShape.cpp, __spike_width1).
EfelValue spike_half_width(Context& context) {
  const EfelValue& peaks_value = context.get(Feature::peak_indices);
  const EfelValue& minima_value = context.get(Feature::min_AHP_indices);
  if (!peaks_value || !minima_value) return std::nullopt;
  const std::vector<std::size_t> peaks = as_indices(*peaks_value);
  std::vector<std::size_t> bounds{context.first_index_at_or_after(context.stim_start())};
  for (const std::size_t minimum : as_indices(*minima_value)) bounds.push_back(minimum);
  const std::vector<double>& t = context.t();
  const std::vector<double>& v = context.v();
  std::vector<double> widths;
  for (std::size_t k = 1; k < bounds.size(); ++k) {
    const std::size_t peak = peaks[k - 1];
    const double half = (v[peak] + v[bounds[k]]) / 2.;
    const std::size_t rise = first_index(v, bounds[k - 1], peak, [&](double x) { return x >= half; });
    const std::size_t fall = first_index(v, peak, bounds[k], [&](double x) { return x <= half; });
    if (rise == 0 || fall == 0) return std::nullopt;  // no sample before the crossing to interpolate from
    // eFEL's order of operations: t_fall - dt_rise - t_rise + dt_fall.
    widths.push_back(t[fall] - crossing_offset(t, v, rise, half) - t[rise] + crossing_offset(t, v, fall, half));
  }
  return widths;
}

}  // namespace neurodyn::efel_detail
