#include "neurodyn/io/nwb.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "hdf5_handles.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn {
namespace {

// The HDF5 library keeps global state (its error stack, the open-object table); builds without thread safety
// must not be entered by two threads at once, so every reader holds this lock.
std::mutex hdf5_mutex;

// The HDF5 format signature (HDF5 File Format Specification, section II.A). It starts the file, or a user
// block of 512, 1024, 2048 ... bytes before it.
constexpr std::string_view hdf5_signature{"\x89HDF\r\n\x1a\n", 8};

// Checks that `path` names a readable regular file and says whether it carries the HDF5 signature.
bool is_hdf5_file(const std::filesystem::path& path) {
  require_regular_file(path, "NWB file", "a regular file");
  std::error_code error;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw FileError(fmt::format("NWB file '{}' cannot be opened for reading", path.string()));
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) throw FileError(fmt::format("NWB file '{}' cannot be read: {}", path.string(), error.message()));
  std::array<char, 8> bytes{};
  for (std::uintmax_t offset = 0; offset + bytes.size() <= size; offset = offset == 0 ? 512 : 2 * offset) {
    file.clear();
    file.seekg(static_cast<std::streamoff>(offset));
    if (!file.read(bytes.data(), bytes.size())) return false;
    if (std::string_view(bytes.data(), bytes.size()) == hdf5_signature) return true;
  }
  return false;
}

// One open NWB file and its name for messages: every failure names the file and the HDF5 path of the object,
// dataset or attribute concerned.
class NwbFile {
 public:
  explicit NwbFile(const std::filesystem::path& path) : path_(path) {
    file_ = hdf5::File(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file_) {
      throw InputError(fmt::format("NWB file '{}': the HDF5 library cannot open it (truncated or damaged file)",
                                   path.string()));
    }
  }

  hid_t id() const { return file_.get(); }
  const std::filesystem::path& path() const { return path_; }

  [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
    throw InputError(fmt::format("NWB file '{}', {}: {}", path_.string(), field, problem));
  }

 private:
  std::filesystem::path path_;
  hdf5::File file_;
};

std::string child_path(std::string_view parent, std::string_view name) {
  return parent == "/" ? fmt::format("/{}", name) : fmt::format("{}/{}", parent, name);
}

std::string attribute_field(std::string_view object_path, std::string_view attribute) {
  return fmt::format("{} attribute '{}'", object_path, attribute);
}

// Whether every link of `relative` (a/b/c) exists under `location`; H5Lexists needs each parent to exist.
bool has_link(hid_t location, std::string_view relative) {
  std::string prefix;
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t end = std::min(relative.find('/', start), relative.size());
    prefix.append(relative.substr(start, end - start));
    if (H5Lexists(location, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    prefix.push_back('/');
    start = end + 1;
  }
  return true;
}

hdf5::Object open_object(const NwbFile& file, hid_t location, const std::string& relative, const std::string& path) {
  hdf5::Object object(H5Oopen(location, relative.c_str(), H5P_DEFAULT));
  if (!object) file.fail(path, "cannot be opened (a dangling link, or a damaged file)");
  return object;
}

bool is_group(const hdf5::Object& object) { return H5Iget_type(object.get()) == H5I_GROUP; }

// The names of a group's links in HDF5's name order.
std::vector<std::string> child_names(const NwbFile& file, hid_t group, const std::string& path) {
  H5G_info_t info;
  if (H5Gget_info(group, &info) < 0) file.fail(path, "cannot be listed");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t size = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (size < 0) file.fail(path, fmt::format("the name of link {} cannot be read", i));
    std::vector<char> name(static_cast<std::size_t>(size) + 1, '\0');
    H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
    names.emplace_back(name.data(), static_cast<std::size_t>(size));
  }
  return names;
}

// Name order with runs of digits compared as numbers: Sweep_2 before Sweep_10.
bool natural_less(std::string_view a, std::string_view b) {
  const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t i_end = i;
      std::size_t j_end = j;
      while (i_end < a.size() && is_digit(a[i_end])) ++i_end;
      while (j_end < b.size() && is_digit(b[j_end])) ++j_end;
      std::string_view number_a = a.substr(i, i_end - i);
      std::string_view number_b = b.substr(j, j_end - j);
      while (number_a.size() > 1 && number_a.front() == '0') number_a.remove_prefix(1);
      while (number_b.size() > 1 && number_b.front() == '0') number_b.remove_prefix(1);
      if (number_a.size() != number_b.size()) return number_a.size() < number_b.size();
      if (number_a != number_b) return number_a < number_b;
      i = i_end;
      j = j_end;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  if (i < a.size() || j < b.size()) return j < b.size();
  return a < b;
}

// A dataset or an attribute: both hold a dataspace of typed values, read alike.
struct Stored {
  hid_t id;
  bool attribute;
  std::string field;  // for messages: "/acquisition/x/data" or "/acquisition/x/data attribute 'unit'"

  hdf5::Dataspace space() const { return hdf5::Dataspace(attribute ? H5Aget_space(id) : H5Dget_space(id)); }
  hdf5::Datatype type() const { return hdf5::Datatype(attribute ? H5Aget_type(id) : H5Dget_type(id)); }
  herr_t read(hid_t memory_type, void* buffer) const {
    if (attribute) return H5Aread(id, memory_type, buffer);
    return H5Dread(id, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  }
};

// The dimensions of a stored value: {} for a scalar.
std::vector<hsize_t> shape_of(const NwbFile& file, const Stored& stored) {
  const hdf5::Dataspace space = stored.space();
  const int rank = space ? H5Sget_simple_extent_ndims(space.get()) : -1;
  if (rank < 0) file.fail(stored.field, "its dataspace cannot be read");
  std::vector<hsize_t> dimensions(static_cast<std::size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dimensions.data(), nullptr);
  return dimensions;
}

std::size_t element_count(const NwbFile& file, const Stored& stored) {
  const hdf5::Dataspace space = stored.space();
  const hssize_t count = space ? H5Sget_simple_extent_npoints(space.get()) : -1;
  if (count < 0) file.fail(stored.field, "its dataspace cannot be read");
  return static_cast<std::size_t>(count);
}

std::string shape_text(const std::vector<hsize_t>& dimensions) {
  if (dimensions.empty()) return "a scalar";
  std::string text;
  for (const hsize_t size : dimensions) text += fmt::format("{}{}", text.empty() ? "" : " x ", size);
  return text;
}

// The most values read from one dataset: 2 GiB as double, beyond any sweep (an hour at 50 kHz is 1.8e8
// samples); a larger extent is refused before memory is taken for it.
constexpr std::size_t max_values = std::size_t{1} << 28;

// All values of a numeric dataset or attribute as double (HDF5 converts integers and floats of any width).
std::vector<double> read_numbers(const NwbFile& file, const Stored& stored) {
  const hdf5::Datatype type = stored.type();
  const H5T_class_t type_class = type ? H5Tget_class(type.get()) : H5T_NO_CLASS;
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
    file.fail(stored.field,
              type_class == H5T_STRING ? "holds text; allowed: numbers" : "is not numeric; allowed: numbers");
  }
  const std::size_t count = element_count(file, stored);
  if (count > max_values) {
    file.fail(stored.field, fmt::format("has {} values; allowed: at most {} (2^28) per dataset", count, max_values));
  }
  std::vector<double> values(count);
  if (!values.empty() && stored.read(H5T_NATIVE_DOUBLE, values.data()) < 0) {
    file.fail(stored.field, "its values cannot be read (a damaged file, or a compression filter HDF5 lacks)");
  }
  return values;
}

// Frees the strings that HDF5 allocates for a variable-length read.
struct VariableStrings {
  std::vector<char*> pointers;
  VariableStrings(const VariableStrings&) = delete;
  VariableStrings& operator=(const VariableStrings&) = delete;
  explicit VariableStrings(std::size_t count) : pointers(count, nullptr) {}
  ~VariableStrings() {
    for (char* pointer : pointers) {
      if (pointer != nullptr) H5free_memory(pointer);
    }
  }
};

// All values of a text dataset or attribute, fixed-length (trailing NULs and spaces cut) or variable-length;
// nullopt when it is not text or cannot be read.
std::optional<std::vector<std::string>> read_strings(const Stored& stored) {
  const hdf5::Datatype type = stored.type();
  if (!type || H5Tget_class(type.get()) != H5T_STRING) return std::nullopt;
  const hdf5::Dataspace space = stored.space();
  const hssize_t count = space ? H5Sget_simple_extent_npoints(space.get()) : -1;
  if (count < 0) return std::nullopt;
  const auto n = static_cast<std::size_t>(count);
  std::vector<std::string> values;
  if (n == 0) return values;
  if (H5Tis_variable_str(type.get()) > 0) {
    const hdf5::Datatype memory(H5Tcopy(H5T_C_S1));
    if (!memory || H5Tset_size(memory.get(), H5T_VARIABLE) < 0 ||
        H5Tset_cset(memory.get(), H5Tget_cset(type.get())) < 0) {
      return std::nullopt;
    }
    VariableStrings strings(n);
    if (stored.read(memory.get(), strings.pointers.data()) < 0) return std::nullopt;
    for (const char* pointer : strings.pointers) values.emplace_back(pointer != nullptr ? pointer : "");
    return values;
  }
  const std::size_t size = H5Tget_size(type.get());
  const hdf5::Datatype memory(H5Tcopy(type.get()));
  if (size == 0 || !memory) return std::nullopt;
  std::vector<char> bytes(n * size, '\0');
  if (stored.read(memory.get(), bytes.data()) < 0) return std::nullopt;
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view value(bytes.data() + i * size, size);
    value = value.substr(0, value.find('\0'));
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    values.emplace_back(value);
  }
  return values;
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += fmt::format("{}{}", text.empty() ? "" : ", ", value);
  return text;
}

hdf5::Attribute open_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return {};
  return hdf5::Attribute(H5Aopen(object, name, H5P_DEFAULT));
}

// A text attribute (array values joined with ", "); nullopt when absent or not text.
std::optional<std::string> text_attribute(hid_t object, const std::string& object_path, const char* name) {
  const hdf5::Attribute attribute = open_attribute(object, name);
  if (!attribute) return std::nullopt;
  const auto values = read_strings({attribute.get(), true, attribute_field(object_path, name)});
  if (!values) return std::nullopt;
  return joined(*values);
}

// A text dataset `relative` under `location` (array values joined with ", "), else a text attribute of that
// name; nullopt when neither exists as text.
std::optional<std::string> text_of(hid_t location, const std::string& location_path, const std::string& relative) {
  if (has_link(location, relative)) {
    const hdf5::Dataset dataset(H5Dopen2(location, relative.c_str(), H5P_DEFAULT));
    if (!dataset) return std::nullopt;
    const auto values = read_strings({dataset.get(), false, child_path(location_path, relative)});
    if (!values) return std::nullopt;
    return joined(*values);
  }
  return text_attribute(location, location_path, relative.c_str());
}

// A numeric attribute holding one value; nullopt when absent.
std::optional<double> number_attribute(const NwbFile& file, hid_t object, const std::string& object_path,
                                       const char* name) {
  const hdf5::Attribute attribute = open_attribute(object, name);
  if (!attribute) return std::nullopt;
  const Stored stored{attribute.get(), true, attribute_field(object_path, name)};
  const std::vector<double> values = read_numbers(file, stored);
  if (values.size() != 1) file.fail(stored.field, fmt::format("has {} values; allowed: one", values.size()));
  return values.front();
}

// What a unit measures and the factor to the library's unit of that kind (mV, pA).
struct UnitScale {
  bool voltage;
  double factor;
};

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

enum class Quantity { voltage, current };

// A TimeSeries read into the library's units.
struct Series {
  std::string path;  // its group, "/acquisition/name"
  std::string name;
  std::vector<double> values;  // mV or pA
  std::vector<double> time_ms;  // from its first sample
  double start_time_ms = 0.0;   // of the first sample, from the file's time reference
};

// The unit of a series' data (attribute unit of dataset data) and what it measures.
UnitScale data_unit(const NwbFile& file, hid_t group, const std::string& path, std::optional<Quantity> expected) {
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

// Reads a TimeSeries group (NWB 2 core schema, nwb.base.yaml; NWB 1 alike): values = data * conversion +
// offset in the data's unit (conversion 1 and offset 0 when absent), converted to mV or pA; times from
// starting_time (s) and its attribute rate (Hz), or from the dataset timestamps (s).
Series read_series(const NwbFile& file, hid_t group, const std::string& path, Quantity quantity) {
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

// The path of the object an object reference stored in `dataset` points to.
std::string referenced_path(const NwbFile& file, hid_t dataset, const std::string& field, std::size_t row,
                            const hobj_ref_t& reference) {
  const hdf5::Object object(H5Rdereference2(dataset, H5P_DEFAULT, H5R_OBJECT, &reference));
  if (!object) file.fail(field, fmt::format("row {} refers to no object", row));
  const ssize_t size = H5Iget_name(object.get(), nullptr, 0);
  if (size <= 0) file.fail(field, fmt::format("row {} refers to an object without a path", row));
  std::vector<char> name(static_cast<std::size_t>(size) + 1, '\0');
  H5Iget_name(object.get(), name.data(), name.size());
  return std::string(name.data(), static_cast<std::size_t>(size));
}

hdf5::Dataset open_dataset(const NwbFile& file, const std::string& path) {
  hdf5::Dataset dataset(H5Dopen2(file.id(), path.c_str(), H5P_DEFAULT));
  if (!dataset) file.fail(path, "is not a dataset");
  return dataset;
}

// A row of a TimeSeriesReferenceVectorData column (NWB 2.5 core, nwb.base.yaml): samples idx_start ..
// idx_start + count - 1 of a TimeSeries; idx_start = count = -1 when the row has none.
struct TimeSeriesReference {
  std::int32_t idx_start = -1;
  std::int32_t count = -1;
  std::string path;
};

std::vector<TimeSeriesReference> read_reference_column(const NwbFile& file, const std::string& path) {
  const hdf5::Dataset dataset = open_dataset(file, path);
  const Stored stored{dataset.get(), false, path};
  const hdf5::Datatype type = stored.type();
  if (!type || H5Tget_class(type.get()) != H5T_COMPOUND) {
    file.fail(path, "is not a compound dataset; allowed: rows of (idx_start, count, timeseries)");
  }
  struct Row {
    std::int32_t idx_start;
    std::int32_t count;
    hobj_ref_t timeseries;
  };
  const hdf5::Datatype memory(H5Tcreate(H5T_COMPOUND, sizeof(Row)));
  if (!memory || H5Tinsert(memory.get(), "idx_start", HOFFSET(Row, idx_start), H5T_NATIVE_INT32) < 0 ||
      H5Tinsert(memory.get(), "count", HOFFSET(Row, count), H5T_NATIVE_INT32) < 0 ||
      H5Tinsert(memory.get(), "timeseries", HOFFSET(Row, timeseries), H5T_STD_REF_OBJ) < 0) {
    file.fail(path, "the HDF5 library cannot describe its rows");
  }
  std::vector<Row> rows(element_count(file, stored));
  if (!rows.empty() && stored.read(memory.get(), rows.data()) < 0) {
    file.fail(path, "cannot be read as rows of (idx_start int32, count int32, timeseries object reference)");
  }
  std::vector<TimeSeriesReference> references;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    references.push_back(
        {rows[row].idx_start, rows[row].count, referenced_path(file, dataset.get(), path, row, rows[row].timeseries)});
  }
  return references;
}

constexpr std::string_view recordings_table = "/general/intracellular_ephys/intracellular_recordings";
constexpr std::string_view sweep_table = "/general/intracellular_ephys/sweep_table";

// The rows of the intracellular_recordings table (NWB >= 2.4, nwb.icephys.yaml): the response series of
// each row, paired with its stimulus.
struct RecordingRow {
  std::size_t row;
  TimeSeriesReference response;
  TimeSeriesReference stimulus;
};

std::vector<RecordingRow> read_recordings_table(const NwbFile& file) {
  const std::string responses_path = fmt::format("{}/responses/response", recordings_table);
  const std::string stimuli_path = fmt::format("{}/stimuli/stimulus", recordings_table);
  const std::vector<TimeSeriesReference> responses = read_reference_column(file, responses_path);
  const std::vector<TimeSeriesReference> stimuli = read_reference_column(file, stimuli_path);
  if (responses.size() != stimuli.size()) {
    file.fail(stimuli_path, fmt::format("has {} rows but {} has {}; allowed: one row per recording", stimuli.size(),
                                        responses_path, responses.size()));
  }
  std::vector<RecordingRow> rows;
  for (std::size_t row = 0; row < responses.size(); ++row) rows.push_back({row, responses[row], stimuli[row]});
  return rows;
}

// The sweep numbers that the deprecated sweep_table (NWB 2.1 - 2.4) gives its series: series path -> number.
std::map<std::string, long long, std::less<>> read_sweep_table(const NwbFile& file) {
  const std::string numbers_path = fmt::format("{}/sweep_number", sweep_table);
  const std::string series_path = fmt::format("{}/series", sweep_table);
  const std::string index_path = fmt::format("{}/series_index", sweep_table);
  const hdf5::Dataset numbers_set = open_dataset(file, numbers_path);
  const hdf5::Dataset series_set = open_dataset(file, series_path);
  const hdf5::Dataset index_set = open_dataset(file, index_path);
  const std::vector<double> numbers = read_numbers(file, {numbers_set.get(), false, numbers_path});
  const std::vector<double> index = read_numbers(file, {index_set.get(), false, index_path});
  const Stored series_stored{series_set.get(), false, series_path};
  const hdf5::Datatype series_type = series_stored.type();
  if (!series_type || H5Tget_class(series_type.get()) != H5T_REFERENCE) {
    file.fail(series_path, "is not a dataset of object references");
  }
  std::vector<hobj_ref_t> references(element_count(file, series_stored));
  if (!references.empty() && series_stored.read(H5T_STD_REF_OBJ, references.data()) < 0) {
    file.fail(series_path, "cannot be read as object references");
  }
  if (index.size() != numbers.size()) {
    file.fail(index_path, fmt::format("has {} values but {} has {}; allowed: one end index per row", index.size(),
                                      numbers_path, numbers.size()));
  }
  std::map<std::string, long long, std::less<>> sweep_numbers;
  std::size_t begin = 0;
  for (std::size_t row = 0; row < index.size(); ++row) {
    if (!(index[row] >= static_cast<double>(begin)) || index[row] > static_cast<double>(references.size())) {
      file.fail(index_path, fmt::format("value {} is {}; allowed: non-decreasing end indices up to {}", row,
                                        index[row], references.size()));
    }
    const auto end = static_cast<std::size_t>(index[row]);
    for (std::size_t k = begin; k < end; ++k) {
      sweep_numbers[referenced_path(file, series_set.get(), series_path, k, references[k])] =
          static_cast<long long>(numbers[row]);
    }
    begin = end;
  }
  return sweep_numbers;
}

// A series under /acquisition/ or /stimulus/presentation/ that may join a sweep.
struct Candidate {
  std::string name;
  std::string path;
  std::optional<long long> sweep_number;  // from the sweep_table, else the attribute sweep_number
  std::string electrode;                  // the path of its electrode link's target, or ""
};

// The target of a series' electrode link (a soft link in files that pynwb writes), else the path of the
// object it names.
std::string electrode_of(hid_t group) {
  if (H5Lexists(group, "electrode", H5P_DEFAULT) <= 0) return {};
  H5L_info_t info;
  if (H5Lget_info(group, "electrode", &info, H5P_DEFAULT) >= 0 && info.type == H5L_TYPE_SOFT) {
    std::vector<char> target(info.u.val_size + 1, '\0');
    if (H5Lget_val(group, "electrode", target.data(), target.size(), H5P_DEFAULT) < 0) return {};
    return std::string(target.data());
  }
  const hdf5::Object electrode(H5Oopen(group, "electrode", H5P_DEFAULT));
  if (!electrode) return {};
  const ssize_t size = H5Iget_name(electrode.get(), nullptr, 0);
  if (size <= 0) return {};
  std::vector<char> name(static_cast<std::size_t>(size) + 1, '\0');
  H5Iget_name(electrode.get(), name.data(), name.size());
  return std::string(name.data(), static_cast<std::size_t>(size));
}

// The groups directly under `parent_path` whose attribute neurodata_type is one of `types`, in natural name
// order; `others` counts the neurodata types of the rest.
std::vector<Candidate> typed_series(const NwbFile& file, const std::string& parent_path,
                                    const std::vector<std::string_view>& types,
                                    const std::map<std::string, long long, std::less<>>& table_numbers,
                                    std::map<std::string, int>* others = nullptr) {
  std::vector<Candidate> found;
  if (!has_link(file.id(), parent_path.substr(1))) return found;
  const hdf5::Object parent = open_object(file, file.id(), parent_path, parent_path);
  if (!is_group(parent)) file.fail(parent_path, "is not a group");
  for (const std::string& name : child_names(file, parent.get(), parent_path)) {
    const std::string path = child_path(parent_path, name);
    const hdf5::Object object = open_object(file, parent.get(), name, path);
    if (!is_group(object)) continue;
    const std::string type = text_attribute(object.get(), path, "neurodata_type").value_or("");
    if (std::ranges::find(types, type) == types.end()) {
      if (others != nullptr) ++(*others)[type.empty() ? "untyped" : type];
      continue;
    }
    Candidate candidate{name, path, std::nullopt, electrode_of(object.get())};
    if (const auto number = table_numbers.find(path); number != table_numbers.end()) {
      candidate.sweep_number = number->second;
    } else if (const auto attribute = number_attribute(file, object.get(), path, "sweep_number")) {
      if (!(*attribute >= 0.0) || *attribute != std::floor(*attribute) || *attribute > 4294967295.0) {
        file.fail(attribute_field(path, "sweep_number"),
                  fmt::format("{} is not allowed; allowed: an integer from 0 to 4294967295", *attribute));
      }
      candidate.sweep_number = static_cast<long long>(*attribute);
    }
    found.push_back(std::move(candidate));
  }
  std::ranges::sort(found, [](const Candidate& a, const Candidate& b) { return natural_less(a.name, b.name); });
  return found;
}

Series read_series_at(const NwbFile& file, const std::string& path, Quantity quantity) {
  const hdf5::Object group = open_object(file, file.id(), path, path);
  if (!is_group(group)) file.fail(path, "is not a group; allowed: a TimeSeries group");
  return read_series(file, group.get(), path, quantity);
}

// The stimulus paired with `response` by the sweep-number or name rules; nullptr when none.
const Candidate* paired_stimulus(const Candidate& response, const std::vector<Candidate>& stimuli) {
  if (response.sweep_number) {
    std::vector<const Candidate*> same_sweep;
    for (const Candidate& stimulus : stimuli) {
      if (stimulus.sweep_number == response.sweep_number) same_sweep.push_back(&stimulus);
    }
    if (same_sweep.size() > 1 && !response.electrode.empty()) {  // several electrodes in one sweep
      const auto same_electrode = std::ranges::find_if(
          same_sweep, [&](const Candidate* stimulus) { return stimulus->electrode == response.electrode; });
      if (same_electrode != same_sweep.end()) return *same_electrode;
    }
    if (!same_sweep.empty()) return same_sweep.front();
  }
  // Naming conventions of converted files: the same name in both groups, or "<name>_stimulus" (or with
  // "_stimulus" in place of a "_response" suffix).
  std::vector<std::string> names{response.name, response.name + "_stimulus"};
  constexpr std::string_view response_suffix = "_response";
  if (response.name.ends_with(response_suffix)) {
    names.push_back(response.name.substr(0, response.name.size() - response_suffix.size()) + "_stimulus");
  }
  for (const std::string& name : names) {
    const auto found = std::ranges::find_if(stimuli, [&](const Candidate& stimulus) { return stimulus.name == name; });
    if (found != stimuli.end()) return &*found;
  }
  return nullptr;
}

std::string stimulus_source(const std::string& path, std::string_view rule) {
  return fmt::format("{} ({})", path.substr(1), rule);
}

// Adds the command to a sweep: the stimulus must have one sample per sample of the response.
void attach_command(const NwbFile& file, Sweep& sweep, const Series& stimulus, std::string source) {
  const std::size_t samples = sweep.time_ms.size();
  if (stimulus.values.size() != samples) {
    file.fail(child_path(stimulus.path, "data"),
              fmt::format("has {} samples but the response {} has {}; allowed: one command sample per response sample",
                          stimulus.values.size(), sweep.name, samples));
  }
  sweep.command = RecordedChannel{stimulus.name, "pA", stimulus.values};
  sweep.command_source = std::move(source);
  sweep.holding_pA = stimulus.values.front();
}

Sweep sweep_of(Series response, int number) {
  Sweep sweep;
  sweep.number = number;
  sweep.name = response.name;
  sweep.time_ms = std::move(response.time_ms);
  sweep.start_time_ms = response.start_time_ms;
  sweep.channels.push_back({response.name, "mV", std::move(response.values)});
  return sweep;
}

void add_fact(Recording& recording, std::string name, const std::optional<std::string>& value) {
  if (value && !value->empty()) recording.facts.emplace_back(std::move(name), *value);
}

void add_root_facts(const NwbFile& file, Recording& recording, const std::string& version) {
  recording.facts.emplace_back("nwb_version", version);
  for (const char* name : {"identifier", "session_description", "session_start_time"}) {
    add_fact(recording, name, text_of(file.id(), "/", name));
  }
  for (const char* name : {"session_id", "specimen", "experimenter", "institution", "lab", "protocol"}) {
    add_fact(recording, name, text_of(file.id(), "/", fmt::format("general/{}", name)));
  }
}

std::string counted_types(const std::map<std::string, int>& types) {
  std::string text;
  for (const auto& [type, count] : types) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", count, type);
  return text.empty() ? "nothing" : text;
}

Recording read_nwb2(const NwbFile& file, const std::string& version) {
  std::map<std::string, long long, std::less<>> table_numbers;
  const bool has_recordings_table = has_link(file.id(), recordings_table.substr(1));
  if (!has_recordings_table && has_link(file.id(), sweep_table.substr(1))) table_numbers = read_sweep_table(file);

  std::map<std::string, int> others;
  std::vector<Candidate> responses =
      typed_series(file, "/acquisition", {"CurrentClampSeries", "IZeroClampSeries"}, table_numbers, &others);
  if (responses.empty()) {
    file.fail("/acquisition", fmt::format("no CurrentClampSeries under /acquisition/ (it holds {}); allowed: a "
                                          "current-clamp recording",
                                          counted_types(others)));
  }
  if (std::ranges::all_of(responses, [](const Candidate& c) { return c.sweep_number.has_value(); })) {
    std::ranges::stable_sort(responses, {}, [](const Candidate& c) { return *c.sweep_number; });
  }
  const std::vector<Candidate> stimuli =
      typed_series(file, "/stimulus/presentation", {"CurrentClampStimulusSeries"}, table_numbers);
  std::vector<RecordingRow> rows;
  if (has_recordings_table) rows = read_recordings_table(file);

  Recording recording;
  recording.path = file.path();
  recording.format = RecordingFormat::nwb2;
  add_root_facts(file, recording, version);
  for (const Candidate& response : responses) {
    const hdf5::Object group = open_object(file, file.id(), response.path, response.path);
    Sweep sweep = sweep_of(read_series(file, group.get(), response.path, Quantity::voltage),
                           static_cast<int>(recording.sweeps.size()));
    const auto row =
        std::ranges::find_if(rows, [&](const RecordingRow& r) { return r.response.path == response.path; });
    if (row != rows.end()) {
      const std::string column = fmt::format("{}/stimuli/stimulus", recordings_table);
      const std::size_t samples = sweep.time_ms.size();
      if (row->response.idx_start != 0 || row->response.count < 0 ||
          static_cast<std::size_t>(row->response.count) != samples) {
        file.fail(fmt::format("{}/responses/response", recordings_table),
                  fmt::format("row {} takes samples {} to {} of {} ({} samples); allowed: the whole series", row->row,
                              row->response.idx_start, row->response.idx_start + row->response.count - 1,
                              response.path, samples));
      }
      if (row->stimulus.idx_start >= 0) {
        Series stimulus = read_series_at(file, row->stimulus.path, Quantity::current);
        const auto start = static_cast<std::size_t>(row->stimulus.idx_start);
        if (row->stimulus.count < 0 || start + static_cast<std::size_t>(row->stimulus.count) > stimulus.values.size()) {
          file.fail(column, fmt::format("row {} takes samples from {} ({} of them) of {}, which has {}", row->row,
                                        row->stimulus.idx_start, row->stimulus.count, row->stimulus.path,
                                        stimulus.values.size()));
        }
        stimulus.values.erase(stimulus.values.begin() + static_cast<std::ptrdiff_t>(start + row->stimulus.count),
                              stimulus.values.end());
        stimulus.values.erase(stimulus.values.begin(), stimulus.values.begin() + static_cast<std::ptrdiff_t>(start));
        attach_command(file, sweep, stimulus, stimulus_source(row->stimulus.path, "intracellular_recordings table"));
      }
    } else if (const Candidate* stimulus = paired_stimulus(response, stimuli)) {
      const std::string rule =
          response.sweep_number && stimulus->sweep_number == response.sweep_number
              ? fmt::format("{} {}", table_numbers.empty() ? "sweep_number" : "sweep_table sweep_number",
                            *response.sweep_number)
              : std::string("same name");
      attach_command(file, sweep, read_series_at(file, stimulus->path, Quantity::current),
                     stimulus_source(stimulus->path, rule));
    }
    if (!response.electrode.empty() && recording.sweeps.empty()) {  // the first sweep's IntracellularElectrode
      const std::string& electrode = response.electrode;
      recording.facts.emplace_back("electrode", electrode);
      const hdf5::Object electrode_group(H5Oopen(file.id(), electrode.c_str(), H5P_DEFAULT));
      if (electrode_group && is_group(electrode_group)) {
        add_fact(recording, "electrode_description", text_of(electrode_group.get(), electrode, "description"));
        add_fact(recording, "cell_id", text_of(electrode_group.get(), electrode, "cell_id"));
      }
    }
    recording.sweeps.push_back(std::move(sweep));
  }
  return recording;
}

// NWB 1 as the Allen Cell Types Database writes it (NWB 1.0.5 specification): the sweeps are the TimeSeries
// groups under /acquisition/timeseries/, the command of each the group of the same name under
// /stimulus/presentation/.
Recording read_nwb1(const NwbFile& file, const std::string& version) {
  const std::string parent_path = "/acquisition/timeseries";
  if (!has_link(file.id(), parent_path.substr(1))) file.fail(parent_path, "is missing; allowed: the sweeps' group");
  const hdf5::Object parent = open_object(file, file.id(), parent_path, parent_path);
  if (!is_group(parent)) file.fail(parent_path, "is not a group");
  std::vector<std::string> names = child_names(file, parent.get(), parent_path);
  std::ranges::sort(names, natural_less);

  Recording recording;
  recording.path = file.path();
  recording.format = RecordingFormat::nwb1;
  add_root_facts(file, recording, version);
  int voltage_clamp = 0;
  for (const std::string& name : names) {
    const std::string path = child_path(parent_path, name);
    const hdf5::Object group = open_object(file, parent.get(), name, path);
    if (!is_group(group)) continue;
    if (!data_unit(file, group.get(), path, std::nullopt).voltage) {  // a voltage-clamp sweep records a current
      ++voltage_clamp;
      continue;
    }
    Sweep sweep = sweep_of(read_series(file, group.get(), path, Quantity::voltage),
                           static_cast<int>(recording.sweeps.size()));
    const std::string stimulus_path = child_path("/stimulus/presentation", name);
    if (has_link(file.id(), stimulus_path.substr(1))) {
      attach_command(file, sweep, read_series_at(file, stimulus_path, Quantity::current), stimulus_path.substr(1));
    }
    recording.sweeps.push_back(std::move(sweep));
  }
  if (recording.sweeps.empty()) {
    file.fail(parent_path, fmt::format("no current-clamp sweep ({} series, {} of them voltage clamp); allowed: a "
                                       "current-clamp recording",
                                       names.size(), voltage_clamp));
  }
  return recording;
}

struct NwbVersion {
  RecordingFormat format = RecordingFormat::hdf5_other;
  std::string text;   // the nwb_version value, "" when absent
  std::string field;  // where it is
};

// NWB 2: root attribute nwb_version "2.x.y" (nwb.file.yaml); NWB 1: root dataset nwb_version "NWB-1.x.y".
NwbVersion version_of(const NwbFile& file) {
  if (const auto attribute = text_attribute(file.id(), "/", "nwb_version")) {
    return {attribute->starts_with('2') ? RecordingFormat::nwb2 : RecordingFormat::hdf5_other, *attribute,
            attribute_field("/", "nwb_version")};
  }
  if (H5Lexists(file.id(), "nwb_version", H5P_DEFAULT) > 0) {
    const auto dataset = text_of(file.id(), "/", "nwb_version");
    if (dataset) {
      const bool nwb1 = dataset->starts_with("NWB-1") || dataset->starts_with("1.");
      return {nwb1 ? RecordingFormat::nwb1 : RecordingFormat::hdf5_other, *dataset, "/nwb_version"};
    }
  }
  return {};
}

}  // namespace

RecordingFormat nwb_format_of(const std::filesystem::path& path) {
  if (!is_hdf5_file(path)) return RecordingFormat::other_binary;
  const std::scoped_lock lock(hdf5_mutex);
  const hdf5::QuietErrors quiet;
  const NwbFile file(path);
  return version_of(file).format;
}

Recording read_nwb(const std::filesystem::path& path) {
  if (!is_hdf5_file(path)) {
    throw InputError(fmt::format("NWB file '{}' is not HDF5 (no HDF5 signature at byte 0, 512, 1024, ...); "
                                 "allowed: an NWB 2 or Allen Cell Types NWB 1 file",
                                 path.string()));
  }
  const std::scoped_lock lock(hdf5_mutex);
  const hdf5::QuietErrors quiet;
  const NwbFile file(path);
  const NwbVersion version = version_of(file);
  switch (version.format) {
    case RecordingFormat::nwb2: return read_nwb2(file, version.text);
    case RecordingFormat::nwb1: return read_nwb1(file, version.text);
    default: break;
  }
  if (version.text.empty()) {
    file.fail("/", "HDF5 without the root attribute nwb_version (NWB 2) or the root dataset nwb_version (NWB 1); "
                   "allowed: an NWB file");
  }
  file.fail(version.field, fmt::format("'{}' is not a version this reader knows; allowed: 2.x (attribute) or "
                                         "NWB-1.x (dataset)",
                                         version.text));
}

}  // namespace neurodyn
