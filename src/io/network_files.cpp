// spikes.csv, spikes.h5 (SONATA), groups.csv and traces.csv of a network (include/neurodyn/io/network_output.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "hdf5_file.hpp"
#include "hdf5_handles.hpp"
#include "network_groups.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/io/atomic_file.hpp"
#include "neurodyn/io/network_output.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/population/network_activity.hpp"
#include "neurodyn/version.hpp"
#include "pending_output.hpp"
#include "result_header.hpp"
#include "text_buffer.hpp"
#include "text_format.hpp"

namespace neurodyn {
namespace {

// Data that may be undefined: "nan" as fi.csv writes it, else the shortest text that reads back to the same double.
std::string number_cell(double value) { return std::isnan(value) ? std::string("nan") : fmt::format("{}", value); }

// The '#' lines shared by the files: version and what the file holds, its units, the network and how it ended.
void append_header(fmt::memory_buffer& out, const NetworkSpec& spec, const NetworkResult& result, std::string_view what,
                   std::string_view units) {
  append(out, "# neurodyn {} network: {}\n", version, single_line(what));
  append(out, "# units: {}\n", single_line(units));
  const std::vector<GroupRange> ranges = group_ranges(spec, result);
  fmt::memory_buffer groups;
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    append(groups, "{}{} ({}, neurons {}-{})", g ? ", " : "", single_line(spec.groups[g].name), spec.groups[g].model,
           ranges[g].first, ranges[g].first + ranges[g].count - 1);
  }
  append(out, "# groups: {}\n", fmt::to_string(groups));
  const bool published = spec.semantics == NetworkSemantics::published;
  append(out, "# run: {:g} ms in bins of {:g} ms, {} semantics ({}), seed {}, {} synapses, {} spikes\n",
         spec.duration_ms, spec.bin_ms, published ? "published" : "converged",
         published ? std::string("net.m's scheme, one step a bin")
                   : fmt::format("{} at dt {:g} ms, spikes located in the step", spec.method, spec.dt_ms),
         spec.seed, result.synapses, result.spikes.time_ms.size());
  if (result.ok) {
    append(out, "# status: ok\n");
  } else {
    append(out, "# status: failed: {}\n", single_line(result.message));
  }
}

// ---- SONATA ----

// Throws FileError naming the file and the step of HDF5 that failed.
void check(bool ok, const std::filesystem::path& path, std::string_view step) {
  if (!ok) throw FileError(fmt::format("cannot write {}: HDF5 failed {}", path.string(), step));
}

hdf5::Dataspace vector_space(std::size_t count) {
  const hsize_t dimension = count;
  return hdf5::Dataspace(H5Screate_simple(1, &dimension, nullptr));
}

template <class T>
hdf5::Dataset write_vector(const std::filesystem::path& path, hid_t group, const char* name, hid_t file_type,
                           hid_t memory_type, const std::vector<T>& values, const std::string& where) {
  const hdf5::Dataspace space = vector_space(values.size());
  check(space.valid(), path, fmt::format("creating the dataspace of {}", where));
  hdf5::Dataset dataset(H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  check(dataset.valid(), path, fmt::format("creating the dataset {}", where));
  if (!values.empty()) {
    check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0, path,
          fmt::format("writing {}", where));
  }
  return dataset;
}

// A text attribute as a variable-length UTF-8 string, as h5py writes a Python str.
void write_text_attribute(const std::filesystem::path& path, hid_t object, const char* name, const char* text,
                          const std::string& where) {
  const hdf5::Datatype type(H5Tcopy(H5T_C_S1));
  check(type.valid() && H5Tset_size(type.get(), H5T_VARIABLE) >= 0 && H5Tset_cset(type.get(), H5T_CSET_UTF8) >= 0, path,
        "making a string type");
  const hdf5::Dataspace scalar(H5Screate(H5S_SCALAR));
  const hdf5::Attribute attribute(H5Acreate2(object, name, type.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
  check(scalar.valid() && attribute.valid() && H5Awrite(attribute.get(), type.get(), &text) >= 0, path,
        fmt::format("writing the attribute {} of {}", name, where));
}

template <class T>
void write_attribute(const std::filesystem::path& path, hid_t object, const char* name, hid_t file_type,
                     hid_t memory_type, const std::vector<T>& values, bool scalar, const std::string& where) {
  const hdf5::Dataspace space = scalar ? hdf5::Dataspace(H5Screate(H5S_SCALAR)) : vector_space(values.size());
  const hdf5::Attribute attribute(H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT));
  check(space.valid() && attribute.valid() && H5Awrite(attribute.get(), memory_type, values.data()) >= 0, path,
        fmt::format("writing the attribute {} of {}", name, where));
}

// SONATA's sorting enum (docs/SONATA_DEVELOPER_GUIDE.md, "Spike file"): none = 0, by_id = 1, by_time = 2, on a
// signed byte (libsonata's `enum class Sorting : char`).
hdf5::Datatype sorting_type(hid_t base, const std::filesystem::path& path) {
  hdf5::Datatype type(H5Tenum_create(base));
  check(type.valid(), path, "creating the sorting enum type");
  const std::array<std::pair<const char*, signed char>, 3> members{{{"none", 0}, {"by_id", 1}, {"by_time", 2}}};
  for (const auto& [name, value] : members) {
    check(H5Tenum_insert(type.get(), name, &value) >= 0, path, "creating the sorting enum type");
  }
  return type;
}

void write_sonata_file(const std::filesystem::path& path, const std::filesystem::path& file_name,
                       const NetworkSpec& spec, const NetworkResult& result) {
  hdf5::File file(H5Fcreate(file_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  check(file.valid(), path, fmt::format("creating the file {}", file_name.string()));
  {
    // Every SONATA HDF5 file: magic 0x0A7A and the version of the specification (0.1) on the root.
    const hdf5::Group root(H5Gopen2(file.get(), "/", H5P_DEFAULT));
    check(root.valid(), path, "opening the root group");
    write_attribute(path, root.get(), "magic", H5T_STD_U32LE, H5T_NATIVE_UINT32, std::vector<std::uint32_t>{0x0A7A},
                    true, "/");
    write_attribute(path, root.get(), "version", H5T_STD_U32LE, H5T_NATIVE_UINT32, std::vector<std::uint32_t>{0, 1},
                    false, "/");

    const hdf5::Group spikes(H5Gcreate2(file.get(), "/spikes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    check(spikes.valid(), path, "creating the group /spikes");
    const hdf5::Datatype stored_sorting = sorting_type(H5T_STD_I8LE, path);
    const hdf5::Datatype memory_sorting = sorting_type(H5T_NATIVE_SCHAR, path);

    const std::vector<GroupRange> ranges = group_ranges(spec, result);
    std::vector<std::vector<double>> times(ranges.size());
    std::vector<std::vector<std::uint64_t>> node_ids(ranges.size());
    for (std::size_t s = 0; s < result.spikes.neuron.size(); ++s) {
      const std::int64_t neuron = result.spikes.neuron[s];
      const std::size_t g = group_of(ranges, neuron);
      times[g].push_back(result.spikes.time_ms[s]);
      node_ids[g].push_back(static_cast<std::uint64_t>(neuron - ranges[g].first));
    }
    for (std::size_t g = 0; g < ranges.size(); ++g) {
      const std::string& name = spec.groups[g].name;
      if (name.empty() || name == "." || name.find('/') != std::string::npos) {
        throw FileError(fmt::format(
            "cannot write {}: the group name '{}' cannot name an HDF5 group (SONATA population)", path.string(), name));
      }
      const std::string where = fmt::format("/spikes/{}", name);
      const hdf5::Group population(H5Gcreate2(spikes.get(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
      check(population.valid(), path, fmt::format("creating the group {}", where));
      const signed char by_time = 2;
      const hdf5::Dataspace scalar(H5Screate(H5S_SCALAR));
      const hdf5::Attribute sorting(
          H5Acreate2(population.get(), "sorting", stored_sorting.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT));
      check(sorting.valid() && H5Awrite(sorting.get(), memory_sorting.get(), &by_time) >= 0, path,
            fmt::format("writing the attribute sorting of {}", where));
      const hdf5::Dataset timestamps = write_vector(path, population.get(), "timestamps", H5T_IEEE_F64LE,
                                                    H5T_NATIVE_DOUBLE, times[g], where + "/timestamps");
      write_text_attribute(path, timestamps.get(), "units", "ms", where + "/timestamps");
      write_vector(path, population.get(), "node_ids", H5T_STD_U64LE, H5T_NATIVE_UINT64, node_ids[g],
                   where + "/node_ids");
    }
  }
  // Write errors show here; closing (when `file` goes) only releases what is flushed.
  check(H5Fflush(file.get(), H5F_SCOPE_LOCAL) >= 0, path, "flushing the file");
}

}  // namespace

void write_spikes_csv(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result) {
  const std::vector<GroupRange> ranges = group_ranges(spec, result);
  std::vector<std::string> names;
  for (const NeuronGroup& group : spec.groups) names.push_back(csv_field(group.name));
  AtomicFile file(path);
  fmt::memory_buffer buffer;
  append_header(buffer, spec, result, "every spike, in time order (ties by neuron)",
                "time_ms ms (the spike time, full precision); neuron: the global index (groups in order, each "
                "group's neurons consecutive); group: the name of its group");
  append(buffer, "time_ms,neuron,group\n");
  for (std::size_t s = 0; s < result.spikes.time_ms.size(); ++s) {
    const std::int64_t neuron = result.spikes.neuron[s];
    append(buffer, "{},{},{}\n", result.spikes.time_ms[s], neuron, names[group_of(ranges, neuron)]);
    if (buffer.size() >= chunk_bytes) write_chunk(file, buffer);
  }
  write_chunk(file, buffer);
  file.commit();
}

void write_sonata_spikes(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result) {
  PendingOutput output(path);
  {
    const std::scoped_lock lock(hdf5::library_mutex);
    const hdf5::QuietErrors quiet;
    write_sonata_file(path, output.temporary(), spec, result);
  }
  output.commit();
}

void write_groups_csv(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result) {
  const std::vector<GroupRange> ranges = group_ranges(spec, result);
  fmt::memory_buffer out;
  const double sample_rate_hz = 1000.0 / spectrum_bin_ms(spec.bin_ms);
  append_header(
      out, spec, result, "each group's spikes, rate and rhythms",
      fmt::format("neurons, spikes: counts; mean_rate_hz Hz (the mean over the group's neurons of their "
                  "spikes / {:g} ms); alpha_peak_hz, gamma_peak_hz Hz: the frequency of the largest "
                  "spectral density of the group's population rate in [{:g}, {:g}] Hz and [{:g}, {:g}] Hz "
                  "(nan where the band holds no frequency of the spectrum or the rate never varies)",
                  spec.duration_ms, alpha_band.low_hz, alpha_band.high_hz, gamma_band.low_hz, gamma_band.high_hz));
  append(out,
         "# spectrum: the population rate in bins of {:g} ms (sampled at {:g} Hz), Welch's method with Hann-windowed "
         "segments of {} bins overlapping by half (frequency step {:g} Hz up to {:g} Hz)\n",
         spectrum_bin_ms(spec.bin_ms), sample_rate_hz, spectrum_segment_bins,
         sample_rate_hz / static_cast<double>(spectrum_segment_bins), sample_rate_hz / 2.0);
  append(out, "group,model,neurons,spikes,mean_rate_hz,alpha_peak_hz,gamma_peak_hz\n");
  for (std::size_t g = 0; g < ranges.size(); ++g) {
    const auto [first, count] = ranges[g];
    const auto spikes = std::count_if(result.spikes.neuron.begin(), result.spikes.neuron.end(),
                                      [&](std::int64_t n) { return n >= first && n < first + count; });
    const std::vector<double> rates = neuron_rates(result.spikes, first, count, spec.duration_ms);
    const double mean_rate =
        rates.empty() ? std::nan("") : std::accumulate(rates.begin(), rates.end(), 0.0) / static_cast<double>(count);
    const RateSpectrum spectrum = population_spectrum(result.spikes, first, count, spec.duration_ms, spec.bin_ms);
    const bool varies = std::any_of(spectrum.density.begin(), spectrum.density.end(), [](double d) { return d > 0.0; });
    // spectrum_peak gives 0 for a band without frequencies; no band here holds 0 Hz.
    const auto peak = [&](double low, double high) {
      const double frequency = spectrum_peak(spectrum, low, high);
      return varies && frequency > 0.0 ? frequency : std::nan("");
    };
    append(out, "{},{},{},{},{},{},{}\n", csv_field(spec.groups[g].name), csv_field(spec.groups[g].model), count,
           spikes, number_cell(mean_rate), number_cell(peak(alpha_band.low_hz, alpha_band.high_hz)),
           number_cell(peak(gamma_band.low_hz, gamma_band.high_hz)));
  }
  write_file_atomically(path, fmt::to_string(out));
}

void write_traces_csv(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result) {
  const std::vector<GroupRange> ranges = group_ranges(spec, result);
  // The columns: every state variable (name and unit) of the traced neurons' models, in the order met; a row
  // leaves the columns of other models empty.
  std::vector<std::string> columns;
  std::vector<std::string> column_meanings;
  std::vector<std::vector<std::size_t>> column_of_variable(result.traces.size());
  std::vector<std::string> neurons_text;
  for (std::size_t t = 0; t < result.traces.size(); ++t) {
    const std::int64_t neuron = result.traces[t].neuron;
    const std::size_t g = group_of(ranges, neuron);
    const ModelInfo& model = model_info(spec.groups.at(g).model);
    neurons_text.push_back(
        fmt::format("{} ({} {}, {})", neuron, single_line(spec.groups[g].name), neuron - ranges[g].first, model.name));
    for (const auto& variable : model.state_variables) {
      const std::string name = column_name(variable.name, variable.unit);
      auto found = std::find(columns.begin(), columns.end(), name);
      if (found == columns.end()) {
        columns.push_back(name);
        column_meanings.push_back(fmt::format("{} {} ({})", name, unit_label(variable.unit), variable.meaning));
        found = columns.end() - 1;
      }
      column_of_variable[t].push_back(static_cast<std::size_t>(found - columns.begin()));
    }
  }

  AtomicFile file(path);
  fmt::memory_buffer buffer;
  append_header(buffer, spec, result,
                "the recorded neurons' states at every bin boundary, one neuron after the other, each in time order",
                fmt::format("time_ms ms; neuron: the global index{}{}", columns.empty() ? "" : "; ",
                            fmt::join(column_meanings, "; ")));
  append(buffer, "# traced neurons (global index (group, index within it, model)): {}\n",
         neurons_text.empty() ? std::string("none") : fmt::format("{}", fmt::join(neurons_text, ", ")));
  append(buffer, "time_ms,neuron{}{}\n", columns.empty() ? "" : ",", fmt::join(columns, ","));
  std::vector<std::string> cells(columns.size());
  for (std::size_t t = 0; t < result.traces.size(); ++t) {
    const NetworkTrace& trace = result.traces[t];
    for (std::size_t sample = 0; sample < trace.time_ms.size(); ++sample) {
      std::fill(cells.begin(), cells.end(), std::string());
      const std::vector<double>& state = trace.states.at(sample);
      for (std::size_t v = 0; v < std::min(state.size(), column_of_variable[t].size()); ++v) {
        cells[column_of_variable[t][v]] = fmt::format("{}", state[v]);
      }
      append(buffer, "{},{}{}{}\n", trace.time_ms[sample], trace.neuron, cells.empty() ? "" : ",",
             fmt::join(cells, ","));
      if (buffer.size() >= chunk_bytes) write_chunk(file, buffer);
    }
  }
  write_chunk(file, buffer);
  file.commit();
}

}  // namespace neurodyn
