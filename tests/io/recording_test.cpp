// What read_recording makes of a file: the format recognised from the content (never the name), text tables
// read with their units, files that are not recordings refused with their kind named, sweeps selected and cut.
#include "neurodyn/io/recording.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/io/recording_selection.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::HasSubstr;
using testing::ScratchDirectory;
using testing::write_text;

const std::filesystem::path recordings = std::filesystem::path(NEURODYN_TEST_DATA_DIR) / "recordings";

// The message of the InputError that `read` throws ("" when it throws none).
template <class Read>
std::string input_error_of(Read read) {
  try {
    read();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST(Recording, TheFormatComesFromTheContent) {
  EXPECT_EQ(recognise_recording(recordings / "171116sh_0018.abf"), RecordingFormat::abf2);
  EXPECT_EQ(recognise_recording(recordings / "efel_step_current.nwb"), RecordingFormat::nwb2);
  EXPECT_EQ(recognise_recording(recordings / "abf_sweeps_nwb1.nwb"), RecordingFormat::nwb1);
  EXPECT_EQ(recognise_recording(recordings / "efel_step_current.txt"), RecordingFormat::text);
  ScratchDirectory scratch;
  // An ABF file named .txt is still ABF; a text table named .abf is still text.
  std::filesystem::copy_file(recordings / "171116sh_0018.abf", scratch / "renamed.txt");
  EXPECT_EQ(recognise_recording(scratch / "renamed.txt"), RecordingFormat::abf2);
  write_text(scratch / "table.abf", "time_ms,v_mV\n0,-65\n0.1,-64.9\n");
  EXPECT_EQ(recognise_recording(scratch / "table.abf"), RecordingFormat::text);
  write_text(scratch / "old.abf", std::string("ABF \0\0\x80\x3f", 8) + std::string(100, '\0'));
  EXPECT_EQ(recognise_recording(scratch / "old.abf"), RecordingFormat::abf1);
  write_text(scratch / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  EXPECT_EQ(recognise_recording(scratch / "image.png"), RecordingFormat::other_binary);
}

TEST(Recording, FilesThatAreNotRecordingsAreRefusedByKind) {
  ScratchDirectory scratch;
  write_text(scratch / "old.abf", std::string("ABF \0\0\x80\x3f", 8) + std::string(100, '\0'));
  EXPECT_THAT(input_error_of([&] { read_recording(scratch / "old.abf"); }), HasSubstr("ABF1"));
  write_text(scratch / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  EXPECT_THAT(input_error_of([&] { read_recording(scratch / "image.png"); }), HasSubstr("binary file of no known kind"));
  EXPECT_THAT(input_error_of([&] { read_recording(scratch.path()); }), HasSubstr("is a directory"));
  EXPECT_THROW(read_recording(scratch / "missing.abf"), FileError);
}

TEST(Recording, ATextTableIsOneSweepWithItsUnitsConverted) {
  ScratchDirectory scratch;
  write_text(scratch / "trace.txt", "# volts and nanoamperes against seconds\n0.000 -0.0650 0.00\n0.001 -0.0640 0.10\n"
                                    "0.002 -0.0630 0.10\n0.003 -0.0650 0.00\n");
  TextRecordingOptions options;
  options.voltage_column = 1;
  options.current_column = 2;
  options.time_scale_ms = 1000.0;
  options.voltage_scale_mV = 1000.0;
  options.current_scale_pA = 1000.0;
  const Recording recording = read_recording(scratch / "trace.txt", options);
  ASSERT_EQ(recording.sweeps.size(), 1u);
  const Sweep& sweep = recording.sweeps.front();
  EXPECT_EQ(sweep.time_ms, (std::vector<double>{0.0, 1.0, 2.0, 3.0}));
  EXPECT_EQ(membrane_potential(sweep).samples, (std::vector<double>{-65.0, -64.0, -63.0, -65.0}));
  ASSERT_TRUE(sweep.command);
  EXPECT_EQ(sweep.command->samples, (std::vector<double>{0.0, 100.0, 100.0, 0.0}));
  EXPECT_EQ(sweep.command_source, "column 2");
}

TEST(Recording, ATextTableWithNanOrOneColumnIsRefusedWithItsLine) {
  ScratchDirectory scratch;
  write_text(scratch / "nan.txt", "0 -65\n1 nan\n");
  EXPECT_THAT(input_error_of([&] { read_recording(scratch / "nan.txt"); }),
              HasSubstr("line 2, column 1: nan is not allowed"));
  write_text(scratch / "spikes.csv", "time_ms\n12.5\n40.25\n");
  EXPECT_THAT(input_error_of([&] { read_recording(scratch / "spikes.csv"); }), HasSubstr("has one column ('time_ms')"));
}

TEST(Recording, SweepsAreSelectedAndCutToAWindow) {
  const Recording recording = read_recording(recordings / "171116sh_0018.abf");
  const std::vector<int> numbers{16, 2};
  const Recording part = select_sweeps(recording, numbers, SweepWindow{100.0, 200.0});
  ASSERT_EQ(part.sweeps.size(), 2u);
  EXPECT_EQ(part.sweeps[0].number, 16);
  EXPECT_EQ(part.sweeps[1].number, 2);
  const Sweep& sweep = part.sweeps[0];
  EXPECT_EQ(sweep.time_ms.size(), 2001u);  // 100 to 200 ms at 20 kHz, both ends
  EXPECT_DOUBLE_EQ(sweep.time_ms.front(), 100.0);
  EXPECT_EQ(sweep.channels[0].samples.size(), sweep.time_ms.size());
  ASSERT_TRUE(sweep.command);
  EXPECT_EQ(sweep.command->samples.size(), sweep.time_ms.size());
  // The epochs are cut to the window: holding until the first step (46.85 ms), A until 146.85, then B.
  ASSERT_EQ(sweep.epochs.size(), 2u);
  EXPECT_EQ(sweep.epochs[0].name, "A");
  EXPECT_DOUBLE_EQ(sweep.epochs[0].start_ms, 100.0);
  EXPECT_EQ(sweep.epochs[1].name, "B");
  EXPECT_DOUBLE_EQ(sweep.epochs[1].end_ms, 200.0);

  const std::vector<int> twice{3, 3}, outside{17};
  EXPECT_THAT(input_error_of([&] { select_sweeps(recording, twice); }), HasSubstr("listed twice"));
  EXPECT_THAT(input_error_of([&] { select_sweeps(recording, outside); }), HasSubstr("allowed: 0 to 16"));
  EXPECT_THAT(input_error_of([&] { select_sweeps(recording, {}, SweepWindow{-5.0, 10.0}); }),
              HasSubstr("is not within sweep 0"));
}

TEST(Recording, ASweepWithoutAVoltageChannelIsNamed) {
  Sweep sweep;
  sweep.name = "sweep 3";
  sweep.channels.push_back({"IN 1", "pA", {1.0, 2.0}});
  EXPECT_THAT(input_error_of([&] { membrane_potential(sweep); }), HasSubstr("sweep 3 has no membrane potential"));
}

}  // namespace
}  // namespace neurodyn
