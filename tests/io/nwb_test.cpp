// The NWB readers against files written by tests/data/recordings/write_nwb_fixtures.py (h5py, no code shared
// with the reader): the NWB 2 file must give back eFEL's text trace, read here from the text itself; the NWB 1
// file the ABF sweeps that Neo decoded, listed by the script in abf_sweeps_nwb1_expected.csv. The pairing
// rules, time bases and error cases use small files written here with the HDF5 C library.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/nwb.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::HasSubstr;
using testing::ScratchDirectory;

const std::filesystem::path recordings = std::filesystem::path(NEURODYN_TEST_DATA_DIR) / "recordings";

// HDF5 objects left open anywhere in the process: the reader must close all of its own, even when it throws.
ssize_t open_hdf5_objects() { return H5Fget_obj_count(static_cast<hid_t>(H5F_OBJ_ALL), H5F_OBJ_ALL); }

std::string fact(const Recording& recording, const std::string& name) {
  for (const auto& [key, value] : recording.facts) {
    if (key == name) return value;
  }
  return "(absent)";
}

// ---------------------------------------------------------------------------------------------------------------
// The committed fixtures.

struct TextTrace {
  std::vector<double> time_s, current_pA, voltage_mV;
};

TextTrace read_efel_text() {
  std::ifstream in(recordings / "efel_step_current.txt");
  TextTrace trace;
  double t = 0.0, i = 0.0, v = 0.0;
  while (in >> t >> i >> v) {
    trace.time_s.push_back(t);
    trace.current_pA.push_back(i);
    trace.voltage_mV.push_back(v);
  }
  return trace;
}

TEST(NwbReader, Nwb2FileGivesBackTheTextTraceItWasMadeFrom) {
  const TextTrace text = read_efel_text();
  ASSERT_EQ(text.time_s.size(), 12000u);
  const Recording recording = read_nwb(recordings / "efel_step_current.nwb");
  EXPECT_EQ(recording.format, RecordingFormat::nwb2);
  EXPECT_EQ(recording.path, recordings / "efel_step_current.nwb");
  ASSERT_EQ(recording.sweeps.size(), 1u);
  const Sweep& sweep = recording.sweeps.front();
  EXPECT_EQ(sweep.number, 0);
  EXPECT_EQ(sweep.name, "efel_current_clamp");
  EXPECT_EQ(sweep.start_time_ms, 0.0);
  ASSERT_EQ(sweep.channels.size(), 1u);
  EXPECT_EQ(sweep.channels[0].name, "efel_current_clamp");
  EXPECT_EQ(sweep.channels[0].unit, "mV");
  ASSERT_EQ(sweep.time_ms.size(), text.time_s.size());
  ASSERT_EQ(sweep.channels[0].samples.size(), text.voltage_mV.size());
  ASSERT_TRUE(sweep.command.has_value());
  EXPECT_EQ(sweep.command->name, "efel_current_step");
  EXPECT_EQ(sweep.command->unit, "pA");
  ASSERT_EQ(sweep.command->samples.size(), text.current_pA.size());
  for (std::size_t i = 0; i < text.time_s.size(); ++i) {
    ASSERT_EQ(sweep.time_ms[i], 0.25 * static_cast<double>(i)) << "sample " << i;
    ASSERT_NEAR(sweep.time_ms[i], text.time_s[i] * 1000.0, 1e-9) << "sample " << i;
    ASSERT_NEAR(sweep.channels[0].samples[i], text.voltage_mV[i], 1e-9) << "sample " << i;
    ASSERT_NEAR(sweep.command->samples[i], text.current_pA[i], 1e-9) << "sample " << i;
  }
  // The two series have different names and no sweep_number: only the intracellular_recordings table pairs them.
  EXPECT_EQ(sweep.command_source, "stimulus/presentation/efel_current_step (intracellular_recordings table)");
  EXPECT_EQ(sweep.holding_pA, sweep.command->samples.front());
  EXPECT_NEAR(sweep.holding_pA, text.current_pA.front(), 1e-9);
  EXPECT_TRUE(sweep.epochs.empty());
  EXPECT_EQ(fact(recording, "nwb_version"), "2.5.0");
  EXPECT_EQ(fact(recording, "identifier"), "neurodyn-fixture-efel-step-current");
  EXPECT_EQ(fact(recording, "session_start_time"), "1970-01-01T00:00:00+00:00");
  EXPECT_THAT(fact(recording, "session_description"), HasSubstr("eFEL"));
  EXPECT_EQ(fact(recording, "electrode"), "/general/intracellular_ephys/electrode_0");
  EXPECT_EQ(fact(recording, "electrode_description"), "whole-cell patch electrode (eFEL test trace)");
  EXPECT_EQ(open_hdf5_objects(), 0);
}

struct ExpectedSample {
  std::string sweep;
  std::size_t samples = 0;
  double start_time_ms = 0.0, voltage_mean_mV = 0.0, command_mean_pA = 0.0;
  std::size_t index = 0;
  double time_ms = 0.0, voltage_mV = 0.0, command_pA = 0.0;
};

std::vector<ExpectedSample> read_expected_nwb1() {
  std::ifstream in(recordings / "abf_sweeps_nwb1_expected.csv");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "sweep,N,samples,start_time_ms,voltage_mean_mV,command_mean_pA,index,time_ms,voltage_mV,command_pA");
  std::vector<ExpectedSample> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    if (cells.size() != 10) {
      ADD_FAILURE() << "bad row: " << line;
      continue;
    }
    rows.push_back({cells[0], std::stoul(cells[2]), std::stod(cells[3]), std::stod(cells[4]), std::stod(cells[5]),
                    std::stoul(cells[6]), std::stod(cells[7]), std::stod(cells[8]), std::stod(cells[9])});
  }
  return rows;
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (const double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

TEST(NwbReader, AllenNwb1FileGivesBackTheAbfSweepsNeoDecoded) {
  const std::vector<ExpectedSample> expected = read_expected_nwb1();
  ASSERT_EQ(expected.size(), 33u);
  const Recording recording = read_nwb(recordings / "abf_sweeps_nwb1.nwb");
  EXPECT_EQ(recording.format, RecordingFormat::nwb1);
  ASSERT_EQ(recording.sweeps.size(), 3u);
  // Numeric order of N, not the order of writing (16, 0, 8) nor of names (Sweep_0, Sweep_16, Sweep_8).
  const std::vector<std::string> names{"Sweep_0", "Sweep_8", "Sweep_16"};
  std::map<std::string, const Sweep*> by_name;
  for (std::size_t k = 0; k < 3; ++k) {
    const Sweep& sweep = recording.sweeps[k];
    EXPECT_EQ(sweep.number, static_cast<int>(k));
    EXPECT_EQ(sweep.name, names[k]);
    ASSERT_EQ(sweep.channels.size(), 1u);
    EXPECT_EQ(sweep.channels[0].name, names[k]);
    EXPECT_EQ(sweep.channels[0].unit, "mV");
    ASSERT_TRUE(sweep.command.has_value());
    EXPECT_EQ(sweep.command->unit, "pA");
    EXPECT_EQ(sweep.command_source, "stimulus/presentation/" + names[k]);
    EXPECT_EQ(sweep.holding_pA, sweep.command->samples.front());
    EXPECT_TRUE(sweep.epochs.empty());
    by_name[sweep.name] = &sweep;
  }
  for (const ExpectedSample& row : expected) {
    SCOPED_TRACE(row.sweep + " sample " + std::to_string(row.index));
    ASSERT_TRUE(by_name.contains(row.sweep));
    const Sweep& sweep = *by_name[row.sweep];
    ASSERT_EQ(sweep.time_ms.size(), row.samples);
    ASSERT_EQ(sweep.channels[0].samples.size(), row.samples);
    ASSERT_EQ(sweep.command->samples.size(), row.samples);
    EXPECT_EQ(sweep.start_time_ms, row.start_time_ms);
    EXPECT_NEAR(sweep.time_ms[row.index], row.time_ms, 1e-9);
    EXPECT_NEAR(sweep.channels[0].samples[row.index], row.voltage_mV, 1e-9);
    EXPECT_NEAR(sweep.command->samples[row.index], row.command_pA, 1e-4);  // stored as float32 amperes
    EXPECT_NEAR(mean(sweep.channels[0].samples), row.voltage_mean_mV, 1e-9);
    EXPECT_NEAR(mean(sweep.command->samples), row.command_mean_pA, 1e-4);
  }
  EXPECT_EQ(fact(recording, "nwb_version"), "NWB-1.0.5");
  EXPECT_EQ(fact(recording, "session_id"), "171116sh_0018");
  EXPECT_EQ(fact(recording, "session_start_time"), "2017-11-16T14:08:10.747999");
  EXPECT_EQ(open_hdf5_objects(), 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Small files written here: a few samples each, in the layouts the reader must accept or refuse.

// Writes an HDF5 file with the C library; objects are named by absolute paths, parents created as needed.
class Hdf5Writer {
 public:
  explicit Hdf5Writer(const std::filesystem::path& path) {
    file_ = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    links_ = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(links_, 1);
  }
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;
  ~Hdf5Writer() {
    H5Pclose(links_);
    H5Fclose(file_);
  }

  void group(const std::string& path) {
    if (!exists(path)) {
      H5Gclose(H5Gcreate2(file_, path.c_str(), links_, H5P_DEFAULT, H5P_DEFAULT));
    }
  }
  void numbers(const std::string& path, const std::vector<double>& values, std::vector<hsize_t> shape = {}) {
    if (shape.empty()) shape = {values.size()};
    write(path, H5T_NATIVE_DOUBLE, H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
          values.data());
  }
  void scalar(const std::string& path, double value) { write(path, H5T_NATIVE_DOUBLE, H5Screate(H5S_SCALAR), &value); }
  void text(const std::string& path, const std::string& value) {
    const hid_t type = string_type();
    const char* pointer = value.c_str();
    write(path, type, H5Screate(H5S_SCALAR), &pointer);
    H5Tclose(type);
  }
  void references(const std::string& path, const std::vector<std::string>& targets) {
    std::vector<hobj_ref_t> refs(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) H5Rcreate(&refs[i], file_, targets[i].c_str(), H5R_OBJECT, -1);
    const hsize_t size = refs.size();
    write(path, H5T_STD_REF_OBJ, H5Screate_simple(1, &size, nullptr), refs.data());
  }
  void soft_link(const std::string& path, const std::string& target) {
    H5Lcreate_soft(target.c_str(), file_, path.c_str(), links_, H5P_DEFAULT);
  }
  void text_attribute(const std::string& object, const std::string& name, const std::string& value) {
    const hid_t type = string_type();
    const char* pointer = value.c_str();
    attribute(object, name, type, &pointer);
    H5Tclose(type);
  }
  void number_attribute(const std::string& object, const std::string& name, double value) {
    attribute(object, name, H5T_NATIVE_DOUBLE, &value);
  }

 private:
  bool exists(const std::string& path) {
    H5E_auto2_t printer = nullptr;
    void* printer_data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &printer, &printer_data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // a missing object is no error here
    const hid_t object = H5Oopen(file_, path.c_str(), H5P_DEFAULT);
    H5Eset_auto2(H5E_DEFAULT, printer, printer_data);
    if (object < 0) return false;
    H5Oclose(object);
    return true;
  }
  static hid_t string_type() {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
  }
  void write(const std::string& path, hid_t type, hid_t space, const void* values) {
    const hid_t dataset = H5Dcreate2(file_, path.c_str(), type, space, links_, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
    H5Dclose(dataset);
    H5Sclose(space);
  }
  void attribute(const std::string& object_path, const std::string& name, hid_t type, const void* value) {
    const hid_t object = H5Oopen(file_, object_path.c_str(), H5P_DEFAULT);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute = H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(attribute, type, value);
    H5Aclose(attribute);
    H5Sclose(space);
    H5Oclose(object);
  }

  hid_t file_ = -1;
  hid_t links_ = -1;
};

// A TimeSeries as the NWB 2 core schema lays it out; each field can be left out or spoiled.
struct SeriesSpec {
  std::string path;
  std::string type = "CurrentClampSeries";
  std::vector<double> data{-70.0, -69.5, 20.0, -65.0};
  std::vector<hsize_t> shape;  // default: 1-D
  std::optional<std::string> unit = "volts";
  std::optional<double> conversion = 1e-3;
  std::optional<double> offset;
  std::optional<double> starting_time = 0.0;
  std::optional<double> rate = 10000.0;
  std::vector<double> timestamps;  // used instead of starting_time when not empty
  std::optional<double> sweep_number;
};

// A series at `path` with the defaults above, changed by `edit`.
template <typename Edit>
SeriesSpec series(const std::string& path, Edit edit) {
  SeriesSpec spec;
  spec.path = path;
  edit(spec);
  return spec;
}

SeriesSpec series(const std::string& path) {
  return series(path, [](SeriesSpec&) {});
}

void write_series(Hdf5Writer& out, const SeriesSpec& spec) {
  out.group(spec.path);
  out.text_attribute(spec.path, "neurodata_type", spec.type);
  out.text_attribute(spec.path, "namespace", "core");
  if (spec.sweep_number) out.number_attribute(spec.path, "sweep_number", *spec.sweep_number);
  out.numbers(spec.path + "/data", spec.data, spec.shape);
  if (spec.unit) out.text_attribute(spec.path + "/data", "unit", *spec.unit);
  if (spec.conversion) out.number_attribute(spec.path + "/data", "conversion", *spec.conversion);
  if (spec.offset) out.number_attribute(spec.path + "/data", "offset", *spec.offset);
  if (!spec.timestamps.empty()) {
    out.numbers(spec.path + "/timestamps", spec.timestamps);
  } else if (spec.starting_time) {
    out.scalar(spec.path + "/starting_time", *spec.starting_time);
    if (spec.rate) out.number_attribute(spec.path + "/starting_time", "rate", *spec.rate);
  }
}

SeriesSpec stimulus_spec(const std::string& name, std::vector<double> amperes = {0.0, 0.0, 1e-10, 1e-10}) {
  SeriesSpec spec;
  spec.path = "/stimulus/presentation/" + name;
  spec.type = "CurrentClampStimulusSeries";
  spec.data = std::move(amperes);
  spec.unit = "amperes";
  spec.conversion.reset();
  return spec;
}

void write_nwb2_root(Hdf5Writer& out, const std::string& version = "2.5.0") {
  out.group("/acquisition");
  out.group("/stimulus/presentation");
  out.text_attribute("/", "nwb_version", version);
  out.text_attribute("/", "neurodata_type", "NWBFile");
  out.text("/identifier", "test-file");
  out.text("/session_description", "written by nwb_test");
  out.text("/session_start_time", "2020-01-01T00:00:00+00:00");
}

// Writes an NWB 2 file with the given series.
std::filesystem::path nwb2_file(const ScratchDirectory& scratch, const std::string& name,
                                const std::vector<SeriesSpec>& series) {
  const auto path = scratch / name;
  Hdf5Writer out(path);
  write_nwb2_root(out);
  for (const SeriesSpec& spec : series) write_series(out, spec);
  return path;
}

// The InputError of reading `path`; fails the test when there is none.
std::string input_error(const std::filesystem::path& path) {
  try {
    (void)read_nwb(path);
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no InputError for " << path;
  return {};
}

TEST(NwbReader, RecognisesTheLayoutFromTheVersionNotTheName) {
  ScratchDirectory scratch;
  EXPECT_EQ(nwb_format_of(recordings / "efel_step_current.nwb"), RecordingFormat::nwb2);
  EXPECT_EQ(nwb_format_of(recordings / "abf_sweeps_nwb1.nwb"), RecordingFormat::nwb1);
  EXPECT_EQ(nwb_format_of(recordings / "efel_step_current.txt"), RecordingFormat::other_binary);
  { Hdf5Writer(scratch / "plain.nwb").group("/data"); }
  EXPECT_EQ(nwb_format_of(scratch / "plain.nwb"), RecordingFormat::hdf5_other);
  {
    Hdf5Writer out(scratch / "future.h5");
    write_nwb2_root(out, "3.0.0");
  }
  EXPECT_EQ(nwb_format_of(scratch / "future.h5"), RecordingFormat::hdf5_other);
  EXPECT_THROW((void)nwb_format_of(scratch / "missing.nwb"), FileError);
  EXPECT_EQ(open_hdf5_objects(), 0);
}

TEST(NwbReader, PairsByTheSweepNumberAttributeAndOrdersBySweepNumber) {
  ScratchDirectory scratch;
  const SeriesSpec first = series("/acquisition/z_first", [](SeriesSpec& s) { s.sweep_number = 3; });
  const SeriesSpec second = series("/acquisition/a_second", [](SeriesSpec& s) {
    s.data = {-60.0, -61.0, -62.0, -63.0};
    s.sweep_number = 4;
  });
  SeriesSpec stimulus_3 = stimulus_spec("command_b", {1e-12, 2e-12, 3e-12, 4e-12});
  stimulus_3.sweep_number = 3;
  SeriesSpec stimulus_4 = stimulus_spec("command_a", {-5e-12, -5e-12, -5e-12, -5e-12});
  stimulus_4.sweep_number = 4;
  const auto path = nwb2_file(scratch, "numbers.nwb", {first, second, stimulus_3, stimulus_4});
  const Recording recording = read_nwb(path);
  ASSERT_EQ(recording.sweeps.size(), 2u);
  EXPECT_EQ(recording.sweeps[0].name, "z_first");
  EXPECT_EQ(recording.sweeps[1].name, "a_second");
  ASSERT_TRUE(recording.sweeps[0].command && recording.sweeps[1].command);
  EXPECT_EQ(recording.sweeps[0].command_source, "stimulus/presentation/command_b (sweep_number 3)");
  EXPECT_EQ(recording.sweeps[1].command_source, "stimulus/presentation/command_a (sweep_number 4)");
  const std::vector<double> expected{1.0, 2.0, 3.0, 4.0};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(recording.sweeps[0].command->samples[i], expected[i], 1e-12);
  EXPECT_NEAR(recording.sweeps[1].holding_pA, -5.0, 1e-12);
  EXPECT_NEAR(recording.sweeps[1].channels[0].samples[3], -63.0, 1e-12);
  EXPECT_EQ(fact(recording, "identifier"), "test-file");
  EXPECT_EQ(open_hdf5_objects(), 0);
}

TEST(NwbReader, PairsByTheSweepTableWhenThereIsOne) {
  ScratchDirectory scratch;
  const auto path = scratch / "sweep_table.nwb";
  {
    Hdf5Writer out(path);
    write_nwb2_root(out);
    write_series(out, series("/acquisition/response"));
    write_series(out, stimulus_spec("other"));
    write_series(out, stimulus_spec("paired", {3e-12, 3e-12, 3e-12, 3e-12}));
    // Rows: sweep 7 = {response, paired}, sweep 8 = {other}; series_index holds each row's end.
    out.numbers("/general/intracellular_ephys/sweep_table/sweep_number", {7.0, 8.0});
    out.references("/general/intracellular_ephys/sweep_table/series",
                   {"/acquisition/response", "/stimulus/presentation/paired", "/stimulus/presentation/other"});
    out.numbers("/general/intracellular_ephys/sweep_table/series_index", {2.0, 3.0});
  }
  const Recording recording = read_nwb(path);
  ASSERT_EQ(recording.sweeps.size(), 1u);
  ASSERT_TRUE(recording.sweeps[0].command.has_value());
  EXPECT_EQ(recording.sweeps[0].command_source, "stimulus/presentation/paired (sweep_table sweep_number 7)");
  EXPECT_NEAR(recording.sweeps[0].holding_pA, 3.0, 1e-12);
  EXPECT_EQ(open_hdf5_objects(), 0);
}

TEST(NwbReader, PairsByNameWithoutTablesOrSweepNumbers) {
  ScratchDirectory scratch;
  const auto path = nwb2_file(scratch, "names.nwb",
                              {series("/acquisition/sweep_2"), series("/acquisition/sweep_10"),
                               series("/acquisition/cell_response"), series("/acquisition/alone"),
                               stimulus_spec("sweep_2"), stimulus_spec("sweep_10"), stimulus_spec("cell_stimulus")});
  const Recording recording = read_nwb(path);
  ASSERT_EQ(recording.sweeps.size(), 4u);
  // Natural name order: digits compare as numbers.
  EXPECT_EQ(recording.sweeps[0].name, "alone");
  EXPECT_EQ(recording.sweeps[1].name, "cell_response");
  EXPECT_EQ(recording.sweeps[2].name, "sweep_2");
  EXPECT_EQ(recording.sweeps[3].name, "sweep_10");
  EXPECT_FALSE(recording.sweeps[0].command.has_value());
  EXPECT_EQ(recording.sweeps[0].command_source, "");
  EXPECT_EQ(recording.sweeps[0].holding_pA, 0.0);
  EXPECT_EQ(recording.sweeps[1].command_source, "stimulus/presentation/cell_stimulus (same name)");
  EXPECT_EQ(recording.sweeps[2].command_source, "stimulus/presentation/sweep_2 (same name)");
  EXPECT_EQ(recording.sweeps[3].command_source, "stimulus/presentation/sweep_10 (same name)");
  ASSERT_TRUE(recording.sweeps[3].command.has_value());
  EXPECT_NEAR(recording.sweeps[3].command->samples[2], 100.0, 1e-9);
  EXPECT_EQ(open_hdf5_objects(), 0);
}

TEST(NwbReader, AppliesConversionAndOffsetAndReadsTimestamps) {
  ScratchDirectory scratch;
  const auto path = nwb2_file(scratch, "timestamps.nwb",
                              {series("/acquisition/s",
                                      [](SeriesSpec& s) {
                                        s.data = {1.0, 2.0, -3.0, 0.0};
                                        s.unit = "millivolts";
                                        s.conversion = 2.0;
                                        s.offset = -70.0;
                                        s.timestamps = {10.0, 10.001, 10.002, 10.004};
                                      }),
                               series("/acquisition/t", [](SeriesSpec& s) {
                                 s.starting_time = 2.5;
                                 s.rate = 20000.0;
                               })});
  const Recording recording = read_nwb(path);
  ASSERT_EQ(recording.sweeps.size(), 2u);
  const Sweep& s = recording.sweeps[0];
  EXPECT_EQ(s.start_time_ms, 10000.0);
  const std::vector<double> times{0.0, 1.0, 2.0, 4.0}, values{-68.0, -66.0, -76.0, -70.0};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(s.time_ms[i], times[i], 1e-9);
    EXPECT_EQ(s.channels[0].samples[i], values[i]);
  }
  const Sweep& t = recording.sweeps[1];
  EXPECT_EQ(t.start_time_ms, 2500.0);
  EXPECT_EQ(t.time_ms[3], 0.15);
  EXPECT_NEAR(t.channels[0].samples[2], 20.0, 1e-12);  // 0.020 V
}

// Each spoiled file: the message must name the file, the HDF5 path of what is wrong and its value.
TEST(NwbReader, RefusesBadFilesNamingTheFileTheHdf5PathAndTheValue) {
  ScratchDirectory scratch;
  const auto expect_error = [&](const std::filesystem::path& path, const std::vector<std::string>& parts) {
    const std::string message = input_error(path);
    EXPECT_THAT(message, HasSubstr(path.string()));
    for (const std::string& part : parts) EXPECT_THAT(message, HasSubstr(part)) << path.filename();
    EXPECT_EQ(open_hdf5_objects(), 0) << path.filename();
  };
  expect_error(recordings / "efel_step_current.txt", {"is not HDF5"});
  { Hdf5Writer(scratch / "plain.h5").group("/data"); }
  expect_error(scratch / "plain.h5", {"nwb_version", "allowed: an NWB file"});
  {
    Hdf5Writer out(scratch / "future.nwb");
    write_nwb2_root(out, "3.0.0");
  }
  expect_error(scratch / "future.nwb", {"/ attribute 'nwb_version'", "'3.0.0'"});
  expect_error(nwb2_file(scratch, "voltage_clamp.nwb",
                         {series("/acquisition/vc", [](SeriesSpec& s) { s.type = "VoltageClampSeries"; })}),
               {"/acquisition", "no CurrentClampSeries under /acquisition/", "1 VoltageClampSeries"});
  expect_error(nwb2_file(scratch, "furlongs.nwb",
                         {series("/acquisition/s", [](SeriesSpec& s) { s.unit = "furlongs"; })}),
               {"/acquisition/s/data attribute 'unit'", "'furlongs'", "not a unit of voltage or current"});
  expect_error(nwb2_file(scratch, "amperes.nwb", {series("/acquisition/s", [](SeriesSpec& s) { s.unit = "amperes"; })}),
               {"/acquisition/s/data attribute 'unit'", "'amperes' is a unit of current"});
  expect_error(nwb2_file(scratch, "no_unit.nwb", {series("/acquisition/s", [](SeriesSpec& s) { s.unit.reset(); })}),
               {"/acquisition/s/data attribute 'unit'", "is missing"});
  expect_error(
      nwb2_file(scratch, "two_d.nwb",
                {series("/acquisition/s", [](SeriesSpec& s) {
                  s.data = {1, 2, 3, 4, 5, 6, 7, 8};
                  s.shape = {4, 2};
                })}),
      {"/acquisition/s/data", "2 dimensions (4 x 2)"});
  expect_error(nwb2_file(scratch, "nan.nwb",
                         {series("/acquisition/s", [](SeriesSpec& s) {
                           s.data = {1.0, 2.0, std::numeric_limits<double>::quiet_NaN(), 4.0};
                         })}),
               {"/acquisition/s/data", "sample 2 is nan"});
  expect_error(nwb2_file(scratch, "timestamps.nwb",
                         {series("/acquisition/s", [](SeriesSpec& s) { s.timestamps = {0.0, 0.1, 0.2}; })}),
               {"/acquisition/s/timestamps", "has 3 values", "has 4 samples"});
  expect_error(nwb2_file(scratch, "no_rate.nwb", {series("/acquisition/s", [](SeriesSpec& s) { s.rate.reset(); })}),
               {"/acquisition/s/starting_time attribute 'rate'", "is missing"});
  expect_error(nwb2_file(scratch, "zero_rate.nwb", {series("/acquisition/s", [](SeriesSpec& s) { s.rate = 0.0; })}),
               {"/acquisition/s/starting_time attribute 'rate'", "0 Hz"});
  expect_error(nwb2_file(scratch, "no_time.nwb",
                         {series("/acquisition/s", [](SeriesSpec& s) { s.starting_time.reset(); })}),
               {"/acquisition/s", "neither starting_time nor timestamps"});
  SeriesSpec volts_stimulus = stimulus_spec("s");
  volts_stimulus.unit = "volts";
  expect_error(nwb2_file(scratch, "stimulus_volts.nwb", {series("/acquisition/s"), volts_stimulus}),
               {"/stimulus/presentation/s/data attribute 'unit'", "'volts' is a unit of voltage"});
  expect_error(nwb2_file(scratch, "stimulus_short.nwb", {series("/acquisition/s"), stimulus_spec("s", {0.0, 1.0})}),
               {"/stimulus/presentation/s/data", "has 2 samples", "has 4"});
  const SeriesSpec bad_number = series("/acquisition/s", [](SeriesSpec& s) { s.sweep_number = -1.0; });
  expect_error(nwb2_file(scratch, "sweep_number.nwb", {bad_number}),
               {"/acquisition/s attribute 'sweep_number'", "-1"});
  EXPECT_THROW((void)read_nwb(scratch / "missing.nwb"), FileError);
  EXPECT_EQ(open_hdf5_objects(), 0);
}

TEST(NwbReader, Nwb1WithoutCurrentClampSweepsIsRefused) {
  ScratchDirectory scratch;
  const auto path = scratch / "voltage_clamp_nwb1.nwb";
  {
    Hdf5Writer out(path);
    out.text("/nwb_version", "NWB-1.0.5");
    write_series(out, series("/acquisition/timeseries/Sweep_1", [](SeriesSpec& s) {
                   s.type = "TimeSeries";
                   s.unit = "Amps";
                 }));
  }
  const std::string message = input_error(path);
  EXPECT_THAT(message, HasSubstr("/acquisition/timeseries"));
  EXPECT_THAT(message, HasSubstr("no current-clamp sweep (1 series, 1 of them voltage clamp)"));
  EXPECT_EQ(open_hdf5_objects(), 0);
}

}  // namespace
}  // namespace neurodyn
