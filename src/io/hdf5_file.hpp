#pragma once
// Reading an HDF5 file whose every failure names the file and the HDF5 path of the object, dataset or attribute
// concerned: the open file with its name for messages, links and child names, and typed reads of numbers and text
// from datasets and attributes.
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hdf5_handles.hpp"

namespace neurodyn::hdf5 {

// The HDF5 library keeps global state (its error stack, the open-object table); builds without thread safety
// must not be entered by two threads at once, so every reader holds this lock.
extern std::mutex library_mutex;

// Checks that `path` names a readable regular file and says whether it carries the HDF5 signature; `what` names
// the file in messages ("NWB file").
bool has_hdf5_signature(const std::filesystem::path& path, std::string_view what);

// One open HDF5 file and its name for messages: every failure names the file and the HDF5 path of the object,
// dataset or attribute concerned.
class NamedFile {
 public:
  // Opens `path` read-only; `what` names the file in messages ("NWB file").
  NamedFile(const std::filesystem::path& path, std::string_view what);

  hid_t id() const { return file_.get(); }
  const std::filesystem::path& path() const { return path_; }

  [[noreturn]] void fail(std::string_view field, std::string_view problem) const;

 private:
  std::filesystem::path path_;
  std::string what_;
  File file_;
};

// The path of link `name` of the group at `parent`.
std::string child_path(std::string_view parent, std::string_view name);

// The field of an attribute in messages: "/acquisition/x/data attribute 'unit'".
std::string attribute_field(std::string_view object_path, std::string_view attribute);

// Whether every link of `relative` (a/b/c) exists under `location`; H5Lexists needs each parent to exist.
bool has_link(hid_t location, std::string_view relative);

Object open_object(const NamedFile& file, hid_t location, const std::string& relative, const std::string& path);

Dataset open_dataset(const NamedFile& file, const std::string& path);

bool is_group(const Object& object);

// The names of a group's links in HDF5's name order.
std::vector<std::string> child_names(const NamedFile& file, hid_t group, const std::string& path);

// The path of an open object ("" when it has none).
std::string path_of(hid_t object);

// The path of the object an object reference stored in `dataset` points to.
std::string referenced_path(const NamedFile& file, hid_t dataset, const std::string& field, std::size_t row,
                            const hobj_ref_t& reference);

// Name order with runs of digits compared as numbers: Sweep_2 before Sweep_10.
bool natural_less(std::string_view a, std::string_view b);

// A dataset or an attribute: both hold a dataspace of typed values, read alike.
struct Stored {
  hid_t id;
  bool attribute;
  std::string field;  // for messages: "/acquisition/x/data" or "/acquisition/x/data attribute 'unit'"

  Dataspace space() const { return Dataspace(attribute ? H5Aget_space(id) : H5Dget_space(id)); }
  Datatype type() const { return Datatype(attribute ? H5Aget_type(id) : H5Dget_type(id)); }
  herr_t read(hid_t memory_type, void* buffer) const {
    if (attribute) return H5Aread(id, memory_type, buffer);
    return H5Dread(id, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
  }
};

// The dimensions of a stored value: {} for a scalar.
std::vector<hsize_t> shape_of(const NamedFile& file, const Stored& stored);

std::size_t element_count(const NamedFile& file, const Stored& stored);

// Dimensions for messages: "a scalar", "1000", "2 x 1000".
std::string shape_text(const std::vector<hsize_t>& dimensions);

// All values of a numeric dataset or attribute as double (HDF5 converts integers and floats of any width).
std::vector<double> read_numbers(const NamedFile& file, const Stored& stored);

// All values of a text dataset or attribute, fixed-length (trailing NULs and spaces cut) or variable-length;
// nullopt when it is not text or cannot be read.
std::optional<std::vector<std::string>> read_strings(const Stored& stored);

// The attribute `name` of `object`; an invalid handle when absent.
Attribute open_attribute(hid_t object, const char* name);

// A text attribute (array values joined with ", "); nullopt when absent or not text.
std::optional<std::string> text_attribute(hid_t object, const std::string& object_path, const char* name);

// A text dataset `relative` under `location` (array values joined with ", "), else a text attribute of that
// name; nullopt when neither exists as text.
std::optional<std::string> text_of(hid_t location, const std::string& location_path, const std::string& relative);

// A numeric attribute holding one value; nullopt when absent.
std::optional<double> number_attribute(const NamedFile& file, hid_t object, const std::string& object_path,
                                       const char* name);

}  // namespace neurodyn::hdf5
