#include "nwb_series.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <cmath>
#include <cstddef>
#include <functional>
#include <map>
#include <string_view>
#include <utility>

namespace neurodyn::nwb_detail {

using namespace hdf5;

namespace {

constexpr std::string_view voltage_units = "volts, V, mV, uV (and volt, millivolts, microvolts)";
constexpr std::string_view current_units = "amperes, Amps, A, nA, pA, fA (and ampere, amp, nanoamperes, ...)";

std::optional<UnitScale> unit_scale(std::string_view unit) {
  std::string key;
  for (const char c : unit) {
    if (c != ' ') key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  static const std::map<std::string, UnitScale, std::less<>> units{
      {"volts", {true, 1e3}},        {"volt", {true, 1e3}},          {"v", {true, 1e3}},
      {"millivolts", {true, 1.0}},   {"millivolt", {true, 1.0}},     {"mv", {true, 1.0}},
      {"microvolts", {true, 1e-3}},  {"microvolt", {true, 1e-3}},    {"uv", {true, 1e-3}},
      {"amperes", {false, 1e12}},    {"ampere", {false, 1e12}},      {"amps", {false, 1e12}},
      {"amp", {false, 1e12}},        {"a", {false, 1e12}},           {"microamperes", {false, 1e6}},
      {"ua", {false, 1e6}},          {"nanoamperes", {false, 1e3}},  {"nanoampere", {false, 1e3}},
      {"na", {false, 1e3}},          {"picoamperes", {false, 1.0}},  {"picoampere", {false, 1.0}},
      {"pa", {false, 1.0}},          {"femtoamperes", {false, 1e-3}}, {"femtoampere", {false, 1e-3}},
      {"fa", {false, 1e-3}},
  };
  const auto found = units.find(key);
  if (found == units.end()) return std::nullopt;
  return found->second;
}

}  // namespace

UnitScale data_unit(const NamedFile& file, hid_t group, const std::string& path, std::optional<Quantity> expected) {
  const std::string data_path = child_path(path, "data");
  if (!has_link(group, "data")) file.fail(path, "has no dataset 'data'");
  const hdf5::Dataset data(H5Dopen2(group, "data", H5P_DEFAULT));
  if (!data) file.fail(data_path, "is not a dataset");
  const std::string field = attribute_field(data_path, "unit");
  const hdf5::Attribute attribute = open_attribute(data.get(), "unit");
  const std::string_view allowed = expected == Quantity::current ? current_units
                                   : expected == Quantity::voltage ? voltage_units
                                                                    : "a unit of voltage or current";
  if (!attribute) file.fail(field, fmt::format("is missing; allowed: {}", allowed));
  const auto values = read_strings({attribute.get(), true, field});
  if (!values || values->size() != 1) file.fail(field, fmt::format("is not one text value; allowed: {}", allowed));
  const std::string& unit = values->front();
  const auto scale = unit_scale(unit);
  if (!scale) file.fail(field, fmt::format("'{}' is not a unit of voltage or current; allowed: {}", unit, allowed));
  if (expected && scale->voltage != (*expected == Quantity::voltage)) {
    file.fail(field, fmt::format("'{}' is a unit of {}; allowed: {} (the {} is a {})", unit,
                                 scale->voltage ? "voltage" : "current", allowed,
                                 *expected == Quantity::voltage ? "response" : "stimulus",
                                 *expected == Quantity::voltage ? "membrane potential" : "current injected"));
  }
  return *scale;
}

Series read_series(const NamedFile& file, hid_t group, const std::string& path, Quantity quantity) {
  const UnitScale scale = data_unit(file, group, path, quantity);
  const std::string data_path = child_path(path, "data");
  const hdf5::Dataset data(H5Dopen2(group, "data", H5P_DEFAULT));
  const Stored stored{data.get(), false, data_path};

  const auto check_finite = [&](const char* name, double value) {
    if (!std::isfinite(value)) {
      file.fail(attribute_field(data_path, name), fmt::format("{} is not allowed; allowed: a finite number", value));
    }
    return value;
  };
  const double conversion = check_finite("conversion", number_attribute(file, data.get(), data_path, "conversion")
                                                           .value_or(1.0));
  if (conversion == 0.0) file.fail(attribute_field(data_path, "conversion"), "0 is not allowed; allowed: != 0");
  const double offset = check_finite("offset", number_attribute(file, data.get(), data_path, "offset").value_or(0.0));

  const std::vector<hsize_t> shape = shape_of(file, stored);
  if (shape.size() != 1) {
    file.fail(data_path,
              fmt::format("has {} dimensions ({}); allowed: 1 (one value per time)", shape.size(), shape_text(shape)));
  }
  std::vector<double> values = read_numbers(file, stored);
  if (values.empty()) file.fail(data_path, "has no samples; allowed: at least one");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      file.fail(data_path, fmt::format("sample {} is {}; allowed: finite numbers", i, values[i]));
    }
    values[i] = (values[i] * conversion + offset) * scale.factor;
  }

  Series series;
  series.path = path;
  series.name = path.substr(path.rfind('/') + 1);
  series.time_ms.resize(values.size());
  if (has_link(group, "starting_time")) {
    const std::string start_path = child_path(path, "starting_time");
    const hdf5::Dataset start(H5Dopen2(group, "starting_time", H5P_DEFAULT));
    if (!start) file.fail(start_path, "is not a dataset");
    const std::vector<double> start_s = read_numbers(file, {start.get(), false, start_path});
    if (start_s.size() != 1 || !std::isfinite(start_s.front())) {
      file.fail(start_path, fmt::format("holds {} values ({}); allowed: one finite time in s", start_s.size(),
                                        fmt::join(start_s, ", ")));
    }
    const auto rate = number_attribute(file, start.get(), start_path, "rate");
    const std::string rate_field = attribute_field(start_path, "rate");
    if (!rate) file.fail(rate_field, "is missing; allowed: the sampling rate in Hz, > 0");
    if (!(*rate > 0.0) || !std::isfinite(*rate)) {
      file.fail(rate_field, fmt::format("{} Hz is not allowed; allowed: a finite sampling rate > 0", *rate));
    }
    for (std::size_t i = 0; i < values.size(); ++i) series.time_ms[i] = static_cast<double>(i) * 1000.0 / *rate;
    series.start_time_ms = start_s.front() * 1000.0;
  } else if (has_link(group, "timestamps")) {
    const std::string times_path = child_path(path, "timestamps");
    const hdf5::Dataset times(H5Dopen2(group, "timestamps", H5P_DEFAULT));
    if (!times) file.fail(times_path, "is not a dataset");
    const Stored times_stored{times.get(), false, times_path};
    const std::vector<hsize_t> times_shape = shape_of(file, times_stored);
    if (times_shape.size() != 1) {
      file.fail(times_path,
                fmt::format("has {} dimensions ({}); allowed: 1", times_shape.size(), shape_text(times_shape)));
    }
    const std::vector<double> times_s = read_numbers(file, times_stored);
    if (times_s.size() != values.size()) {
      file.fail(times_path, fmt::format("has {} values but {} has {} samples; allowed: one time per sample",
                                        times_s.size(), data_path, values.size()));
    }
    for (std::size_t i = 0; i < times_s.size(); ++i) {
      if (!std::isfinite(times_s[i]) || (i > 0 && times_s[i] < times_s[i - 1])) {
        file.fail(times_path, fmt::format("value {} is {} s{}; allowed: finite, non-decreasing times", i, times_s[i],
                                          i > 0 ? fmt::format(" after {} s", times_s[i - 1]) : ""));
      }
      series.time_ms[i] = (times_s[i] - times_s.front()) * 1000.0;
    }
    series.start_time_ms = times_s.front() * 1000.0;
  } else {
    file.fail(path, "has neither starting_time nor timestamps; allowed: one of them");
  }
  series.values = std::move(values);
  return series;
}

Series read_series_at(const NamedFile& file, const std::string& path, Quantity quantity) {
  const hdf5::Object group = open_object(file, file.id(), path, path);
  if (!is_group(group)) file.fail(path, "is not a group; allowed: a TimeSeries group");
  return read_series(file, group.get(), path, quantity);
}

}  // namespace neurodyn::nwb_detail
