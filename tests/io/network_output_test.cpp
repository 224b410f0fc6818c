// The files of a network run (include/neurodyn/io/network_output.hpp), on results built by hand: spikes.csv row by
// row, spikes.h5 decoded by h5py (an independent reader of the SONATA layout), groups.csv against rates counted by
// hand and rhythms placed by hand, traces.csv with the columns of models of different state variables, and the
// figures (PNG and SVG, the raster's thinning of a large network).
#include "neurodyn/io/network_output.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::read_text;
using testing::ScratchDirectory;

NeuronGroup group(std::string name, std::string model, std::int64_t count) {
  NeuronGroup g;
  g.name = std::move(name);
  g.model = std::move(model);
  g.count = count;
  return g;
}

// Three groups of three models: izh2003 (v, u in mV/ms), izh2007 (v, u in pA) and lif (v only); the second's name
// holds a comma. Six spikes in 100 ms, one at 0.1 + 0.2 (17 significant digits), two at the same time.
struct Network {
  NetworkSpec spec;
  NetworkResult result;
};

Network small_network() {
  Network network;
  network.spec.groups = {group("exc", "izh2003", 3), group("inh, fast", "izh2007", 2), group("silent", "lif", 1)};
  network.spec.duration_ms = 100.0;
  network.spec.bin_ms = 1.0;
  network.result.group_first = {0, 3, 5, 6};
  network.result.spikes.time_ms = {0.1 + 0.2, 2.0, 2.0, 10.25, 50.0, 99.5};
  network.result.spikes.neuron = {0, 1, 4, 3, 0, 2};
  return network;
}

// The '#' lines and the rows of a CSV file, each row split at commas outside double quotes.
struct Csv {
  std::vector<std::string> comments;
  std::vector<std::vector<std::string>> rows;  // the column names first
};

Csv read_csv(const std::filesystem::path& path) {
  Csv csv;
  std::istringstream lines(read_text(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("#")) {
      EXPECT_TRUE(csv.rows.empty()) << "a comment after the column names: " << line;
      csv.comments.push_back(line);
      continue;
    }
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"') {
        if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
          fields.back() += '"';
          ++i;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    csv.rows.push_back(fields);
  }
  return csv;
}

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs python3 with `script` and the arguments; its stdout, or a failure with its stderr.
std::string run_python(const ScratchDirectory& scratch, const std::string& script, const std::string& argument) {
  const auto out = scratch / "python.out";
  const auto err = scratch / "python.err";
  const std::string command = "/usr/bin/python3 -c " + shell_quoted(script) + " " + shell_quoted(argument) + " >" +
                              shell_quoted(out.string()) + " 2>" + shell_quoted(err.string());
  const int status = std::system(command.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_text(err);
  return read_text(out);
}

bool have_h5py() { return std::system("/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1") == 0; }

bool have_gnuplot() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

TEST(NetworkOutput, SpikesCsvHasEverySpikeAtFullPrecisionWithItsGroup) {
  const ScratchDirectory scratch;
  const Network network = small_network();
  write_spikes_csv(scratch / "spikes.csv", network.spec, network.result);
  const Csv csv = read_csv(scratch / "spikes.csv");
  ASSERT_FALSE(csv.comments.empty());
  EXPECT_THAT(csv.comments[0], HasSubstr("# neurodyn "));
  EXPECT_THAT(read_text(scratch / "spikes.csv"), HasSubstr("time_ms ms"));
  ASSERT_EQ(csv.rows.size(), 7u);
  EXPECT_THAT(csv.rows[0], ElementsAre("time_ms", "neuron", "group"));
  EXPECT_THAT(csv.rows[1], ElementsAre("0.30000000000000004", "0", "exc"));
  EXPECT_THAT(csv.rows[2], ElementsAre("2", "1", "exc"));
  EXPECT_THAT(csv.rows[3], ElementsAre("2", "4", "inh, fast"));
  EXPECT_THAT(csv.rows[4], ElementsAre("10.25", "3", "inh, fast"));
  EXPECT_THAT(csv.rows[5], ElementsAre("50", "0", "exc"));
  EXPECT_THAT(csv.rows[6], ElementsAre("99.5", "2", "exc"));
  EXPECT_EQ(std::stod(csv.rows[1][0]), 0.1 + 0.2);
  EXPECT_THAT(scratch.entries(), ElementsAre("spikes.csv"));
}

// h5py lists each population's datasets, their types, the units and the sorting attribute with its enum's members.
constexpr const char* sonata_dump = R"(
import sys, h5py
f = h5py.File(sys.argv[1], 'r')
print('magic', hex(int(f.attrs['magic'])), 'version', *[int(v) for v in f.attrs['version']])
print('spikes', *sorted(f['spikes'].keys()))
for name in f['spikes']:
    g = f['spikes'][name]
    members = h5py.check_enum_dtype(g.attrs.get_id('sorting').dtype)
    value = int(g.attrs['sorting'])
    print('population', name)
    print('sorting', value, [k for k, v in members.items() if v == value][0], sorted(members.items(), key=lambda m: m[1]))
    t = g['timestamps']
    print('timestamps', t.dtype.str, t.attrs['units'], *[repr(float(x)) for x in t[()]])
    n = g['node_ids']
    print('node_ids', n.dtype.str, *[int(x) for x in n[()]])
)";

TEST(NetworkOutput, SonataSpikeFileReadsBackInH5py) {
  if (!have_h5py()) GTEST_SKIP() << "python3-h5py is not installed";
  const ScratchDirectory scratch;
  const Network network = small_network();
  write_sonata_spikes(scratch / "spikes.h5", network.spec, network.result);
  EXPECT_THAT(scratch.entries(), ElementsAre("spikes.h5"));
  const std::string members = "[('none', 0), ('by_id', 1), ('by_time', 2)]";
  EXPECT_EQ(run_python(scratch, sonata_dump, (scratch / "spikes.h5").string()),
            "magic 0xa7a version 0 1\n"
            "spikes exc inh, fast silent\n"
            "population exc\n"
            "sorting 2 by_time " +
                members +
                "\n"
                "timestamps <f8 ms 0.30000000000000004 2.0 50.0 99.5\n"
                "node_ids <u8 0 1 0 2\n"
                "population inh, fast\n"
                "sorting 2 by_time " +
                members +
                "\n"
                "timestamps <f8 ms 2.0 10.25\n"
                "node_ids <u8 1 0\n"
                "population silent\n"
                "sorting 2 by_time " +
                members +
                "\n"
                "timestamps <f8 ms\n"
                "node_ids <u8\n");
}

TEST(NetworkOutput, SonataSpikeFileInAMissingDirectoryIsAFileErrorNamingIt) {
  const ScratchDirectory scratch;
  const Network network = small_network();
  const auto path = scratch / "missing" / "spikes.h5";
  try {
    write_sonata_spikes(path, network.spec, network.result);
    FAIL() << "no FileError";
  } catch (const FileError& error) {
    EXPECT_THAT(error.what(), HasSubstr(path.string()));
  }
  EXPECT_TRUE(scratch.entries().empty());
}

TEST(NetworkOutput, SonataRefusesAGroupNameThatCannotNameAnHdf5GroupAndLeavesNothing) {
  const ScratchDirectory scratch;
  Network network = small_network();
  network.spec.groups[1].name = "inh/fast";
  EXPECT_THROW(write_sonata_spikes(scratch / "spikes.h5", network.spec, network.result), FileError);
  EXPECT_TRUE(scratch.entries().empty());
}

// Group a fires in volleys every 102 ms (9.80 Hz, alpha), group b every 34 ms (29.4 Hz, gamma), group c never;
// 2048 ms in bins of 2 ms: the spectrum's frequencies are 1000 / (2 ms 256) = 1.953125 Hz apart.
Network rhythmic_network() {
  Network network;
  network.spec.groups = {group("a", "izh2003", 3), group("b", "izh2003", 2), group("c", "izh2003", 4)};
  network.spec.duration_ms = 2048.0;
  network.spec.bin_ms = 2.0;
  network.result.group_first = {0, 3, 5, 9};
  std::multimap<double, std::int64_t> spikes;  // time order, ties by neuron
  for (double t = 5.0; t < 2048.0; t += 102.0) {
    for (std::int64_t n = 0; n < 3; ++n) spikes.emplace(t, n);
  }
  for (double t = 1.0; t < 2048.0; t += 34.0) {
    for (std::int64_t n = 3; n < 5; ++n) spikes.emplace(t, n);
  }
  for (const auto& [time, neuron] : spikes) {
    network.result.spikes.time_ms.push_back(time);
    network.result.spikes.neuron.push_back(neuron);
  }
  return network;
}

TEST(NetworkOutput, GroupsCsvCountsSpikesAndFindsTheRhythmsPlacedByHand) {
  const ScratchDirectory scratch;
  const Network network = rhythmic_network();
  write_groups_csv(scratch / "groups.csv", network.spec, network.result);
  const Csv csv = read_csv(scratch / "groups.csv");
  ASSERT_EQ(csv.rows.size(), 4u);
  EXPECT_THAT(csv.rows[0],
              ElementsAre("group", "model", "neurons", "spikes", "mean_rate_hz", "alpha_peak_hz", "gamma_peak_hz"));
  // Volleys at 5, 107, ..., 2045 ms: 21 of them; at 1, 35, ..., 2041 ms: 61.
  const double seconds = 2.048;
  const double step_hz = 1000.0 / (2.0 * 256.0);
  ASSERT_EQ(csv.rows[1].size(), 7u);
  EXPECT_THAT(std::vector<std::string>(csv.rows[1].begin(), csv.rows[1].begin() + 4),
              ElementsAre("a", "izh2003", "3", "63"));
  EXPECT_DOUBLE_EQ(std::stod(csv.rows[1][4]), 21.0 / seconds);
  EXPECT_LE(std::abs(std::stod(csv.rows[1][5]) - 1000.0 / 102.0), step_hz / 2);
  ASSERT_EQ(csv.rows[2].size(), 7u);
  EXPECT_THAT(std::vector<std::string>(csv.rows[2].begin(), csv.rows[2].begin() + 4),
              ElementsAre("b", "izh2003", "2", "122"));
  EXPECT_DOUBLE_EQ(std::stod(csv.rows[2][4]), 61.0 / seconds);
  EXPECT_LE(std::abs(std::stod(csv.rows[2][6]) - 1000.0 / 34.0), step_hz / 2);
  // No spikes: a rate of 0 and no peak in either band.
  EXPECT_THAT(csv.rows[3], ElementsAre("c", "izh2003", "4", "0", "0", "nan", "nan"));
  EXPECT_THAT(read_text(scratch / "groups.csv"), HasSubstr("mean_rate_hz Hz"));
}

TEST(NetworkOutput, TracesCsvLeavesTheColumnsOfOtherModelsEmpty) {
  const ScratchDirectory scratch;
  Network network = small_network();
  network.result.traces = {{0, {0.0, 1.0}, {{-65.0, -13.0}, {-64.5, -12.75}}},
                           {3, {0.0, 1.0}, {{-60.0, 0.0}, {-59.0, 1.5}}},
                           {5, {0.0, 1.0}, {{-70.0}, {-69.25}}}};
  write_traces_csv(scratch / "traces.csv", network.spec, network.result);
  const Csv csv = read_csv(scratch / "traces.csv");
  const std::string text = read_text(scratch / "traces.csv");
  EXPECT_THAT(text, HasSubstr("u_mV_per_ms mV/ms"));
  EXPECT_THAT(text, HasSubstr("u_pA pA"));
  ASSERT_EQ(csv.rows.size(), 7u);
  EXPECT_THAT(csv.rows[0], ElementsAre("time_ms", "neuron", "v_mV", "u_mV_per_ms", "u_pA"));
  EXPECT_THAT(csv.rows[1], ElementsAre("0", "0", "-65", "-13", ""));
  EXPECT_THAT(csv.rows[2], ElementsAre("1", "0", "-64.5", "-12.75", ""));
  EXPECT_THAT(csv.rows[3], ElementsAre("0", "3", "-60", "", "0"));
  EXPECT_THAT(csv.rows[4], ElementsAre("1", "3", "-59", "", "1.5"));
  EXPECT_THAT(csv.rows[5], ElementsAre("0", "5", "-70", "", ""));
  EXPECT_THAT(csv.rows[6], ElementsAre("1", "5", "-69.25", "", ""));
}

TEST(NetworkOutput, TracesCsvWithoutTracesHasOnlyItsHeader) {
  const ScratchDirectory scratch;
  const Network network = small_network();
  write_traces_csv(scratch / "traces.csv", network.spec, network.result);
  const Csv csv = read_csv(scratch / "traces.csv");
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_THAT(csv.rows[0], ElementsAre("time_ms", "neuron"));
}

void expect_figure(const std::filesystem::path& path_without_extension) {
  const std::string png = read_text(std::filesystem::path(path_without_extension).concat(".png"));
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << path_without_extension;
  EXPECT_GT(png.size(), 10000u) << path_without_extension;
  const std::string svg = read_text(std::filesystem::path(path_without_extension).concat(".svg"));
  EXPECT_THAT(svg, HasSubstr("</svg>")) << path_without_extension;
  EXPECT_GT(svg.size(), 10000u) << path_without_extension;
}

TEST(NetworkOutput, FiguresAreDrawnAsPngAndSvg) {
  if (!have_gnuplot()) GTEST_SKIP() << "gnuplot is not installed";
  const ScratchDirectory scratch;
  const Network network = rhythmic_network();
  write_network_figures(scratch.path(), "volleys", network.spec, network.result);
  EXPECT_THAT(scratch.entries(),
              ElementsAre("raster.png", "raster.svg", "rates.png", "rates.svg", "spectrum.png", "spectrum.svg"));
  for (const char* name : {"raster", "rates", "spectrum"}) expect_figure(scratch / name);
  // The texts of the SVG files (not their whole text in a failure's message).
  const auto has = [](const std::filesystem::path& path, const std::string& text) {
    return read_text(path).find(text) != std::string::npos;
  };
  EXPECT_TRUE(has(scratch / "raster.svg", "spikes of all 9 neurons (185 spikes)"));
  EXPECT_TRUE(has(scratch / "raster.svg", "time (ms)"));
  EXPECT_TRUE(has(scratch / "raster.svg", "population rate: all 9 neurons"));
  EXPECT_TRUE(has(scratch / "rates.svg", "rate (Hz)"));
  EXPECT_TRUE(has(scratch / "spectrum.svg", "frequency (Hz)"));
  EXPECT_TRUE(has(scratch / "spectrum.svg", "alpha"));
  EXPECT_TRUE(has(scratch / "spectrum.svg", "gamma"));
}

// A network that never fires still gets its three figures (gnuplot fails on a plot with nothing to draw).
TEST(NetworkOutput, FiguresOfASilentNetworkAreDrawn) {
  if (!have_gnuplot()) GTEST_SKIP() << "gnuplot is not installed";
  const ScratchDirectory scratch;
  Network network = small_network();
  network.result.spikes = {};
  write_network_figures(scratch.path(), "silent", network.spec, network.result);
  for (const char* name : {"raster", "rates", "spectrum"}) {
    EXPECT_TRUE(std::filesystem::exists(scratch / (std::string(name) + ".png"))) << name;
    EXPECT_TRUE(std::filesystem::exists(scratch / (std::string(name) + ".svg"))) << name;
  }
  EXPECT_NE(read_text(scratch / "raster.svg").find("no spikes"), std::string::npos);
}

// 1000 neurons of 250 spikes each: the raster keeps every 5th neuron, 50000 spikes, and says so.
TEST(NetworkOutput, RasterOfManySpikesShowsEveryKthNeuronAndSaysSo) {
  if (!have_gnuplot()) GTEST_SKIP() << "gnuplot is not installed";
  const ScratchDirectory scratch;
  Network network;
  network.spec.groups = {group("all", "izh2003", 1000)};
  network.spec.duration_ms = 1000.0;
  network.result.group_first = {0, 1000};
  for (int volley = 0; volley < 250; ++volley) {
    for (std::int64_t neuron = 0; neuron < 1000; ++neuron) {
      network.result.spikes.time_ms.push_back(4.0 * volley + 1.0);
      network.result.spikes.neuron.push_back(neuron);
    }
  }
  write_network_figures(scratch.path(), "many spikes", network.spec, network.result);
  EXPECT_NE(
      read_text(scratch / "raster.svg").find("spikes of every 5th neuron of each group: 50000 of 250000 spikes shown"),
      std::string::npos);
}

}  // namespace
}  // namespace neurodyn
