// The ABF2 reader on a real recording (tests/data/recordings/171116sh_0018.abf, from pyABF), checked against what
// Neo's AxonIO, an independent decoder, reads from it (abf_reference.json, written by abf_reference.py), and on
// copies of its bytes changed in memory: corrupt ones must be refused with a message naming the file and the field.
#include "neurodyn/io/abf2.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

using Bytes = std::vector<unsigned char>;

const std::filesystem::path recordings = std::filesystem::path(NEURODYN_TEST_DATA_DIR) / "recordings";
const std::filesystem::path abf_path = recordings / "171116sh_0018.abf";

const Bytes& real_bytes() {
  static const Bytes bytes = [] {
    std::ifstream file(abf_path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }();
  return bytes;
}

const Recording& real_recording() {
  static const Recording recording = read_abf2(abf_path);
  return recording;
}

const nlohmann::json& reference() {
  static const nlohmann::json json = nlohmann::json::parse(std::ifstream(recordings / "abf_reference.json"));
  return json;
}

// Fields of the ABF2 layout (ABF File Support Pack, ProtocolStructs.h) for changing a copy of the file: the section
// map starts at byte 76 of the header, 16 bytes a section (uBlockIndex, uBytes, llNumEntries); blocks are 512 bytes.
enum Section : std::size_t { protocol = 0, adc = 1, dac = 2, epoch_per_dac = 5, strings = 9, data = 10 };
constexpr std::size_t section_map = 76;
constexpr std::size_t actual_episodes = 12;  // lActualEpisodes
constexpr std::size_t data_format = 30;      // nDataFormat

template <class T>
T get(const Bytes& bytes, std::size_t at) {
  std::array<unsigned char, sizeof(T)> raw{};
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), sizeof(T), raw.begin());
  return std::bit_cast<T>(raw);  // the test machine is little endian, as the format
}

template <class T>
void put(Bytes& bytes, std::size_t at, T value) {
  const auto raw = std::bit_cast<std::array<unsigned char, sizeof(T)>>(value);
  std::copy(raw.begin(), raw.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at));
}

std::size_t map_row(Section section) { return section_map + 16 * section; }
std::size_t section_start(const Bytes& bytes, Section section) {
  return std::size_t{get<std::uint32_t>(bytes, map_row(section))} * 512;
}
// Byte `offset` of entry `index` of a section.
std::size_t entry_field(const Bytes& bytes, Section section, std::size_t index, std::size_t offset) {
  return section_start(bytes, section) + index * get<std::uint32_t>(bytes, map_row(section) + 4) + offset;
}

// Where `text` first occurs in the strings section.
std::size_t string_at(const Bytes& bytes, std::string_view text) {
  const auto begin = bytes.begin() + static_cast<std::ptrdiff_t>(section_start(bytes, strings));
  const auto found = std::search(begin, bytes.end(), text.begin(), text.end());
  EXPECT_NE(found, bytes.end()) << text;
  return static_cast<std::size_t>(found - bytes.begin());
}

int upward_zero_crossings(std::span<const double> voltage) {
  int crossings = 0;
  for (std::size_t i = 1; i < voltage.size(); ++i) crossings += voltage[i] >= 0.0 && voltage[i - 1] < 0.0;
  return crossings;
}

// The sample indices where a command changes, and its level from the first sample and after each change.
std::pair<std::vector<std::size_t>, std::vector<double>> change_points(std::span<const double> command) {
  std::vector<std::size_t> boundaries;
  std::vector<double> levels{command.front()};
  for (std::size_t i = 1; i < command.size(); ++i) {
    if (command[i] != command[i - 1]) {
      boundaries.push_back(i);
      levels.push_back(command[i]);
    }
  }
  return {boundaries, levels};
}

std::size_t sample_index(double time_ms, double dt_ms) {
  return static_cast<std::size_t>(std::lround(time_ms / dt_ms));
}

// Parses bytes that must be refused; the message must name the file and hold every one of `words`, in printable
// ASCII only.
void expect_refused(const Bytes& bytes, std::initializer_list<std::string_view> words) {
  try {
    parse_abf2(bytes, "changed_copy.abf");
    ADD_FAILURE() << "the changed copy was accepted";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("changed_copy.abf"), std::string::npos) << message;
    for (const std::string_view word : words) {
      EXPECT_NE(message.find(word), std::string::npos) << word << ": " << message;
    }
    EXPECT_TRUE(std::ranges::all_of(message, [](char c) { return c >= 0x20 && c < 0x7F; })) << message;
  }
}

TEST(Abf2Reference, SweepsSampleRateAndUnitsAreNeos) {
  const Recording& recording = real_recording();
  const nlohmann::json& expected = reference();
  EXPECT_EQ(recording.format, RecordingFormat::abf2);
  EXPECT_EQ(recording.path, abf_path);
  ASSERT_EQ(recording.sweeps.size(), expected["sweep_count"].get<std::size_t>());
  for (std::size_t k = 0; k < recording.sweeps.size(); ++k) {
    const Sweep& sweep = recording.sweeps[k];
    EXPECT_EQ(sweep.number, static_cast<int>(k));
    ASSERT_EQ(sweep.time_ms.size(), expected["samples_per_sweep"].get<std::size_t>());
    ASSERT_EQ(sweep.channels.size(), expected["channel_count"].get<std::size_t>());
    EXPECT_EQ(sweep.channels[0].unit, expected["channel_units"][0].get<std::string>());
    EXPECT_EQ(sweep.channels[0].name, "IN 0");  // Neo drops the blank: "IN0"
    EXPECT_EQ(sweep.channels[0].samples.size(), sweep.time_ms.size());
    EXPECT_EQ(sweep.time_ms.front(), 0.0);
    EXPECT_NEAR(1000.0 / (sweep.time_ms[1] - sweep.time_ms[0]), expected["sample_rate_Hz"].get<double>(), 1e-6);
    EXPECT_NEAR(sweep.time_ms.back(), (static_cast<double>(sweep.time_ms.size()) - 1) * 0.05, 1e-9);
    EXPECT_NEAR(sweep.start_time_ms, 1000.0 * expected["sweep_start_times_s"][k].get<double>(), 1e-9);
  }
}

TEST(Abf2Reference, SamplesAreScaledAsNeoScalesThem) {
  const nlohmann::json& expected = reference();
  for (std::size_t k = 0; k < real_recording().sweeps.size(); ++k) {
    const auto& samples = real_recording().sweeps[k].channels[0].samples;
    for (const auto& [index, value] : expected["samples"][k].items()) {
      EXPECT_NEAR(samples[std::stoul(index)], value.get<double>(), 1e-9) << "sweep " << k << ", sample " << index;
    }
  }
}

TEST(Abf2Reference, CommandChangesWhereNeosProtocolDoes) {
  const nlohmann::json& expected = reference()["command"];
  EXPECT_EQ(expected["unit"], "pA");
  for (const nlohmann::json& reference_sweep : expected["sweeps"]) {
    const Sweep& sweep = real_recording().sweeps.at(reference_sweep["sweep"].get<std::size_t>());
    ASSERT_TRUE(sweep.command.has_value());
    EXPECT_EQ(sweep.command_source, "epoch table of DAC 0");
    EXPECT_EQ(sweep.command->unit, "pA");
    EXPECT_EQ(sweep.command->name, "Cmd 0");
    EXPECT_EQ(sweep.holding_pA, expected["holding_level"].get<double>());
    ASSERT_EQ(sweep.command->samples.size(), sweep.time_ms.size());
    const auto [boundaries, levels] = change_points(sweep.command->samples);
    EXPECT_EQ(boundaries, reference_sweep["boundaries"].get<std::vector<std::size_t>>()) << sweep.name;
    EXPECT_EQ(levels, reference_sweep["levels"].get<std::vector<double>>()) << sweep.name;
    // Every change of the command is the start of one of the epochs.
    const double dt_ms = sweep.time_ms[1];
    for (const std::size_t boundary : boundaries) {
      EXPECT_TRUE(std::ranges::any_of(sweep.epochs, [&](const CommandEpoch& epoch) {
        return sample_index(epoch.start_ms, dt_ms) == boundary;
      })) << sweep.name << ": no epoch starts at sample " << boundary;
    }
  }
}

TEST(Abf2Reference, EpochsAreTheEpochTableOfEachSweep) {
  const nlohmann::json& table = reference()["epoch_table"];
  for (const Sweep& sweep : real_recording().sweeps) {
    const double dt_ms = sweep.time_ms[1];
    const std::size_t samples = sweep.time_ms.size();
    ASSERT_EQ(sweep.epochs.size(), table.size() + 2) << sweep.name;  // holding, A ... E, holding
    EXPECT_EQ(sweep.epochs.front().name, "holding");
    EXPECT_EQ(sweep.epochs.front().type, "holding");
    EXPECT_EQ(sweep.epochs.front().start_ms, 0.0);
    std::size_t start = samples / 64;  // Clampex holds for the first 1/64 of the sweep
    EXPECT_EQ(sample_index(sweep.epochs.front().end_ms, dt_ms), start);
    for (std::size_t i = 0; i < table.size(); ++i) {
      const nlohmann::json& row = table[i];
      const CommandEpoch& epoch = sweep.epochs[i + 1];
      const auto k = static_cast<double>(sweep.number);
      const double level = row["first_level"].get<double>() + k * row["level_increment"].get<double>();
      const std::int64_t first = row["first_duration_samples"].get<std::int64_t>();
      const std::int64_t increment = row["duration_increment_samples"].get<std::int64_t>();
      const auto duration = static_cast<std::size_t>(first + sweep.number * increment);
      EXPECT_EQ(epoch.name, std::string(1, static_cast<char>('A' + row["epoch"].get<int>())));
      EXPECT_EQ(epoch.type, row["type"].get<int>() == 1 ? "step" : "ramp");
      EXPECT_EQ(sample_index(epoch.start_ms, dt_ms), start) << sweep.name << " epoch " << epoch.name;
      EXPECT_EQ(sample_index(epoch.end_ms, dt_ms), start + duration) << sweep.name << " epoch " << epoch.name;
      EXPECT_EQ(epoch.level_pA, level);
      EXPECT_EQ(epoch.end_level_pA, level);
      start += duration;
    }
    EXPECT_EQ(sweep.epochs.back().name, "holding");
    EXPECT_EQ(sample_index(sweep.epochs.back().start_ms, dt_ms), start);
    EXPECT_EQ(sample_index(sweep.epochs.back().end_ms, dt_ms), samples);
  }
  // The protocol as its notice states it: two 0.5 s steps of -100 + 25 k pA with a -100 pA step between them.
  const Sweep& last = real_recording().sweeps.at(16);
  EXPECT_EQ(last.epochs[2].level_pA, 300.0);
  EXPECT_NEAR(last.epochs[2].end_ms - last.epochs[2].start_ms, 500.0, 1e-9);
  EXPECT_EQ(last.epochs[4].level_pA, -100.0);
  EXPECT_EQ(last.epochs[5].level_pA, 300.0);
}

TEST(Abf2Reference, SpikeCountsAreNeos) {
  const auto expected = reference()["spike_counts"].get<std::vector<int>>();
  std::vector<int> counts;
  for (const Sweep& sweep : real_recording().sweeps) counts.push_back(upward_zero_crossings(sweep.channels[0].samples));
  EXPECT_EQ(counts, expected);
}

TEST(Abf2Reader, FactsNameTheProtocolCreatorAndDate) {
  const auto& facts = real_recording().facts;
  const auto fact = [&](std::string_view key) {
    const auto found = std::ranges::find(facts, key, &std::pair<std::string, std::string>::first);
    return found == facts.end() ? std::string("(missing)") : found->second;
  };
  EXPECT_EQ(fact("protocol"), "0113 steps dual -100 to 300 step 25");
  EXPECT_EQ(fact("creator"), "Clampex 10.7.0.3");
  EXPECT_EQ(fact("abf_version"), "2.6.0.0");
  EXPECT_EQ(fact("recorded"), "2017-11-16 14:08:10.748");
  EXPECT_EQ(fact("operation_mode"), "episodic stimulation");
  EXPECT_EQ(fact("command_dac"), "epoch table of DAC 0 (Cmd 0, pA), holding 0 pA");
}

TEST(Abf2Reader, ParsingTheBytesGivesWhatReadingTheFileGives) {
  const Recording parsed = parse_abf2(real_bytes(), "in memory");
  EXPECT_EQ(parsed.path, std::filesystem::path("in memory"));
  ASSERT_EQ(parsed.sweeps.size(), real_recording().sweeps.size());
  EXPECT_EQ(parsed.sweeps[7].channels[0].samples, real_recording().sweeps[7].channels[0].samples);
  EXPECT_EQ(parsed.sweeps[7].command->samples, real_recording().sweeps[7].command->samples);
}

TEST(Abf2Reader, ConvertsMicrovoltsToMillivoltsAndNanoampsToPicoamps) {
  Bytes bytes = real_bytes();
  bytes[string_at(bytes, std::string_view("IN 0\0mV", 7)) + 5] = 'u';
  bytes[string_at(bytes, std::string_view("Cmd 0\0pA", 8)) + 6] = 'n';
  const Recording recording = parse_abf2(bytes, "units.abf");
  const Sweep& sweep = recording.sweeps.at(16);
  EXPECT_EQ(sweep.channels[0].unit, "mV");
  EXPECT_NEAR(sweep.channels[0].samples[0], 1e-3 * real_recording().sweeps[16].channels[0].samples[0], 1e-12);
  EXPECT_EQ(sweep.command->unit, "pA");
  EXPECT_EQ(sweep.epochs[2].level_pA, 300e3);
  EXPECT_EQ(*std::ranges::max_element(sweep.command->samples), 300e3);
}

TEST(Abf2Reader, KeepsAnUnknownUnitAndSanitisesNames) {
  Bytes bytes = real_bytes();
  const std::size_t name = string_at(bytes, std::string_view("IN 0\0mV", 7));
  bytes[name + 1] = 0x07;
  bytes[name + 2] = 0xFF;
  bytes[name + 5] = 'x';
  const Recording recording = parse_abf2(bytes, "names.abf");
  EXPECT_EQ(recording.sweeps[0].channels[0].name, "I??0");
  EXPECT_EQ(recording.sweeps[0].channels[0].unit, "xV");
}

TEST(Abf2Reader, RampsRunFromThePreviousLevel) {
  Bytes bytes = real_bytes();
  put<std::int16_t>(bytes, entry_field(bytes, epoch_per_dac, 1, 4), 2);  // epoch B: nEpochType ramp
  const Recording recording = parse_abf2(bytes, "ramp.abf");
  const Sweep& sweep = recording.sweeps.at(0);
  const CommandEpoch& b = sweep.epochs.at(2);
  EXPECT_EQ(b.name, "B");
  EXPECT_EQ(b.type, "ramp");
  EXPECT_EQ(b.level_pA, 0.0);  // epoch A's level
  EXPECT_EQ(b.end_level_pA, -100.0);
  const auto& command = sweep.command->samples;
  EXPECT_EQ(command[2937], 0.0);
  EXPECT_NEAR(command[2937 + 5000], -100.0 * 5000 / 9999, 1e-9);
  EXPECT_EQ(command[12936], -100.0);
  EXPECT_EQ(command[12937], 0.0);  // epoch C
}

TEST(Abf2Reader, AKeptLastLevelCarriesIntoTheNextSweep) {
  Bytes bytes = real_bytes();
  put<std::int16_t>(bytes, entry_field(bytes, dac, 0, 44), 1);  // DAC 0: nInterEpisodeLevel "use last level"
  const Recording recording = parse_abf2(bytes, "last_level.abf");
  EXPECT_EQ(recording.sweeps[0].command->samples.front(), 0.0);
  EXPECT_EQ(recording.sweeps[0].command->samples.back(), -100.0);  // epoch E of sweep 0
  EXPECT_EQ(recording.sweeps[1].command->samples.front(), -100.0);
  EXPECT_EQ(recording.sweeps[1].epochs.front().level_pA, -100.0);
  EXPECT_EQ(recording.sweeps[1].command->samples.back(), -75.0);
  EXPECT_EQ(recording.sweeps[1].holding_pA, 0.0);
}

TEST(Abf2Reader, WithoutEpochsTheCommandIsTheHoldingLevel) {
  Bytes bytes = real_bytes();
  for (std::size_t i = 0; i < 5; ++i) put<std::int16_t>(bytes, entry_field(bytes, epoch_per_dac, i, 4), 0);  // off
  put<float>(bytes, entry_field(bytes, dac, 0, 12), -20.0F);  // fDACHoldingLevel
  Recording recording = parse_abf2(bytes, "epochs_off.abf");
  const Sweep& off = recording.sweeps.at(3);
  EXPECT_EQ(off.command_source, "epoch table of DAC 0");
  ASSERT_EQ(off.epochs.size(), 1u);
  EXPECT_EQ(off.epochs[0].type, "holding");
  EXPECT_EQ(off.epochs[0].level_pA, -20.0);
  EXPECT_NEAR(off.epochs[0].end_ms, 3000.0, 1e-9);
  EXPECT_EQ(off.holding_pA, -20.0);
  EXPECT_TRUE(std::ranges::all_of(off.command->samples, [](double value) { return value == -20.0; }));

  put<std::int16_t>(bytes, entry_field(bytes, dac, 0, 40), 0);  // nWaveformEnable
  recording = parse_abf2(bytes, "waveform_off.abf");
  EXPECT_EQ(recording.sweeps.at(3).command_source, "holding level of DAC 0");
  EXPECT_EQ(recording.sweeps.at(3).epochs.size(), 1u);
}

TEST(Abf2Reader, ACommandThatIsNotACurrentIsLeftOut) {
  Bytes bytes = real_bytes();
  bytes[string_at(bytes, std::string_view("Cmd 0\0pA", 8)) + 6] = 'm';
  bytes[string_at(bytes, std::string_view("Cmd 0\0mA", 8)) + 7] = 'V';
  const Recording recording = parse_abf2(bytes, "voltage_clamp.abf");
  EXPECT_FALSE(recording.sweeps.at(0).command.has_value());
  EXPECT_TRUE(recording.sweeps.at(0).epochs.empty());
  const auto command = std::ranges::find(recording.facts, std::string("command_dac"),
                                         &std::pair<std::string, std::string>::first);
  ASSERT_NE(command, recording.facts.end());
  EXPECT_EQ(command->second, "not rebuilt: DAC 0 (Cmd 0) is in 'mV', not a current");
}

// One sweep of float32 samples: the first three set, the rest whatever the bytes read as.
Bytes float_copy(std::initializer_list<float> first_samples) {
  Bytes bytes = real_bytes();
  put<std::uint32_t>(bytes, actual_episodes, 1);
  put<std::uint16_t>(bytes, data_format, 1);
  put<std::uint32_t>(bytes, map_row(data) + 4, 4);
  put<std::int64_t>(bytes, map_row(data) + 8, 60000);
  const std::size_t start = section_start(bytes, data);
  for (std::size_t i = 0; i < 60000; ++i) put<float>(bytes, start + 4 * i, -65.0F);
  std::size_t i = 0;
  for (const float value : first_samples) put<float>(bytes, start + 4 * i++, value);
  return bytes;
}

TEST(Abf2Reader, Float32SamplesAreTakenAsStored) {
  const Recording recording = parse_abf2(float_copy({-70.5F, 12.25F, 0.0F}), "float.abf");
  ASSERT_EQ(recording.sweeps.size(), 1u);
  const auto& samples = recording.sweeps[0].channels[0].samples;
  EXPECT_EQ(samples[0], -70.5);
  EXPECT_EQ(samples[1], 12.25);
  EXPECT_EQ(samples[2], 0.0);
  EXPECT_EQ(samples[59999], -65.0);
}

TEST(Abf2Corrupt, NanInFloatSamples) {
  expect_refused(float_copy({-70.5F, std::numeric_limits<float>::quiet_NaN()}),
                 {"DataSection", "sweep 0", "sample 1", "nan"});
}

TEST(Abf2Corrupt, TruncatedFile) {
  const Bytes& whole = real_bytes();
  expect_refused(Bytes(whole.begin(), whole.begin() + 8192), {"DataSection", "past the end of the file (8192 bytes)"});
  expect_refused(Bytes(whole.begin(), whole.begin() + 100), {"file header", "ADCSection.llNumEntries"});
  expect_refused(Bytes(whole.begin(), whole.begin() + 3), {"not an ABF2 file", "3 bytes"});
  expect_refused(Bytes(whole.begin(), whole.end() - 1000), {"DataSection", "past the end of the file"});
}

TEST(Abf2Corrupt, BrokenSignature) {
  Bytes bytes = real_bytes();
  bytes[0] = 'X';
  expect_refused(bytes, {"not an ABF2 file", "signature", "'XBF2'"});
  bytes[0] = 0x00;
  bytes[1] = 0xFF;
  expect_refused(bytes, {"not an ABF2 file", "0x00FF4632"});
}

TEST(Abf2Corrupt, Abf1Signature) {
  Bytes bytes = real_bytes();
  bytes[3] = ' ';
  expect_refused(bytes, {"ABF1 is not supported", "signature"});
}

TEST(Abf2Corrupt, SectionPastTheEndOfTheFile) {
  Bytes bytes = real_bytes();
  put<std::uint32_t>(bytes, map_row(data), 5000);  // 5000 blocks = 2,560,000 bytes
  expect_refused(bytes, {"section map", "DataSection", "block 5000", "past the end of the file (2047488 bytes)"});
  bytes = real_bytes();
  put<std::uint32_t>(bytes, map_row(strings) + 4, 4'000'000);
  expect_refused(bytes, {"section map", "StringsSection", "past the end"});
  bytes = real_bytes();
  put<std::int64_t>(bytes, map_row(epoch_per_dac) + 8, std::int64_t{1} << 60);
  expect_refused(bytes, {"EpochPerDACSection", "past the end"});
}

TEST(Abf2Corrupt, EntryTooShortForItsFields) {
  Bytes bytes = real_bytes();
  put<std::uint32_t>(bytes, map_row(adc) + 4, 60);  // ADC entries of 60 bytes: lADCChannelNameIndex is at 74
  expect_refused(bytes, {"ADCSection entry 0", "lADCChannelNameIndex"});
}

TEST(Abf2Corrupt, DataSectionTooSmallForTheSweeps) {
  Bytes bytes = real_bytes();
  put<std::int64_t>(bytes, map_row(data) + 8, 1'019'999);
  expect_refused(bytes, {"DataSection holds 1019999 samples", "1020000", "lActualEpisodes 17"});
}

TEST(Abf2Corrupt, NoSweepsOrNoChannels) {
  Bytes bytes = real_bytes();
  put<std::uint32_t>(bytes, actual_episodes, 0);
  expect_refused(bytes, {"lActualEpisodes = 0"});
  bytes = real_bytes();
  put<std::int64_t>(bytes, map_row(adc) + 8, 0);
  expect_refused(bytes, {"ADCSection.llNumEntries = 0"});
}

TEST(Abf2Corrupt, NonPositiveOrNanSampleInterval) {
  Bytes bytes = real_bytes();
  const std::size_t interval = section_start(bytes, protocol) + 2;  // fADCSequenceInterval
  put<float>(bytes, interval, 0.0F);
  expect_refused(bytes, {"fADCSequenceInterval = 0"});
  put<float>(bytes, interval, -50.0F);
  expect_refused(bytes, {"fADCSequenceInterval = -50"});
  put<float>(bytes, interval, std::numeric_limits<float>::quiet_NaN());
  expect_refused(bytes, {"fADCSequenceInterval = nan"});
}

TEST(Abf2Corrupt, UnsupportedEpochType) {
  Bytes bytes = real_bytes();
  put<std::int16_t>(bytes, entry_field(bytes, epoch_per_dac, 2, 4), 3);  // epoch C: a pulse train
  expect_refused(bytes, {"epoch C of DAC 0", "nEpochType", "3 (pulse train)", "supported: step (1), ramp (2)"});
  put<std::int16_t>(bytes, entry_field(bytes, epoch_per_dac, 2, 4), 99);
  expect_refused(bytes, {"epoch C of DAC 0", "99 (unknown)"});
}

TEST(Abf2Corrupt, EpochTableThatDoesNotFitTheSweep) {
  Bytes bytes = real_bytes();
  put<std::int32_t>(bytes, entry_field(bytes, epoch_per_dac, 4, 14), 50000);  // epoch E: lEpochInitDuration
  expect_refused(bytes, {"does not fit sweep 0", "epoch E", "lEpochInitDuration 50000", "82937"});
  bytes = real_bytes();
  put<std::int32_t>(bytes, entry_field(bytes, epoch_per_dac, 1, 18), -1000);  // epoch B: lEpochDurationInc
  expect_refused(bytes, {"epoch B of DAC 0", "lEpochDurationInc -1000", "sweep 11"});
}

TEST(Abf2Corrupt, StringIndexOutsideTheStringsSection) {
  Bytes bytes = real_bytes();
  put<std::int32_t>(bytes, entry_field(bytes, adc, 0, 78), 400);  // lADCUnitsIndex
  expect_refused(bytes, {"lADCUnitsIndex = 400", "StringsSection", "0 (none) to 21"});
}

TEST(Abf2Reader, RefusesDirectoriesAndMissingFiles) {
  EXPECT_THROW(read_abf2(recordings), InputError);
  EXPECT_THROW(read_abf2(recordings / "no_such_file.abf"), FileError);
}

}  // namespace
}  // namespace neurodyn
