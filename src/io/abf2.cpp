#include "neurodyn/io/abf2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "abf2_sections.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/text_input.hpp"

namespace neurodyn {
namespace {

using abf2::Cursor;
using abf2::SectionId;

constexpr std::uintmax_t max_file_bytes = std::uintmax_t{2} << 30;  // 2 GiB
constexpr std::size_t max_channels = 16;                             // ABF_ADCCOUNT
constexpr int max_epochs = 50;                                       // ABF_EPOCHCOUNT, per DAC

template <class... Args>
[[noreturn]] void fail(std::string_view file, fmt::format_string<Args...> format, Args&&... args) {
  throw InputError(fmt::format("ABF file '{}': {}", file, fmt::format(format, std::forward<Args>(args)...)));
}

void check_signature(std::span<const unsigned char> bytes, std::string_view file) {
  if (bytes.size() < 4) {
    throw InputError(fmt::format("ABF file '{}' is not an ABF2 file: it has {} bytes, fewer than the 4 of the "
                                 "signature 'ABF2'",
                                 file, bytes.size()));
  }
  const std::string_view signature(reinterpret_cast<const char*>(bytes.data()), 4);
  if (signature == "ABF2") return;
  if (signature == "ABF ") {
    throw InputError(fmt::format("ABF file '{}': its signature 'ABF ' marks ABF1 (Axon Binary Format 1, pCLAMP 9 "
                                 "and older); ABF1 is not supported; allowed: ABF2 (Clampfit 10 and later save ABF2)",
                                 file));
  }
  throw InputError(fmt::format("ABF file '{}' is not an ABF2 file: its signature (bytes 0 to 3) is '{}' "
                               "(0x{:02X}{:02X}{:02X}{:02X}); allowed: 'ABF2'",
                               file, abf2::printable(bytes.first(4)), bytes[0], bytes[1], bytes[2], bytes[3]));
}

// The bytes of a section after checking that the section map keeps it inside the file. The strings section is
// one run of uBytes bytes (llNumEntries counts its strings); the others are llNumEntries entries of uBytes.
std::span<const unsigned char> section_bytes(std::span<const unsigned char> bytes, std::string_view file,
                                             const abf2::Section& section) {
  if (!section.present()) fail(file, "section map: {} is absent (uBlockIndex 0); the reader needs it", section.name);
  if (section.entries < 0) {
    fail(file, "section map: {}.llNumEntries = {}; allowed: >= 0", section.name, section.entries);
  }
  const std::uint64_t start = std::uint64_t{section.block} * abf2::block_size;
  if (start > bytes.size()) {
    fail(file, "section map: {} starts at block {} (byte {}), past the end of the file ({} bytes)", section.name,
         section.block, start, bytes.size());
  }
  const std::uint64_t room = bytes.size() - start;
  const auto entries = static_cast<std::uint64_t>(section.entries);
  const bool one_run = section.name == abf2::section_names[static_cast<std::size_t>(SectionId::strings)];
  const bool fits = one_run ? section.entry_bytes <= room
                            : section.entry_bytes == 0 || entries <= room / section.entry_bytes;
  if (!fits) {
    const std::string extent = one_run ? fmt::format("{} bytes", section.entry_bytes)
                                       : fmt::format("{} entries of {} bytes", section.entries, section.entry_bytes);
    fail(file, "section map: {} (block {} = byte {}, {}) reaches past the end of the file ({} bytes)", section.name,
         section.block, start, extent, bytes.size());
  }
  const std::uint64_t size = one_run ? section.entry_bytes : entries * section.entry_bytes;
  return bytes.subspan(static_cast<std::size_t>(start), static_cast<std::size_t>(size));
}

Cursor entry(std::span<const unsigned char> section, const abf2::Section& map, std::size_t index,
             std::string_view file) {
  return Cursor(section.subspan(index * map.entry_bytes, map.entry_bytes), file,
                fmt::format("{} entry {}", map.name, index));
}

// The strings section, its strings counted from 1 (index 0: no string).
class Strings {
 public:
  Strings() = default;
  Strings(std::span<const unsigned char> section, std::string_view file) : present_(true) {
    const Cursor cache(section, file, "StringsSection");
    const std::uint32_t signature = cache.u32(0, "signature");
    if (signature != abf2::string_cache_signature) {
      fail(file, "StringsSection: signature 0x{:08X} is not the string cache's 'SSCH' (0x{:08X})", signature,
           abf2::string_cache_signature);
    }
    const std::uint32_t count = cache.u32(8, "uNumStrings");
    std::size_t at = abf2::string_cache_header_bytes;
    for (std::uint32_t i = 0; i < count; ++i) {
      const auto end = std::find(section.begin() + static_cast<std::ptrdiff_t>(std::min(at, section.size())),
                                 section.end(), static_cast<unsigned char>(0));
      if (end == section.end()) {
        fail(file, "StringsSection: string {} of {} (uNumStrings) runs past the end of the section ({} bytes)", i + 1,
             count, section.size());
      }
      const auto stop = static_cast<std::size_t>(end - section.begin());
      strings_.push_back(abf2::printable(section.subspan(at, stop - at)));
      at = stop + 1;
    }
  }

  std::string at(std::int64_t index, std::string_view field, std::string_view file) const {
    if (index == 0 || !present_) return {};
    if (index < 0 || static_cast<std::uint64_t>(index) > strings_.size()) {
      fail(file, "{} = {} is not a string of the StringsSection; allowed: 0 (none) to {}", field, index,
           strings_.size());
    }
    return strings_[static_cast<std::size_t>(index - 1)];
  }

 private:
  bool present_ = false;
  std::vector<std::string> strings_;
};

// A unit of the file and the factor to the reader's units: potentials to mV, currents to pA, others as they are.
struct UnitConversion {
  std::string unit;
  double factor = 1.0;
};

UnitConversion convert_unit(const std::string& unit) {
  static constexpr std::pair<std::string_view, double> to_mV[] = {{"V", 1e3}, {"mV", 1.0}, {"uV", 1e-3}};
  static constexpr std::pair<std::string_view, double> to_pA[] = {
      {"A", 1e12}, {"mA", 1e9}, {"uA", 1e6}, {"nA", 1e3}, {"pA", 1.0}, {"fA", 1e-3}};
  for (const auto& [name, factor] : to_mV) {
    if (unit == name) return {"mV", factor};
  }
  for (const auto& [name, factor] : to_pA) {
    if (unit == name) return {"pA", factor};
  }
  return {unit, 1.0};
}

std::string_view operation_mode_name(std::int16_t mode) {
  switch (mode) {
    case 1: return "event-driven, variable length";
    case 2: return "event-driven, fixed length";
    case 3: return "gap-free";
    case 4: return "high-speed oscilloscope";
    case 5: return "episodic stimulation";
    default: return "unknown";
  }
}

std::string_view epoch_type_name(std::int16_t type) {
  switch (type) {
    case 0: return "off";
    case 1: return "step";
    case 2: return "ramp";
    case 3: return "pulse train";
    case 4: return "triangle train";
    case 5: return "cosine train";
    case 6: return "resistance test";
    case 7: return "biphasic train";
    default: return "unknown";
  }
}

std::string_view digitizer_name(std::int16_t type) {
  static constexpr std::string_view names[] = {"unknown", "demo",    "MiniDigi",      "DD132X",   "OPUS",
                                               "PATCH",   "Digidata 1440", "MiniDigi 2", "Digidata 1550"};
  return type >= 0 && static_cast<std::size_t>(type) < std::size(names) ? names[static_cast<std::size_t>(type)]
                                                                         : "unknown";
}

// Clampex names epochs A, B, ... Z, AA, AB, ... by their number from 0.
std::string epoch_letter(int number) {
  std::string letters(1, static_cast<char>('A' + number % 26));
  if (number >= 26) letters.insert(letters.begin(), static_cast<char>('A' + number / 26 - 1));
  return letters;
}

std::string version_text(const std::array<std::uint8_t, 4>& version) {
  return fmt::format("{}.{}.{}.{}", version[3], version[2], version[1], version[0]);
}

// "2017-11-16 14:08:10.748" from uFileStartDate (YYYYMMDD) and uFileStartTimeMS; nothing when they are not a date.
std::optional<std::string> recording_time(std::uint32_t date, std::uint32_t time_ms) {
  const std::uint32_t year = date / 10000;
  const std::uint32_t month = date / 100 % 100;
  const std::uint32_t day = date % 100;
  if (year < 1980 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || time_ms >= 86'400'000) {
    return std::nullopt;
  }
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", year, month, day, time_ms / 3'600'000,
                     time_ms / 60'000 % 60, time_ms / 1000 % 60, time_ms % 1000);
}

// The protocol's name: the file name of its path (Windows or POSIX separators) without ".pro".
std::string protocol_name(const std::string& path) {
  std::string name = path.substr(path.find_last_of("\\/") + 1);
  if (name.size() > 4) {
    std::string tail = name.substr(name.size() - 4);
    std::ranges::transform(tail, tail.begin(),
                           [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (tail == ".pro") name.resize(name.size() - 4);
  }
  return name;
}

// How to turn a channel's stored values into its unit.
struct ChannelScale {
  std::string name;
  UnitConversion unit;
  double gain = 1.0;    // per count (int16) or 1 (float32), in the file's unit
  double offset = 0.0;  // in the file's unit
};

ChannelScale channel_scale(const abf2::AdcInfo& adc, const abf2::ProtocolInfo& protocol, bool int16_data,
                           const Strings& strings, std::size_t index, std::string_view file) {
  ChannelScale scale;
  scale.name = strings.at(adc.name_index, fmt::format("ADCSection entry {}: lADCChannelNameIndex", index), file);
  if (scale.name.empty()) scale.name = fmt::format("ADC {}", adc.adc_num);
  scale.unit =
      convert_unit(strings.at(adc.units_index, fmt::format("ADCSection entry {}: lADCUnitsIndex", index), file));
  if (!int16_data) return scale;
  // The scaling of ABF2 (ABF File Support Pack, ABFH_GetADCtoUUFactors): counts x fADCRange / lADCResolution is
  // the voltage at the digitiser, divided by the gains between it and the amplifier, then offset.
  const bool telegraph = adc.telegraph_enable != 0;
  scale.gain = static_cast<double>(protocol.adc_range_V);
  scale.gain /= adc.instrument_scale_factor;
  scale.gain /= adc.signal_gain;
  scale.gain /= adc.programmable_gain;
  scale.gain /= protocol.adc_resolution;
  if (telegraph) scale.gain /= adc.telegraph_addit_gain;
  scale.offset = static_cast<double>(adc.instrument_offset) - static_cast<double>(adc.signal_offset);
  if (!std::isfinite(scale.gain) || scale.gain == 0.0 || !std::isfinite(scale.offset)) {
    fail(file,
         "ADCSection entry {} ({}): the scaling fADCRange {:g} / (fInstrumentScaleFactor {:g} x fSignalGain {:g} x "
         "fADCProgrammableGain {:g} x lADCResolution {}{}) gives {:g} per count, offset fInstrumentOffset {:g} - "
         "fSignalOffset {:g} = {:g}; allowed: a finite gain other than 0 and a finite offset",
         index, scale.name, protocol.adc_range_V, adc.instrument_scale_factor, adc.signal_gain,
         adc.programmable_gain, protocol.adc_resolution,
         telegraph ? fmt::format(" x fTelegraphAdditGain {:g}", adc.telegraph_addit_gain) : std::string(),
         scale.gain, adc.instrument_offset, adc.signal_offset, scale.offset);
  }
  return scale;
}

// What the command of every sweep is built from: the epoch table of one DAC, or its holding level alone.
struct CommandPlan {
  std::int16_t dac = 0;
  std::string name;
  double to_pA = 1.0;
  double holding_pA = 0.0;
  bool keep_last_level = false;           // nInterEpisodeLevel: the last epoch's level holds until the next sweep
  bool from_epoch_table = false;
  std::vector<abf2::EpochInfo> epochs;    // the epochs that are not off, by epoch number
  std::string source;
};

std::vector<abf2::EpochInfo> epoch_table(std::span<const unsigned char> bytes, std::string_view file,
                                         const abf2::FileHeader& header, std::int16_t dac) {
  const abf2::Section& map = header.section(SectionId::epoch_per_dac);
  std::vector<abf2::EpochInfo> epochs;
  if (!map.present()) return epochs;
  const auto section = section_bytes(bytes, file, map);
  std::vector<std::size_t> entry_of(max_epochs, 0);
  for (std::size_t i = 0; i < static_cast<std::size_t>(map.entries); ++i) {
    const abf2::EpochInfo epoch = abf2::read_epoch(entry(section, map, i, file));
    if (epoch.dac_num != dac || epoch.type == 0) continue;
    if (epoch.epoch_num < 0 || epoch.epoch_num >= max_epochs) {
      fail(file, "EpochPerDACSection entry {}: nEpochNum = {} (DAC {}); allowed: 0 to {}", i, epoch.epoch_num, dac,
           max_epochs - 1);
    }
    const std::string letter = epoch_letter(epoch.epoch_num);
    if (epoch.type != 1 && epoch.type != 2) {
      fail(file, "EpochPerDACSection entry {}: epoch {} of DAC {} has type (nEpochType) {} ({}), which is not "
           "supported; supported: step (1), ramp (2)", i, letter, dac, epoch.type, epoch_type_name(epoch.type));
    }
    auto& first_entry = entry_of[static_cast<std::size_t>(epoch.epoch_num)];
    if (first_entry != 0) {
      fail(file, "EpochPerDACSection: epoch {} of DAC {} appears twice (entries {} and {})", letter, dac,
           first_entry - 1, i);
    }
    first_entry = i + 1;
    if (!std::isfinite(epoch.init_level) || !std::isfinite(epoch.level_inc)) {
      fail(file, "EpochPerDACSection entry {}: epoch {} of DAC {} has fEpochInitLevel {} and fEpochLevelInc {}; "
           "allowed: finite levels", i, letter, dac, epoch.init_level, epoch.level_inc);
    }
    epochs.push_back(epoch);
  }
  std::ranges::sort(epochs, {}, &abf2::EpochInfo::epoch_num);
  return epochs;
}

using Facts = std::vector<std::pair<std::string, std::string>>;

// Chooses the DAC whose command the sweeps get: the active DAC when its waveform is enabled, else the first DAC
// with an enabled waveform, else the active DAC (or the first) at its holding level. Nothing, with a fact saying
// why, when the file has no DAC, the DAC is not a current, or its waveform comes from a stimulus file.
std::optional<CommandPlan> plan_command(std::span<const unsigned char> bytes, std::string_view file,
                                        const abf2::FileHeader& header, const abf2::ProtocolInfo& protocol,
                                        const Strings& strings, Facts& facts) {
  const abf2::Section& map = header.section(SectionId::dac);
  if (!map.present() || map.entries == 0) {
    facts.emplace_back("command_dac", "none: the file has no DAC section");
    return std::nullopt;
  }
  const auto section = section_bytes(bytes, file, map);
  std::vector<abf2::DacInfo> dacs;
  for (std::size_t i = 0; i < static_cast<std::size_t>(map.entries); ++i) {
    dacs.push_back(abf2::read_dac(entry(section, map, i, file)));
  }
  const auto enabled = [](const abf2::DacInfo& dac) { return dac.waveform_enable != 0; };
  auto chosen = std::ranges::find(dacs, protocol.active_dac, &abf2::DacInfo::dac_num);
  if (chosen == dacs.end() || !enabled(*chosen)) {
    const auto first_enabled = std::ranges::find_if(dacs, enabled);
    if (first_enabled != dacs.end()) chosen = first_enabled;
    if (chosen == dacs.end()) chosen = dacs.begin();
  }
  const auto index = static_cast<std::size_t>(chosen - dacs.begin());
  const abf2::DacInfo& dac = *chosen;

  CommandPlan plan;
  plan.dac = dac.dac_num;
  plan.name = strings.at(dac.name_index, fmt::format("DACSection entry {}: lDACChannelNameIndex", index), file);
  if (plan.name.empty()) plan.name = fmt::format("DAC {}", dac.dac_num);
  const std::string unit =
      strings.at(dac.units_index, fmt::format("DACSection entry {}: lDACChannelUnitsIndex", index), file);
  const UnitConversion conversion = convert_unit(unit);
  if (conversion.unit != "pA") {
    facts.emplace_back("command_dac", fmt::format("not rebuilt: DAC {} ({}) is in '{}', not a current", dac.dac_num,
                                              plan.name, unit));
    return std::nullopt;
  }
  plan.to_pA = conversion.factor;
  plan.holding_pA = static_cast<double>(dac.holding_level) * plan.to_pA;
  if (!std::isfinite(plan.holding_pA)) {
    fail(file, "DACSection entry {}: fDACHoldingLevel = {}; allowed: a finite level", index, dac.holding_level);
  }
  plan.keep_last_level = dac.inter_episode_level != 0;
  const bool episodic = protocol.operation_mode == 5;
  if (enabled(dac) && episodic && dac.waveform_source == 2) {
    facts.emplace_back("command_dac", fmt::format("not rebuilt: DAC {} ({}) plays a stimulus file (nWaveformSource 2), "
                                              "which the file does not hold", dac.dac_num, plan.name));
    return std::nullopt;
  }
  if (enabled(dac) && episodic && dac.waveform_source == 1) {
    plan.from_epoch_table = true;
    plan.epochs = epoch_table(bytes, file, header, dac.dac_num);
    plan.source = fmt::format("epoch table of DAC {}", dac.dac_num);
  } else {
    plan.source = fmt::format("holding level of DAC {}", dac.dac_num);
  }
  facts.emplace_back("command_dac", fmt::format("{} ({}, {}), holding {:g} pA", plan.source, plan.name, unit,
                                            plan.holding_pA));
  return plan;
}

// The command of one sweep: the holding level for the first 1/64 of the sweep (Clampex starts every sweep so; pyABF
// and Neo rebuild it the same way), each epoch at its level for its duration in this sweep, then the holding
// level (or the last level, when the DAC keeps it) to the end. `carried` is the level the sweep starts at.
void rebuild_command(Sweep& sweep, const CommandPlan& plan, std::size_t samples, double dt_ms, double& carried,
                     std::string_view file) {
  const auto add_epoch = [&](std::string name, std::string type, std::size_t start, std::size_t end, double level,
                             double end_level) {
    if (end <= start) return;
    if (type == "holding" && !sweep.epochs.empty() && sweep.epochs.back().type == "holding" &&
        sweep.epochs.back().level_pA == level) {  // no epoch between two holding periods
      sweep.epochs.back().end_ms = static_cast<double>(end) * dt_ms;
      return;
    }
    sweep.epochs.push_back({std::move(name), std::move(type), static_cast<double>(start) * dt_ms,
                            static_cast<double>(end) * dt_ms, level, end_level});
  };
  std::vector<double> command(samples, carried);
  const std::size_t holding_end = plan.from_epoch_table ? samples / 64 : samples;
  add_epoch("holding", "holding", 0, holding_end, carried, carried);
  double level = carried;
  std::size_t position = holding_end;
  const auto k = static_cast<std::int64_t>(sweep.number);
  for (const abf2::EpochInfo& epoch : plan.epochs) {
    const std::string letter = epoch_letter(epoch.epoch_num);
    const std::int64_t duration = std::int64_t{epoch.init_duration} + k * epoch.duration_inc;
    if (duration < 0) {
      fail(file, "epoch {} of DAC {} lasts lEpochInitDuration {} + {} x lEpochDurationInc {} = {} samples in sweep "
           "{}; allowed: >= 0", letter, plan.dac, epoch.init_duration, k, epoch.duration_inc, duration, k);
    }
    if (static_cast<std::uint64_t>(duration) > samples - position) {
      fail(file, "the epoch table of DAC {} does not fit sweep {}: epoch {} (lEpochInitDuration {} + {} x "
           "lEpochDurationInc {} samples) ends at sample {}, after the sweep's {} samples (the first {} hold)",
           plan.dac, k, letter, epoch.init_duration, k, epoch.duration_inc,
           static_cast<std::uint64_t>(position) + static_cast<std::uint64_t>(duration), samples, holding_end);
    }
    const auto n = static_cast<std::size_t>(duration);
    const double previous = level;
    level = (static_cast<double>(epoch.init_level) + static_cast<double>(k) * epoch.level_inc) * plan.to_pA;
    if (epoch.type == 1) {
      std::fill_n(command.begin() + static_cast<std::ptrdiff_t>(position), n, level);
      add_epoch(letter, "step", position, position + n, level, level);
    } else {  // a ramp from the previous level, reaching this one at its last sample
      for (std::size_t i = 0; i < n; ++i) {
        command[position + i] =
            n == 1 ? level : previous + (level - previous) * static_cast<double>(i) / static_cast<double>(n - 1);
      }
      add_epoch(letter, "ramp", position, position + n, previous, level);
    }
    position += n;
  }
  const double after = plan.keep_last_level && !plan.epochs.empty() ? level : plan.holding_pA;
  std::fill(command.begin() + static_cast<std::ptrdiff_t>(position), command.end(), after);
  add_epoch("holding", "holding", position, samples, after, after);
  carried = plan.keep_last_level ? after : plan.holding_pA;
  sweep.command = RecordedChannel{plan.name, "pA", std::move(command)};
  sweep.command_source = plan.source;
  sweep.holding_pA = plan.holding_pA;
}

// When each sweep began: from the synch array when it has the sweeps' start times, else every
// fEpisodeStartToStart when that is longer than a sweep, else one sweep after the other.
std::vector<double> sweep_start_times(std::span<const unsigned char> bytes, std::string_view file,
                                      const abf2::FileHeader& header, const abf2::ProtocolInfo& protocol,
                                      std::size_t sweeps, double sweep_ms) {
  std::vector<double> starts(sweeps);
  const abf2::Section& synch = header.section(SectionId::synch_array);
  const double unit_us = protocol.synch_time_unit_us;
  if (synch.present() && synch.entries >= 0 && static_cast<std::uint64_t>(synch.entries) >= sweeps &&
      std::isfinite(unit_us) && unit_us > 0.0) {
    const auto section = section_bytes(bytes, file, synch);
    for (std::size_t k = 0; k < sweeps; ++k) {
      starts[k] = static_cast<double>(abf2::read_synch(entry(section, synch, k, file)).start) * unit_us / 1000.0;
    }
    return starts;
  }
  const double start_to_start_ms = static_cast<double>(protocol.episode_start_to_start_s) * 1000.0;
  const double interval_ms = std::isfinite(start_to_start_ms) && start_to_start_ms > sweep_ms ? start_to_start_ms
                                                                                             : sweep_ms;
  for (std::size_t k = 0; k < sweeps; ++k) starts[k] = static_cast<double>(k) * interval_ms;
  return starts;
}

}  // namespace

Recording parse_abf2(std::span<const unsigned char> bytes, const std::string& file_name) {
  const std::string_view file = file_name;
  check_signature(bytes, file);
  const abf2::FileHeader header = abf2::read_file_header(Cursor(bytes, file, "the file header"));
  if (header.file_version[3] != 2) {
    fail(file, "file header: fFileVersionNumber = {}; allowed: 2.x (ABF2)", version_text(header.file_version));
  }

  const abf2::Section& protocol_map = header.section(SectionId::protocol);
  const auto protocol_section = section_bytes(bytes, file, protocol_map);
  if (protocol_map.entries < 1) fail(file, "section map: ProtocolSection.llNumEntries = 0; allowed: 1");
  const abf2::ProtocolInfo protocol = abf2::read_protocol(entry(protocol_section, protocol_map, 0, file));

  const abf2::Section& strings_map = header.section(SectionId::strings);
  const Strings strings = strings_map.present() ? Strings(section_bytes(bytes, file, strings_map), file) : Strings();

  // Channels, in the order they are interleaved in the data.
  const abf2::Section& adc_map = header.section(SectionId::adc);
  const auto adc_section = section_bytes(bytes, file, adc_map);
  if (adc_map.entries < 1 || static_cast<std::uint64_t>(adc_map.entries) > max_channels) {
    fail(file, "section map: ADCSection.llNumEntries = {} channels; allowed: 1 to {}", adc_map.entries, max_channels);
  }
  const auto channels = static_cast<std::size_t>(adc_map.entries);
  if (header.data_format > 1) {
    fail(file, "file header: nDataFormat = {}; allowed: 0 (int16 samples) or 1 (float32 samples)",
         header.data_format);
  }
  const bool int16_data = header.data_format == 0;
  std::vector<ChannelScale> scales;
  for (std::size_t c = 0; c < channels; ++c) {
    scales.push_back(
        channel_scale(abf2::read_adc(entry(adc_section, adc_map, c, file)), protocol, int16_data, strings, c, file));
  }

  const float interval_us = protocol.adc_sequence_interval_us;
  if (!std::isfinite(interval_us) || !(interval_us > 0.0F)) {
    fail(file, "ProtocolSection: fADCSequenceInterval = {} us; allowed: a finite sample interval > 0", interval_us);
  }
  const double dt_ms = static_cast<double>(interval_us) / 1000.0;

  // Sweeps and samples: episodic and event-driven fixed-length files hold lActualEpisodes sweeps of
  // lNumSamplesPerEpisode samples (all channels); a gap-free file is one sweep of all its data.
  const std::int16_t mode = protocol.operation_mode;
  if (mode < 2 || mode > 5) {
    fail(file, "ProtocolSection: nOperationMode = {} ({}) is not supported; allowed: 2 (event-driven, fixed length), "
         "3 (gap-free), 4 (high-speed oscilloscope), 5 (episodic stimulation)", mode, operation_mode_name(mode));
  }
  const abf2::Section& data_map = header.section(SectionId::data);
  const auto data = section_bytes(bytes, file, data_map);
  const std::size_t sample_bytes = int16_data ? 2 : 4;
  if (data_map.entry_bytes != sample_bytes) {
    fail(file, "section map: DataSection.uBytes = {} does not match nDataFormat = {} ({}, {} bytes a sample)",
         data_map.entry_bytes, header.data_format, int16_data ? "int16" : "float32", sample_bytes);
  }
  const auto stored = static_cast<std::uint64_t>(data_map.entries);
  std::size_t sweeps = 1;
  std::size_t samples = 0;
  if (mode == 3) {
    samples = static_cast<std::size_t>(stored / channels);
    if (samples == 0) {
      fail(file, "DataSection holds {} samples, not one for each of the {} channels", stored, channels);
    }
  } else {
    if (header.actual_episodes == 0) fail(file, "file header: lActualEpisodes = 0 sweeps; allowed: >= 1");
    if (protocol.samples_per_episode <= 0 || static_cast<std::size_t>(protocol.samples_per_episode) % channels != 0) {
      fail(file, "ProtocolSection: lNumSamplesPerEpisode = {}; allowed: a positive multiple of the {} channels",
           protocol.samples_per_episode, channels);
    }
    sweeps = header.actual_episodes;
    samples = static_cast<std::size_t>(protocol.samples_per_episode) / channels;
    const std::uint64_t needed = std::uint64_t{header.actual_episodes} * static_cast<std::uint64_t>(
                                                                              protocol.samples_per_episode);
    if (stored < needed) {
      fail(file, "DataSection holds {} samples, fewer than the {} of lActualEpisodes {} sweeps x "
           "lNumSamplesPerEpisode {} ({} samples x {} channel{})", stored, needed, sweeps,
           protocol.samples_per_episode, samples, channels, channels == 1 ? "" : "s");
    }
  }

  Recording recording;
  recording.path = file_name;
  recording.format = RecordingFormat::abf2;
  auto& facts = recording.facts;
  facts.emplace_back("abf_version", version_text(header.file_version));
  const std::string creator = strings.at(header.creator_name_index, "uCreatorNameIndex", file);
  if (!creator.empty()) {
    facts.emplace_back("creator", fmt::format("{} {}", creator, version_text(header.creator_version)));
  }
  const std::string modifier = strings.at(header.modifier_name_index, "uModifierNameIndex", file);
  if (!modifier.empty()) {
    facts.emplace_back("modified_by", fmt::format("{} {}", modifier, version_text(header.modifier_version)));
  }
  const std::string protocol_path = strings.at(header.protocol_path_index, "uProtocolPathIndex", file);
  if (!protocol_path.empty()) {
    facts.emplace_back("protocol", protocol_name(protocol_path));
    facts.emplace_back("protocol_file", protocol_path);
  }
  if (const auto when = recording_time(header.start_date, header.start_time_ms)) facts.emplace_back("recorded", *when);
  const std::string comment = strings.at(protocol.file_comment_index, "lFileCommentIndex", file);
  if (!comment.empty()) facts.emplace_back("comment", comment);
  facts.emplace_back("operation_mode", std::string(operation_mode_name(mode)));
  facts.emplace_back("sample_format", int16_data ? "int16" : "float32");
  facts.emplace_back("digitizer", std::string(digitizer_name(protocol.digitizer_type)));
  const std::optional<CommandPlan> command = plan_command(bytes, file, header, protocol, strings, facts);

  std::vector<double> time_ms(samples);
  for (std::size_t i = 0; i < samples; ++i) time_ms[i] = static_cast<double>(i) * dt_ms;
  const std::vector<double> starts =
      sweep_start_times(bytes, file, header, protocol, sweeps, static_cast<double>(samples) * dt_ms);
  const Cursor values(data, file, "DataSection");
  double carried = command ? command->holding_pA : 0.0;
  recording.sweeps.reserve(sweeps);
  for (std::size_t k = 0; k < sweeps; ++k) {
    Sweep& sweep = recording.sweeps.emplace_back();
    sweep.number = static_cast<int>(k);
    sweep.name = fmt::format("sweep {}", k);
    sweep.time_ms = time_ms;
    sweep.start_time_ms = starts[k];
    for (std::size_t c = 0; c < channels; ++c) {
      const ChannelScale& scale = scales[c];
      std::vector<double> channel(samples);
      for (std::size_t i = 0; i < samples; ++i) {
        const std::size_t at = ((k * samples + i) * channels + c) * sample_bytes;
        if (int16_data) {
          channel[i] = (values.i16(at, "a sample") * scale.gain + scale.offset) * scale.unit.factor;
        } else {
          const float value = values.f32(at, "a sample");
          if (!std::isfinite(value)) {
            fail(file, "DataSection: sweep {}, channel {} ({}), sample {} is {}; allowed: finite values", k, c,
                 scale.name, i, value);
          }
          channel[i] = static_cast<double>(value) * scale.unit.factor;
        }
      }
      sweep.channels.push_back({scale.name, scale.unit.unit, std::move(channel)});
    }
    if (command) rebuild_command(sweep, *command, samples, dt_ms, carried, file);
  }
  return recording;
}

Recording read_abf2(const std::filesystem::path& path) {
  require_regular_file(path, "ABF file", "an ABF2 file");
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) throw FileError(fmt::format("ABF file '{}' cannot be read: {}", path.string(), error.message()));
  if (size > max_file_bytes) {
    throw InputError(fmt::format("ABF file '{}' has {} bytes; allowed: up to 2 GiB ({} bytes)", path.string(), size,
                                 max_file_bytes));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw FileError(fmt::format("ABF file '{}' cannot be opened for reading", path.string()));
  std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
  stream.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::uintmax_t>(stream.gcount()) != size) {
    throw FileError(fmt::format("ABF file '{}' could be read only to byte {} of {}", path.string(), stream.gcount(),
                                size));
  }
  Recording recording = parse_abf2(bytes, path.string());
  recording.path = path;
  return recording;
}

}  // namespace neurodyn
