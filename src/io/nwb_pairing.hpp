#pragma once
// The NWB 2 rules that pair a response series with its stimulus series: the intracellular_recordings table
// (NWB >= 2.4), else the same sweep number (from the deprecated sweep_table, else the attribute sweep_number),
// else the naming conventions of converted files.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hdf5_file.hpp"
#include "nwb_series.hpp"

namespace neurodyn::nwb_detail {

inline constexpr std::string_view recordings_table = "/general/intracellular_ephys/intracellular_recordings";
inline constexpr std::string_view sweep_table = "/general/intracellular_ephys/sweep_table";

// A row of a TimeSeriesReferenceVectorData column (NWB 2.5 core, nwb.base.yaml): samples idx_start ..
// idx_start + count - 1 of a TimeSeries; idx_start = count = -1 when the row has none.
struct TimeSeriesReference {
  std::int32_t idx_start = -1;
  std::int32_t count = -1;
  std::string path;
};

// The rows of the intracellular_recordings table (NWB >= 2.4, nwb.icephys.yaml): the response series of
// each row, paired with its stimulus.
struct RecordingRow {
  std::size_t row;
  TimeSeriesReference response;
  TimeSeriesReference stimulus;
};

std::vector<RecordingRow> read_recordings_table(const hdf5::NamedFile& file);

// The stimulus of a row of the intracellular_recordings table, cut to the row's samples; nullopt when the row
// has none. The row must take the whole response, which has `samples` samples.
std::optional<Series> table_stimulus(const hdf5::NamedFile& file, const RecordingRow& row, std::size_t samples);

// Series path -> sweep number.
using SweepNumbers = std::map<std::string, long long, std::less<>>;

// The sweep numbers that the deprecated sweep_table (NWB 2.1 - 2.4) gives its series: series path -> number.
SweepNumbers read_sweep_table(const hdf5::NamedFile& file);

// A series under /acquisition/ or /stimulus/presentation/ that may join a sweep.
struct Candidate {
  std::string name;
  std::string path;
  std::optional<long long> sweep_number;  // from the sweep_table, else the attribute sweep_number
  std::string electrode;                  // the path of its electrode link's target, or ""
};

// The groups directly under `parent_path` whose attribute neurodata_type is one of `types`, in natural name
// order; `others` counts the neurodata types of the rest.
std::vector<Candidate> typed_series(const hdf5::NamedFile& file, const std::string& parent_path,
                                    const std::vector<std::string_view>& types, const SweepNumbers& table_numbers,
                                    std::map<std::string, int>* others = nullptr);

// The stimulus paired with `response` by the sweep-number or name rules; nullptr when none.
const Candidate* paired_stimulus(const Candidate& response, const std::vector<Candidate>& stimuli);

}  // namespace neurodyn::nwb_detail
