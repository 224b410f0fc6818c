// Current tables read from text files: the real eFEL step-current recording (tests/data/recordings, see its
// README), small files written here with values checked by hand, and every error users can trigger.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"
#include "temp_text_file.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::TempTextFile;

const std::string recording = std::string(NEURODYN_TEST_DATA_DIR) + "/recordings/efel_step_current.txt";

double mean_current(const Stimulus& input, double from_ms, double to_ms) {
  double sum = 0.0;
  int count = 0;
  for (double t = from_ms; t <= to_ms; t += 0.25, ++count) sum += input.at(t).current;
  return sum / count;
}

TEST(CurrentTable, RealRecordingShowsTheStepOfItsReadme) {
  const Stimulus input = parse_stimulus("file:" + recording + ",time_unit=s,current_col=1", 0.0);
  const auto& table = std::get<CurrentTable>(input.components().front());
  EXPECT_EQ(table.times.size(), 12000u);
  EXPECT_EQ(table.times.back(), 2999.75);
  // Rows 4001 ("1.00000 103.11996 ...") and 401 ("0.10000 -18.74908 ..."), read off the file.
  EXPECT_EQ(input.at(1000.0).current, 103.11996);
  EXPECT_EQ(input.at(100.0).current, -18.74908);
  // The README: step level about +105 pA and baseline about -12.5 pA, ADC steps of 3.125 pA. A single row
  // lies within a few steps of its level; the plateau means within half a step.
  const double quantum = 3.125;
  EXPECT_NEAR(input.at(1000.0).current, 105.0, 4 * quantum);
  EXPECT_NEAR(input.at(100.0).current, -12.5, 4 * quantum);
  EXPECT_NEAR(mean_current(input, 800.0, 2600.0), 105.0, quantum / 2);
  EXPECT_NEAR(mean_current(input, 0.0, 650.0), -12.5, quantum / 2);
  // Between rows 2801 (0.70000 s, -15.62424) and 2802 (0.70025 s, 103.11996): linear.
  EXPECT_NEAR(input.at(700.125).current, (-15.62424 + 103.11996) / 2, 1e-9);
  EXPECT_NEAR(input.at(700.125).slope, (103.11996 + 15.62424) / 0.25, 1e-6);
  EXPECT_TRUE(input.discontinuities(0.0, 3000.0).empty());
}

TEST(CurrentTable, HeaderCommentsCommasAndColumnChoice) {
  const TempTextFile file("table_header.csv",
                          "time_ms,voltage,current\n"
                          "# a comment\n"
                          "0, -70, 1.5\n"
                          "\n"
                          "10,-69,  3.5\r\n"
                          "30 -68 -0.5\n");
  const Stimulus input = parse_stimulus("file:" + file.path() + ",current_col=2", 0.0);
  EXPECT_EQ(input.at(-5.0).current, 1.5);
  EXPECT_EQ(input.at(0.0).current, 1.5);
  EXPECT_DOUBLE_EQ(input.at(5.0).current, 2.5);
  EXPECT_DOUBLE_EQ(input.at(5.0).slope, 0.2);
  EXPECT_EQ(input.at(10.0).current, 3.5);
  EXPECT_DOUBLE_EQ(input.limit(10.0, Side::left).slope, 0.2);
  EXPECT_DOUBLE_EQ(input.limit(10.0, Side::right).slope, -0.2);
  EXPECT_DOUBLE_EQ(input.at(25.0).current, 0.5);
  EXPECT_EQ(input.at(30.0).current, -0.5);
  EXPECT_EQ(input.at(1e6).current, -0.5);
  EXPECT_EQ(input.at(1e6).slope, 0.0);
  EXPECT_EQ(input.limit(30.0, Side::right).slope, 0.0);
  EXPECT_EQ(input.limit(0.0, Side::left).slope, 0.0);
}

TEST(CurrentTable, SingleRowIsAConstant) {
  const TempTextFile file("table_single.txt", "2 40\n");
  const Stimulus input = parse_stimulus("file:" + file.path(), 0.0);
  EXPECT_EQ(input.at(-1.0).current, 40.0);
  EXPECT_EQ(input.at(100.0).current, 40.0);
}

TEST(CurrentTable, UnreadablePathIsAFileErrorNamingIt) {
  const std::string missing = "/nonexistent/neurodyn/no_such_table.txt";
  EXPECT_THAT([&] { parse_stimulus("file:" + missing, 0.0); },
              ::testing::ThrowsMessage<FileError>(AllOf(HasSubstr(missing), HasSubstr("cannot read"))));
}

// What is not a regular file is refused before a byte is read: a directory, and a device that never ends.
TEST(CurrentTable, ADirectoryOrADeviceIsRefusedUnread) {
  EXPECT_THAT([&] { parse_stimulus("file:" + std::string(NEURODYN_TEST_DATA_DIR), 0.0); },
              ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr("is a directory"), HasSubstr("a regular text file"))));
  EXPECT_THAT([&] { parse_stimulus("file:/dev/zero", 0.0); },
              ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr("'/dev/zero' is a character device"),
                                                         HasSubstr("a regular text file"))));
}

TEST(CurrentTable, TimesThatDoNotIncreaseNameTheFileLineAndValue) {
  const TempTextFile file("table_backwards.txt", "# t I\n0 1\n1 2\n3 3\n2.5 4\n");
  EXPECT_THAT([&] { parse_stimulus("file:" + file.path(), 0.0); },
              ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr(file.path()), HasSubstr("line 5"),
                                                         HasSubstr("time = 2.5"), HasSubstr("previous time 3"),
                                                         HasSubstr("strictly increasing"))));
  const TempTextFile repeated("table_repeated.txt", "0 1\n1 2\n1 3\n");
  EXPECT_THAT([&] { parse_stimulus("file:" + repeated.path(), 0.0); },
              ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr("line 3"), HasSubstr("time = 1"))));
}

TEST(CurrentTable, BadRowsNameTheFileLineAndValue) {
  const TempTextFile text_in_data("table_text.txt", "t I\n0 1\n1 abc\n");
  EXPECT_THAT([&] { parse_stimulus("file:" + text_in_data.path(), 0.0); },
              ::testing::ThrowsMessage<InputError>(
                  AllOf(HasSubstr(text_in_data.path()), HasSubstr("line 3"), HasSubstr("'abc'"))));
  const TempTextFile short_row("table_short.txt", "0 1 2\n1 2\n");
  EXPECT_THAT([&] { parse_stimulus("file:" + short_row.path() + ",current_col=2", 0.0); },
              ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr("line 2"), HasSubstr("current_col = 2"))));
  const TempTextFile infinite("table_inf.txt", "0 1\n1 inf\n");
  EXPECT_THAT([&] { parse_stimulus("file:" + infinite.path(), 0.0); },
              ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr("line 2"), HasSubstr("'inf'"))));
  const TempTextFile empty("table_empty.txt", "# nothing\ntime current\n");
  EXPECT_THAT([&] { parse_stimulus("file:" + empty.path(), 0.0); },
              ::testing::ThrowsMessage<InputError>(HasSubstr("no data rows")));
}

TEST(CurrentTable, ConstructedTableIsValidated) {
  EXPECT_THROW(Stimulus({CurrentTable{.path = "memory", .times = {0.0, 0.0}, .currents = {1.0, 2.0}}}),
               InputError);
  EXPECT_THROW(Stimulus({CurrentTable{.path = "memory", .times = {0.0}, .currents = {}}}), InputError);
}

}  // namespace
}  // namespace neurodyn
