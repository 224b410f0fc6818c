// trace.csv and spikes.csv parsed back: '#' header, the column row, and every number exactly as it was
// (the shortest text that reads back to the same double). The stimulus column is checked against the
// published protocol of panel A (docs/reference.md 1.2: I = 14 for t > 10, 0 before).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/io/result_files.hpp"
#include "neurodyn/version.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ScratchDirectory;
using testing::write_text;

struct CsvFile {
  std::vector<std::string> comments;  // without the leading "# "
  std::string column_row;
  std::vector<std::vector<double>> rows;
};

CsvFile parse_csv(const std::filesystem::path& path) {
  CsvFile csv;
  std::istringstream in(testing::read_text(path));
  std::string line;
  while (std::getline(in, line) && line.starts_with("#")) csv.comments.push_back(line.substr(line.size() > 1 ? 2 : 1));
  csv.column_row = line;
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) {
      char* end = nullptr;
      row.push_back(std::strtod(cell.c_str(), &end));
      EXPECT_EQ(*end, '\0') << "not a number: " << cell;
    }
    csv.rows.push_back(row);
  }
  return csv;
}

EffectiveRun preset_run(const std::string& name) {
  RunSettings settings;
  settings.preset = name;
  return resolve(settings);
}

// A solution with numbers whose decimal forms are long: they must come back bit for bit.
Solution awkward_solution() {
  Solution solution;
  solution.dimension = 2;
  solution.times = {0.0, 0.1 + 0.2, 1.0 / 3.0, 10.0, 10.5, 99.99999999999999};
  solution.states = {-70.0,
                     -14.0,
                     -69.98765432109876,
                     -13.999999999999998,
                     -1.0 / 3.0,
                     1e-300,
                     -65.0,
                     -8.0,
                     29.999999999999996,
                     5e-324,
                     -64.5,
                     -7.25};
  solution.spike_times = {12.345678901234567, 50.0};
  return solution;
}

TEST(TraceCsv, NumbersReadBackExactlyWithTheStimulusColumn) {
  ScratchDirectory directory;
  const EffectiveRun run = preset_run("izh2004-A");
  const Solution solution = awkward_solution();
  write_trace_csv(directory / "trace.csv", run, solution);

  const CsvFile csv = parse_csv(directory / "trace.csv");
  EXPECT_EQ(csv.column_row, "time_ms,v_mV,u_mV_per_ms,I_mV_per_ms");
  ASSERT_EQ(csv.rows.size(), solution.sample_count());
  const std::vector<double> stimulus{0, 0, 0, 0, 14, 14};  // I = 14 for t > 10 (strictly)
  for (std::size_t k = 0; k < csv.rows.size(); ++k) {
    EXPECT_THAT(csv.rows[k], ElementsAre(solution.times[k], solution.state(k, 0), solution.state(k, 1), stimulus[k]))
        << "row " << k;
  }
  EXPECT_THAT(directory.entries(), ElementsAre("trace.csv"));
}

TEST(TraceCsv, HeaderNamesVersionUnitsSolverAndConfiguration) {
  ScratchDirectory directory;
  const EffectiveRun run = preset_run("izh2004-A");
  Solution solution = awkward_solution();
  solution.status = SolveStatus::unstable;
  solution.message = "v became infinite at t = 3 ms";
  solution.statistics.steps = 42;
  write_trace_csv(directory / "trace.csv", run, solution);

  const CsvFile csv = parse_csv(directory / "trace.csv");
  ASSERT_GE(csv.comments.size(), 4u);
  EXPECT_EQ(csv.comments[0], std::string("neurodyn ") + version);
  EXPECT_EQ(csv.comments[1], "units: time_ms ms, v mV, u mV/ms; I (the stimulus current) mV/ms (model units)");
  EXPECT_THAT(csv.comments[2], HasSubstr("status unstable, 42 steps"));
  EXPECT_EQ(csv.comments[3], "solver message: v became infinite at t = 3 ms");
}

TEST(TraceCsv, EmbeddedConfigurationRepeatsTheRun) {
  ScratchDirectory directory;
  RunSettings settings;
  settings.preset = "izh2004-B";
  settings.method = "heun";
  settings.method_options["dt"] = 0.05;
  const EffectiveRun run = resolve(settings);
  write_trace_csv(directory / "trace.csv", run, awkward_solution());

  const CsvFile csv = parse_csv(directory / "trace.csv");
  const auto start = std::find_if(csv.comments.begin(), csv.comments.end(),
                                  [](const std::string& line) { return line.starts_with("effective configuration"); });
  ASSERT_NE(start, csv.comments.end());
  std::string config;
  for (auto line = start + 1; line != csv.comments.end(); ++line) config += *line + "\n";
  write_text(directory / "config.toml", config);
  const EffectiveRun repeated = resolve(read_run_settings(directory / "config.toml"));
  EXPECT_EQ(repeated.preset, run.preset);
  EXPECT_EQ(repeated.parameters, run.parameters);
  EXPECT_EQ(repeated.initial_state, run.initial_state);
  EXPECT_EQ(repeated.stimulus, run.stimulus);
  EXPECT_EQ(repeated.t_end, run.t_end);
  EXPECT_EQ(repeated.method.name, "heun");
  EXPECT_EQ(repeated.method.dt, 0.05);
}

TEST(TraceCsv, ColumnNamesFollowTheModelsUnits) {
  ScratchDirectory directory;
  const std::vector<std::pair<std::string, std::string>> expected{
      {"hh-squid", "time_ms,v_mV,m,h,n,I_uA_per_cm2"},
      {"izh2007-RS", "time_ms,v_mV,u_pA,I_pA"},
      {"fhn-classic", "time_ms,v,w,I"},
      {"lif-cortical", "time_ms,v_mV,I_pA"},
  };
  for (const auto& [preset, columns] : expected) {
    const EffectiveRun run = preset_run(preset);
    Solution solution;
    solution.dimension = run.initial_state.size();
    solution.times = {0.0};
    solution.states = run.initial_state;
    write_trace_csv(directory / "trace.csv", run, solution);
    const CsvFile csv = parse_csv(directory / "trace.csv");
    EXPECT_EQ(csv.column_row, columns) << preset;
    ASSERT_EQ(csv.rows.size(), 1u);
    EXPECT_EQ(csv.rows[0].size(), solution.dimension + 2) << preset;
  }
}

TEST(TraceCsv, ManyRowsAreAllWritten) {
  ScratchDirectory directory;
  const EffectiveRun run = preset_run("izh2004-A");
  Solution solution;
  solution.dimension = 2;
  constexpr std::size_t samples = 300000;  // several write chunks
  for (std::size_t k = 0; k < samples; ++k) {
    solution.times.push_back(static_cast<double>(k) * 1e-4);
    solution.states.push_back(-70.0 + static_cast<double>(k) * 1e-7);
    solution.states.push_back(static_cast<double>(k % 1000) / 7.0);
  }
  write_trace_csv(directory / "trace.csv", run, solution);
  const CsvFile csv = parse_csv(directory / "trace.csv");
  ASSERT_EQ(csv.rows.size(), samples);
  for (const std::size_t k : {std::size_t{0}, samples / 2, samples - 1}) {
    EXPECT_EQ(csv.rows[k][0], solution.times[k]);
    EXPECT_EQ(csv.rows[k][1], solution.state(k, 0));
    EXPECT_EQ(csv.rows[k][2], solution.state(k, 1));
  }
}

TEST(SpikesCsv, OneSpikeTimePerRowExactly) {
  ScratchDirectory directory;
  const Solution solution = awkward_solution();
  write_spikes_csv(directory / "spikes.csv", preset_run("izh2004-A"), solution);
  const CsvFile csv = parse_csv(directory / "spikes.csv");
  EXPECT_EQ(csv.column_row, "time_ms");
  EXPECT_EQ(csv.comments[0], std::string("neurodyn ") + version);
  ASSERT_EQ(csv.rows.size(), 2u);
  EXPECT_THAT(csv.rows, ElementsAre(ElementsAre(12.345678901234567), ElementsAre(50.0)));
}

TEST(SpikesCsv, NoSpikesGivesOnlyTheHeader) {
  ScratchDirectory directory;
  write_spikes_csv(directory / "spikes.csv", preset_run("izh2004-A"), Solution{});
  const CsvFile csv = parse_csv(directory / "spikes.csv");
  EXPECT_EQ(csv.column_row, "time_ms");
  EXPECT_TRUE(csv.rows.empty());
}

TEST(ResultCsv, MissingDirectoryIsAFileError) {
  ScratchDirectory directory;
  EXPECT_THROW(write_trace_csv(directory / "absent" / "trace.csv", preset_run("izh2004-A"), awkward_solution()),
               FileError);
  EXPECT_THROW(write_spikes_csv(directory / "absent" / "spikes.csv", preset_run("izh2004-A"), awkward_solution()),
               FileError);
}

}  // namespace
}  // namespace neurodyn
