#pragma once
// Owning wrappers of HDF5 identifiers (C library): each closes its identifier with the matching H5*close when it
// goes out of scope, so that no path of a reader, thrown errors included, leaves a file, group, dataset,
// attribute, dataspace or datatype open.
#include <hdf5.h>

#include <utility>

namespace neurodyn::hdf5 {

inline constexpr hid_t invalid_id = -1;

template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, invalid_id)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, invalid_id);
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  explicit operator bool() const { return valid(); }
  void reset() {
    if (id_ >= 0) Close(id_);
    id_ = invalid_id;
  }

 private:
  hid_t id_ = invalid_id;
};

using File = Handle<H5Fclose>;
using Object = Handle<H5Oclose>;  // a group, dataset or named datatype opened with H5Oopen or H5Rdereference
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Attribute = Handle<H5Aclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;

// Turns off HDF5's printing of its error stack to stderr while it lives (the caller reports failures as
// exceptions instead) and puts back the previous handler afterwards.
class QuietErrors {
 public:
  QuietErrors() {
    H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
  ~QuietErrors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

}  // namespace neurodyn::hdf5
