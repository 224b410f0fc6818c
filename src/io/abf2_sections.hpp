#pragma once
// The layout of an ABF2 file (Axon Binary Format 2, little endian), as the ABF File Support Pack's ProtocolStructs.h
// (ABF_FileInfo, ABF_ProtocolInfo, ABF_ADCInfo, ABF_DACInfo, ABF_EpochInfoPerDAC) lays it out: a file header with
// a map of sections, each section a run of fixed-size entries that starts at a 512-byte block. Only the fields the
// reader uses are decoded; the number before each field is its byte offset in the header or the entry. Every read
// goes through a Cursor, which refuses to read past the end of its entry.
#include <fmt/format.h>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "neurodyn/error.hpp"

namespace neurodyn::abf2 {

inline constexpr std::size_t block_size = 512;

// Bytes of the file as text for names and messages: printable ASCII kept, the micro sign (Latin-1 0xB5 or UTF-8
// 0xC2 0xB5, in units such as "uV") read as 'u', any other byte as '?'; leading and trailing blanks dropped.
inline std::string printable(std::span<const unsigned char> bytes) {
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const unsigned char byte = bytes[i];
    if (byte == 0xC2 && i + 1 < bytes.size() && bytes[i + 1] == 0xB5) continue;  // U+00B5 in UTF-8
    if (byte == 0xB5) {
      text += 'u';
    } else {
      text += byte >= 0x20 && byte < 0x7F ? static_cast<char>(byte) : '?';
    }
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// A bounds-checked view of one part of the file (the header, a section entry): little-endian reads at offsets
// within it. A read that would pass its end throws InputError naming the file, the part and the field.
class Cursor {
 public:
  Cursor(std::span<const unsigned char> bytes, std::string_view file_name, std::string part)
      : bytes_(bytes), file_name_(file_name), part_(std::move(part)) {}

  std::size_t size() const { return bytes_.size(); }
  const std::string& part() const { return part_; }
  std::span<const unsigned char> bytes() const { return bytes_; }

  std::uint8_t u8(std::size_t offset, std::string_view field) const {
    return static_cast<std::uint8_t>(little_endian<1>(offset, field));
  }
  std::int16_t i16(std::size_t offset, std::string_view field) const {
    return std::bit_cast<std::int16_t>(static_cast<std::uint16_t>(little_endian<2>(offset, field)));
  }
  std::uint16_t u16(std::size_t offset, std::string_view field) const {
    return static_cast<std::uint16_t>(little_endian<2>(offset, field));
  }
  std::int32_t i32(std::size_t offset, std::string_view field) const {
    return std::bit_cast<std::int32_t>(u32(offset, field));
  }
  std::uint32_t u32(std::size_t offset, std::string_view field) const {
    return static_cast<std::uint32_t>(little_endian<4>(offset, field));
  }
  std::int64_t i64(std::size_t offset, std::string_view field) const {
    return std::bit_cast<std::int64_t>(little_endian<8>(offset, field));
  }
  float f32(std::size_t offset, std::string_view field) const { return std::bit_cast<float>(u32(offset, field)); }
  // Four single bytes in file order (version numbers: build, bugfix, minor, major).
  std::array<std::uint8_t, 4> u8x4(std::size_t offset, std::string_view field) const {
    const std::uint32_t word = u32(offset, field);
    return {static_cast<std::uint8_t>(word), static_cast<std::uint8_t>(word >> 8),
            static_cast<std::uint8_t>(word >> 16), static_cast<std::uint8_t>(word >> 24)};
  }

 private:
  template <std::size_t N>
  std::uint64_t little_endian(std::size_t offset, std::string_view field) const {
    if (offset > bytes_.size() || bytes_.size() - offset < N) {
      throw InputError(fmt::format("ABF file '{}': {} ends after {} bytes, before its field {} (bytes {} to {})",
                                   file_name_, part_, bytes_.size(), field, offset, offset + N - 1));
    }
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < N; ++i) value |= static_cast<std::uint64_t>(bytes_[offset + i]) << (8 * i);
    return value;
  }

  std::span<const unsigned char> bytes_;
  std::string_view file_name_;
  std::string part_;
};

// One row of the section map: where a section starts and how it is divided.
struct Section {
  std::string_view name;
  std::uint32_t block = 0;        // uBlockIndex: the first block (512 bytes); 0 when the file has no such section
  std::uint32_t entry_bytes = 0;  // uBytes: the size of one entry (StringsSection: of the whole section)
  std::int64_t entries = 0;       // llNumEntries
  bool present() const { return block != 0; }
};

// The sections of the map in the order of ABF_FileInfo, 16 bytes each from byte 76.
enum class SectionId : std::size_t {
  protocol, adc, dac, epoch, adc_per_dac, epoch_per_dac, user_list, stats_region, math, strings, data, tag, scope,
  delta, voice_tag, synch_array, annotation, stats
};
inline constexpr std::array<std::string_view, 18> section_names{
    "ProtocolSection",   "ADCSection",        "DACSection",         "EpochSection",    "ADCPerDACSection",
    "EpochPerDACSection", "UserListSection",  "StatsRegionSection", "MathSection",     "StringsSection",
    "DataSection",       "TagSection",        "ScopeSection",       "DeltaSection",    "VoiceTagSection",
    "SynchArraySection", "AnnotationSection", "StatsSection"};

// ABF_FileInfo: the first 512 bytes (uFileInfoSize) of the file.
struct FileHeader {
  std::array<std::uint8_t, 4> file_version{};     // 4 fFileVersionNumber: build, bugfix, minor, major
  std::uint32_t actual_episodes = 0;               // 12 lActualEpisodes: sweeps recorded
  std::uint32_t start_date = 0;                    // 16 uFileStartDate: YYYYMMDD
  std::uint32_t start_time_ms = 0;                 // 20 uFileStartTimeMS: ms after midnight
  std::uint16_t data_format = 0;                   // 30 nDataFormat: 0 int16, 1 float32
  std::array<std::uint8_t, 4> creator_version{};  // 56 uCreatorVersion: build, bugfix, minor, major
  std::uint32_t creator_name_index = 0;            // 60 uCreatorNameIndex (strings section)
  std::array<std::uint8_t, 4> modifier_version{};  // 64 uModifierVersion
  std::uint32_t modifier_name_index = 0;           // 68 uModifierNameIndex
  std::uint32_t protocol_path_index = 0;           // 72 uProtocolPathIndex
  std::array<Section, section_names.size()> sections{};  // 76 the section map

  const Section& section(SectionId id) const { return sections[static_cast<std::size_t>(id)]; }
};

inline FileHeader read_file_header(const Cursor& file) {
  FileHeader header;
  header.file_version = file.u8x4(4, "fFileVersionNumber");
  header.actual_episodes = file.u32(12, "lActualEpisodes");
  header.start_date = file.u32(16, "uFileStartDate");
  header.start_time_ms = file.u32(20, "uFileStartTimeMS");
  header.data_format = file.u16(30, "nDataFormat");
  header.creator_version = file.u8x4(56, "uCreatorVersion");
  header.creator_name_index = file.u32(60, "uCreatorNameIndex");
  header.modifier_version = file.u8x4(64, "uModifierVersion");
  header.modifier_name_index = file.u32(68, "uModifierNameIndex");
  header.protocol_path_index = file.u32(72, "uProtocolPathIndex");
  for (std::size_t i = 0; i < section_names.size(); ++i) {
    const std::size_t at = 76 + 16 * i;
    const std::string name(section_names[i]);
    header.sections[i] = {section_names[i], file.u32(at, name + ".uBlockIndex"), file.u32(at + 4, name + ".uBytes"),
                          file.i64(at + 8, name + ".llNumEntries")};
  }
  return header;
}

// ABF_ProtocolInfo: the one entry of the protocol section.
struct ProtocolInfo {
  std::int16_t operation_mode = 0;        // 0 nOperationMode: 1 variable-length events, 2 fixed-length events,
                                          //   3 gap-free, 4 high-speed oscilloscope, 5 episodic stimulation
  float adc_sequence_interval_us = 0.0F;  // 2 fADCSequenceInterval: between two samples of one channel
  float synch_time_unit_us = 0.0F;        // 14 fSynchTimeUnit: the unit of the synch array's times (0: samples)
  std::int32_t samples_per_episode = 0;   // 22 lNumSamplesPerEpisode: of all channels together
  float episode_start_to_start_s = 0.0F;  // 62 fEpisodeStartToStart
  float adc_range_V = 0.0F;               // 110 fADCRange
  std::int32_t adc_resolution = 0;        // 118 lADCResolution
  std::int32_t file_comment_index = 0;    // 132 lFileCommentIndex
  std::int16_t active_dac = 0;            // 142 nActiveDACChannel
  std::int16_t digitizer_type = 0;        // 206 nDigitizerType
};

inline ProtocolInfo read_protocol(const Cursor& entry) {
  return {
      .operation_mode = entry.i16(0, "nOperationMode"),
      .adc_sequence_interval_us = entry.f32(2, "fADCSequenceInterval"),
      .synch_time_unit_us = entry.f32(14, "fSynchTimeUnit"),
      .samples_per_episode = entry.i32(22, "lNumSamplesPerEpisode"),
      .episode_start_to_start_s = entry.f32(62, "fEpisodeStartToStart"),
      .adc_range_V = entry.f32(110, "fADCRange"),
      .adc_resolution = entry.i32(118, "lADCResolution"),
      .file_comment_index = entry.i32(132, "lFileCommentIndex"),
      .active_dac = entry.i16(142, "nActiveDACChannel"),
      .digitizer_type = entry.i16(206, "nDigitizerType"),
  };
}

// ABF_ADCInfo: one entry per sampled channel, in the order the channels are interleaved in the data.
struct AdcInfo {
  std::int16_t adc_num = 0;                 // 0 nADCNum: the physical input
  std::int16_t telegraph_enable = 0;        // 2 nTelegraphEnable
  float telegraph_addit_gain = 0.0F;        // 6 fTelegraphAdditGain
  float programmable_gain = 0.0F;           // 28 fADCProgrammableGain
  float instrument_scale_factor = 0.0F;     // 40 fInstrumentScaleFactor: V per unit at the amplifier's output
  float instrument_offset = 0.0F;           // 44 fInstrumentOffset
  float signal_gain = 0.0F;                 // 48 fSignalGain
  float signal_offset = 0.0F;               // 52 fSignalOffset
  std::int32_t name_index = 0;              // 74 lADCChannelNameIndex (strings section)
  std::int32_t units_index = 0;             // 78 lADCUnitsIndex
};

inline AdcInfo read_adc(const Cursor& entry) {
  return {
      .adc_num = entry.i16(0, "nADCNum"),
      .telegraph_enable = entry.i16(2, "nTelegraphEnable"),
      .telegraph_addit_gain = entry.f32(6, "fTelegraphAdditGain"),
      .programmable_gain = entry.f32(28, "fADCProgrammableGain"),
      .instrument_scale_factor = entry.f32(40, "fInstrumentScaleFactor"),
      .instrument_offset = entry.f32(44, "fInstrumentOffset"),
      .signal_gain = entry.f32(48, "fSignalGain"),
      .signal_offset = entry.f32(52, "fSignalOffset"),
      .name_index = entry.i32(74, "lADCChannelNameIndex"),
      .units_index = entry.i32(78, "lADCUnitsIndex"),
  };
}

// ABF_DACInfo: one entry per analog output.
struct DacInfo {
  std::int16_t dac_num = 0;             // 0 nDACNum
  float holding_level = 0.0F;           // 12 fDACHoldingLevel, in the DAC's units
  std::int32_t name_index = 0;          // 24 lDACChannelNameIndex
  std::int32_t units_index = 0;         // 28 lDACChannelUnitsIndex
  std::int16_t waveform_enable = 0;     // 40 nWaveformEnable
  std::int16_t waveform_source = 0;     // 42 nWaveformSource: 0 none, 1 epoch table, 2 stimulus file
  std::int16_t inter_episode_level = 0;  // 44 nInterEpisodeLevel: 0 back to holding, 1 keep the last level
};

inline DacInfo read_dac(const Cursor& entry) {
  return {
      .dac_num = entry.i16(0, "nDACNum"),
      .holding_level = entry.f32(12, "fDACHoldingLevel"),
      .name_index = entry.i32(24, "lDACChannelNameIndex"),
      .units_index = entry.i32(28, "lDACChannelUnitsIndex"),
      .waveform_enable = entry.i16(40, "nWaveformEnable"),
      .waveform_source = entry.i16(42, "nWaveformSource"),
      .inter_episode_level = entry.i16(44, "nInterEpisodeLevel"),
  };
}

// ABF_EpochInfoPerDAC: one entry per epoch (column of Clampex's waveform editor) of one DAC.
struct EpochInfo {
  std::int16_t epoch_num = 0;          // 0 nEpochNum: 0 is epoch A
  std::int16_t dac_num = 0;            // 2 nDACNum
  std::int16_t type = 0;               // 4 nEpochType: 0 off, 1 step, 2 ramp, 3 pulse train, 4 triangle train,
                                       //   5 cosine train, 6 resistance test, 7 biphasic train
  float init_level = 0.0F;             // 6 fEpochInitLevel, in the DAC's units
  float level_inc = 0.0F;              // 10 fEpochLevelInc: added per sweep
  std::int32_t init_duration = 0;      // 14 lEpochInitDuration, in samples of one channel
  std::int32_t duration_inc = 0;       // 18 lEpochDurationInc: added per sweep
};

inline EpochInfo read_epoch(const Cursor& entry) {
  return {
      .epoch_num = entry.i16(0, "nEpochNum"),
      .dac_num = entry.i16(2, "nDACNum"),
      .type = entry.i16(4, "nEpochType"),
      .init_level = entry.f32(6, "fEpochInitLevel"),
      .level_inc = entry.f32(10, "fEpochLevelInc"),
      .init_duration = entry.i32(14, "lEpochInitDuration"),
      .duration_inc = entry.i32(18, "lEpochDurationInc"),
  };
}

// The synch array: one entry per sweep, when it started (in fSynchTimeUnit us, or in samples when that is 0)
// and how many samples of all channels it holds.
struct SynchEntry {
  std::uint32_t start = 0;   // 0 lStart
  std::uint32_t length = 0;  // 4 lLength
};

inline SynchEntry read_synch(const Cursor& entry) { return {entry.u32(0, "lStart"), entry.u32(4, "lLength")}; }

// The strings section: a cache header of 44 bytes ("SSCH" signature, version, uNumStrings, uMaxSize, lTotalBytes,
// 6 unused words), then uNumStrings strings, each ended by a NUL. Other sections refer to string i as index i,
// counted from 1; index 0 is no string.
inline constexpr std::uint32_t string_cache_signature = 0x48435353;  // "SSCH" read as a little-endian word
inline constexpr std::size_t string_cache_header_bytes = 44;

}  // namespace neurodyn::abf2
