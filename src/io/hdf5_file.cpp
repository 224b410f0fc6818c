#include "hdf5_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <system_error>

#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn::hdf5 {
namespace {

// The HDF5 format signature (HDF5 File Format Specification, section II.A). It starts the file, or a user
// block of 512, 1024, 2048 ... bytes before it.
constexpr std::string_view signature{"\x89HDF\r\n\x1a\n", 8};

// The most values read from one dataset: 2 GiB as double, beyond any sweep (an hour at 50 kHz is 1.8e8
// samples); a larger extent is refused before memory is taken for it.
constexpr std::size_t max_values = std::size_t{1} << 28;

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

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += fmt::format("{}{}", text.empty() ? "" : ", ", value);
  return text;
}

}  // namespace

std::mutex library_mutex;

bool has_hdf5_signature(const std::filesystem::path& path, std::string_view what) {
  require_regular_file(path, what, "a regular file");
  std::error_code error;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw FileError(fmt::format("{} '{}' cannot be opened for reading", what, path.string()));
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) throw FileError(fmt::format("{} '{}' cannot be read: {}", what, path.string(), error.message()));
  std::array<char, 8> bytes{};
  for (std::uintmax_t offset = 0; offset + bytes.size() <= size; offset = offset == 0 ? 512 : 2 * offset) {
    file.clear();
    file.seekg(static_cast<std::streamoff>(offset));
    if (!file.read(bytes.data(), bytes.size())) return false;
    if (std::string_view(bytes.data(), bytes.size()) == signature) return true;
  }
  return false;
}

NamedFile::NamedFile(const std::filesystem::path& path, std::string_view what) : path_(path), what_(what) {
  file_ = File(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!file_) {
    throw InputError(fmt::format("{} '{}': the HDF5 library cannot open it (truncated or damaged file)", what_,
                                 path.string()));
  }
}

void NamedFile::fail(std::string_view field, std::string_view problem) const {
  throw InputError(fmt::format("{} '{}', {}: {}", what_, path_.string(), field, problem));
}

std::string child_path(std::string_view parent, std::string_view name) {
  return parent == "/" ? fmt::format("/{}", name) : fmt::format("{}/{}", parent, name);
}

std::string attribute_field(std::string_view object_path, std::string_view attribute) {
  return fmt::format("{} attribute '{}'", object_path, attribute);
}

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

Object open_object(const NamedFile& file, hid_t location, const std::string& relative, const std::string& path) {
  Object object(H5Oopen(location, relative.c_str(), H5P_DEFAULT));
  if (!object) file.fail(path, "cannot be opened (a dangling link, or a damaged file)");
  return object;
}

Dataset open_dataset(const NamedFile& file, const std::string& path) {
  Dataset dataset(H5Dopen2(file.id(), path.c_str(), H5P_DEFAULT));
  if (!dataset) file.fail(path, "is not a dataset");
  return dataset;
}

bool is_group(const Object& object) { return H5Iget_type(object.get()) == H5I_GROUP; }

std::vector<std::string> child_names(const NamedFile& file, hid_t group, const std::string& path) {
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

std::string path_of(hid_t object) {
  const ssize_t size = H5Iget_name(object, nullptr, 0);
  if (size <= 0) return {};
  std::vector<char> name(static_cast<std::size_t>(size) + 1, '\0');
  H5Iget_name(object, name.data(), name.size());
  return std::string(name.data(), static_cast<std::size_t>(size));
}

std::string referenced_path(const NamedFile& file, hid_t dataset, const std::string& field, std::size_t row,
                            const hobj_ref_t& reference) {
  const Object object(H5Rdereference2(dataset, H5P_DEFAULT, H5R_OBJECT, &reference));
  if (!object) file.fail(field, fmt::format("row {} refers to no object", row));
  std::string path = path_of(object.get());
  if (path.empty()) file.fail(field, fmt::format("row {} refers to an object without a path", row));
  return path;
}

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

std::vector<hsize_t> shape_of(const NamedFile& file, const Stored& stored) {
  const Dataspace space = stored.space();
  const int rank = space ? H5Sget_simple_extent_ndims(space.get()) : -1;
  if (rank < 0) file.fail(stored.field, "its dataspace cannot be read");
  std::vector<hsize_t> dimensions(static_cast<std::size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dimensions.data(), nullptr);
  return dimensions;
}

std::size_t element_count(const NamedFile& file, const Stored& stored) {
  const Dataspace space = stored.space();
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

std::vector<double> read_numbers(const NamedFile& file, const Stored& stored) {
  const Datatype type = stored.type();
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

std::optional<std::vector<std::string>> read_strings(const Stored& stored) {
  const Datatype type = stored.type();
  if (!type || H5Tget_class(type.get()) != H5T_STRING) return std::nullopt;
  const Dataspace space = stored.space();
  const hssize_t count = space ? H5Sget_simple_extent_npoints(space.get()) : -1;
  if (count < 0) return std::nullopt;
  const auto n = static_cast<std::size_t>(count);
  std::vector<std::string> values;
  if (n == 0) return values;
  if (H5Tis_variable_str(type.get()) > 0) {
    const Datatype memory(H5Tcopy(H5T_C_S1));
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
  const Datatype memory(H5Tcopy(type.get()));
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

Attribute open_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return {};
  return Attribute(H5Aopen(object, name, H5P_DEFAULT));
}

std::optional<std::string> text_attribute(hid_t object, const std::string& object_path, const char* name) {
  const Attribute attribute = open_attribute(object, name);
  if (!attribute) return std::nullopt;
  const auto values = read_strings({attribute.get(), true, attribute_field(object_path, name)});
  if (!values) return std::nullopt;
  return joined(*values);
}

std::optional<std::string> text_of(hid_t location, const std::string& location_path, const std::string& relative) {
  if (has_link(location, relative)) {
    const Dataset dataset(H5Dopen2(location, relative.c_str(), H5P_DEFAULT));
    if (!dataset) return std::nullopt;
    const auto values = read_strings({dataset.get(), false, child_path(location_path, relative)});
    if (!values) return std::nullopt;
    return joined(*values);
  }
  return text_attribute(location, location_path, relative.c_str());
}

std::optional<double> number_attribute(const NamedFile& file, hid_t object, const std::string& object_path,
                                       const char* name) {
  const Attribute attribute = open_attribute(object, name);
  if (!attribute) return std::nullopt;
  const Stored stored{attribute.get(), true, attribute_field(object_path, name)};
  const std::vector<double> values = read_numbers(file, stored);
  if (values.size() != 1) file.fail(stored.field, fmt::format("has {} values; allowed: one", values.size()));
  return values.front();
}

}  // namespace neurodyn::hdf5
