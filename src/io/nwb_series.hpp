#pragma once
// Reading a TimeSeries group of an NWB file (NWB 2 core schema, nwb.base.yaml; NWB 1 alike) into the library's
// units: the unit of its data, the values scaled to mV or pA and the sample times in ms.
#include <optional>
#include <string>
#include <vector>

#include "hdf5_file.hpp"

namespace neurodyn::nwb_detail {

// What a unit measures and the factor to the library's unit of that kind (mV, pA).
struct UnitScale {
  bool voltage;
  double factor;
};

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
UnitScale data_unit(const hdf5::NamedFile& file, hid_t group, const std::string& path,
                    std::optional<Quantity> expected);

// Reads a TimeSeries group (NWB 2 core schema, nwb.base.yaml; NWB 1 alike): values = data * conversion +
// offset in the data's unit (conversion 1 and offset 0 when absent), converted to mV or pA; times from
// starting_time (s) and its attribute rate (Hz), or from the dataset timestamps (s).
Series read_series(const hdf5::NamedFile& file, hid_t group, const std::string& path, Quantity quantity);

// Reads the TimeSeries group at `path`, which must be a group.
Series read_series_at(const hdf5::NamedFile& file, const std::string& path, Quantity quantity);

}  // namespace neurodyn::nwb_detail
