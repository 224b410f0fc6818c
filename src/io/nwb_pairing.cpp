#include "nwb_pairing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace neurodyn::nwb_detail {

using namespace hdf5;

namespace {

std::vector<TimeSeriesReference> read_reference_column(const NamedFile& file, const std::string& path) {
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
  return path_of(electrode.get());
}

}  // namespace

std::vector<RecordingRow> read_recordings_table(const NamedFile& file) {
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

std::optional<Series> table_stimulus(const NamedFile& file, const RecordingRow& row, std::size_t samples) {
  if (row.response.idx_start != 0 || row.response.count < 0 ||
      static_cast<std::size_t>(row.response.count) != samples) {
    file.fail(fmt::format("{}/responses/response", recordings_table),
              fmt::format("row {} takes samples {} to {} of {} ({} samples); allowed: the whole series", row.row,
                          row.response.idx_start, row.response.idx_start + row.response.count - 1, row.response.path,
                          samples));
  }
  if (row.stimulus.idx_start < 0) return std::nullopt;
  Series stimulus = read_series_at(file, row.stimulus.path, Quantity::current);
  const auto start = static_cast<std::size_t>(row.stimulus.idx_start);
  const std::string column = fmt::format("{}/stimuli/stimulus", recordings_table);
  if (row.stimulus.count < 0 || start + static_cast<std::size_t>(row.stimulus.count) > stimulus.values.size()) {
    file.fail(column, fmt::format("row {} takes samples from {} ({} of them) of {}, which has {}", row.row,
                                  row.stimulus.idx_start, row.stimulus.count, row.stimulus.path,
                                  stimulus.values.size()));
  }
  stimulus.values.erase(stimulus.values.begin() + static_cast<std::ptrdiff_t>(start + row.stimulus.count),
                        stimulus.values.end());
  stimulus.values.erase(stimulus.values.begin(), stimulus.values.begin() + static_cast<std::ptrdiff_t>(start));
  return stimulus;
}

SweepNumbers read_sweep_table(const NamedFile& file) {
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
  SweepNumbers sweep_numbers;
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

std::vector<Candidate> typed_series(const NamedFile& file, const std::string& parent_path,
                                    const std::vector<std::string_view>& types, const SweepNumbers& table_numbers,
                                    std::map<std::string, int>* others) {
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

}  // namespace neurodyn::nwb_detail
