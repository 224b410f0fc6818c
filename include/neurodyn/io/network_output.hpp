#pragma once
// The files of `neurodyn network`, written into a result folder's staging directory:
//   spikes.csv       every spike: time_ms,neuron,group (neuron: the global index; groups in the config's order,
//                    each group's neurons consecutive)
//   spikes.h5        the same spikes in the SONATA spike-file layout (one population per group, node ids within
//                    the group), read by NEST, NEURON, Arbor and BMTK
//   groups.csv       per group: its model, neurons, spikes, mean rate and the peaks of its rate spectrum
//   traces.csv       the recorded neurons' states at every bin boundary (when some were recorded)
//   raster.{png,svg}    the raster with the population rate below it
//   rates.{png,svg}     per group, the histogram of the neurons' rates
//   spectrum.{png,svg}  per group, the power spectrum of the population rate, the alpha and gamma bands shaded
#include <filesystem>
#include <string_view>

#include "neurodyn/population/network.hpp"

namespace neurodyn {

// Throws FileError if a file cannot be written. traces.csv has one column per state variable (name and unit) of the
// traced neurons' models, empty in the rows of a neuron whose model lacks it; without traces it holds only its
// header. spikes.h5 throws FileError for a group name that cannot name an HDF5 group ('/' in it, or ".").
void write_spikes_csv(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result);
void write_sonata_spikes(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result);
void write_groups_csv(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result);
void write_traces_csv(const std::filesystem::path& path, const NetworkSpec& spec, const NetworkResult& result);

// raster, rates and spectrum (.png and .svg) in `directory`. Throws FileError if gnuplot is missing or fails.
void write_network_figures(const std::filesystem::path& directory, std::string_view title, const NetworkSpec& spec,
                           const NetworkResult& result);

}  // namespace neurodyn
