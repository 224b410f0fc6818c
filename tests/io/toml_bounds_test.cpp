// TOML text is bounded before it is parsed: size, encoding and nesting are refused with an InputError that
// names the file, what was found and what is allowed, never a crash or a read past the buffer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "neurodyn/error.hpp"
#include "neurodyn/io/run_config.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::ScratchDirectory;
using testing::write_text;

// Far past any stack, yet under the size bound: 60,000 bytes of brackets, 50,000 of inline tables.
constexpr int deep = 30'000;
constexpr int deep_inline_tables = 10'000;
constexpr std::size_t largest_toml = 64 * 1024;

std::string repeated(std::string_view text, int times) {
  std::string result;
  result.reserve(text.size() * static_cast<std::size_t>(times));
  for (int i = 0; i < times; ++i) result += text;
  return result;
}

std::string nested_array(int depth) { return "t_end = " + repeated("[", depth) + repeated("]", depth) + "\n"; }

class TomlBounds : public ::testing::Test {
 protected:
  // The message of the InputError that reading `toml` from a file throws.
  std::string error_of(const std::string& toml) {
    write_text(path_, toml);
    try {
      read_run_settings(path_);
    } catch (const InputError& error) {
      return error.what();
    }
    ADD_FAILURE() << "no InputError for a file of " << toml.size() << " bytes";
    return {};
  }

  ScratchDirectory directory_;
  std::filesystem::path path_ = directory_ / "run.toml";
};

TEST_F(TomlBounds, InvalidUtf8FromAFuzzerIsRefusedBeforeParsing) {
  EXPECT_THAT(error_of("['\xfb" "2.']"),
              AllOf(HasSubstr(path_.string()), HasSubstr("byte 0xFB at offset 2 is not valid UTF-8"),
                    HasSubstr("allowed: UTF-8 text")));
}

TEST_F(TomlBounds, EveryKindOfInvalidUtf8IsRefusedWithItsLine) {
  EXPECT_THAT(error_of("model = \"lif\"\nstimulus = \"\xff\"\n"), AllOf(HasSubstr("line 2"), HasSubstr("0xFF")));
  EXPECT_THAT(error_of("# overlong slash \xc0\xaf\n"), HasSubstr("0xC0"));
  EXPECT_THAT(error_of("# a surrogate \xed\xa0\x80\n"), HasSubstr("0xED"));
  EXPECT_THAT(error_of("# above U+10FFFF \xf4\x90\x80\x80\n"), HasSubstr("0xF4"));
  EXPECT_THAT(error_of("model = 'cut at the end \xe2\x82"), HasSubstr("0xE2"));
}

TEST_F(TomlBounds, Utf8InStringsAndCommentsIsRead) {
  write_text(path_, "\xef\xbb\xbf# \xc2\xb5V and \xf0\x9f\xa7\xa0\nstimulus = \"file:str\xc3\xb6m.csv\"\n");
  EXPECT_EQ(read_run_settings(path_).stimulus, "file:str\xc3\xb6m.csv");
}

TEST_F(TomlBounds, DeeplyNestedArraysAreRefused) {
  EXPECT_THAT(error_of(nested_array(deep)),
              AllOf(HasSubstr(path_.string()), HasSubstr("line 1"), HasSubstr("nested more than 64 levels deep"),
                    HasSubstr("allowed: at most 64")));
}

TEST_F(TomlBounds, DeeplyNestedInlineTablesAreRefused) {
  EXPECT_THAT(error_of("[method]\nname = " + repeated("{a = ", deep_inline_tables) + "1" +
                       repeated("}", deep_inline_tables) + "\n"),
              AllOf(HasSubstr("line 2"), HasSubstr("nested more than 64 levels deep")));
}

TEST_F(TomlBounds, LongDottedKeysAndTableHeadersCountAsNesting) {
  std::string dotted_key = "a";
  std::string header = "[a";
  for (int i = 0; i < deep / 2; ++i) {
    dotted_key += ".a";
    header += ".a";
  }
  EXPECT_THAT(error_of(dotted_key + " = 1\n"), HasSubstr("nested more than 64 levels deep"));
  EXPECT_THAT(error_of(header + "]\n"), HasSubstr("nested more than 64 levels deep"));
  // [a.b], {, d.e and 61 brackets: 2 + 1 + 1 + 61 levels.
  EXPECT_THAT(error_of("[a.b]\nc = {d.e = " + repeated("[", 61)), HasSubstr("nested more than 64 levels deep"));
}

TEST_F(TomlBounds, SixtyFourLevelsAreLeftToTheReader) {
  const std::string message = error_of(nested_array(64));
  EXPECT_THAT(message, HasSubstr("t_end must be a number; found: an array"));
  EXPECT_THAT(error_of(nested_array(65)), HasSubstr("nested more than 64 levels deep"));
}

TEST_F(TomlBounds, BracketsInStringsAndCommentsAreText) {
  const std::string brackets = repeated("[{", 1000);
  // The multi-line string holds two quotes and ends in an escaped one.
  write_text(path_, "# " + brackets + "\nstimulus = \"" + brackets + "\"\nmodel = '" + brackets + "'\n" +
                        "preset = \"\"\"\n" + brackets + R"("" \"""")" + "\n[method]\nname = '''" + brackets +
                        "''' # " + brackets + "\n");
  const RunSettings settings = read_run_settings(path_);
  EXPECT_EQ(settings.stimulus, brackets);
  EXPECT_EQ(settings.model, brackets);
  EXPECT_EQ(settings.preset, brackets + R"("" ")");
  EXPECT_EQ(settings.method, brackets);
}

TEST_F(TomlBounds, FileOver64KibibytesIsRefusedAnd64KibibytesAreRead) {
  const std::string line = "# padding\n";
  std::string text = "model = \"lif\"\n";
  while (text.size() + line.size() <= largest_toml) text += line;
  text += std::string(largest_toml - text.size(), '#');
  ASSERT_EQ(text.size(), largest_toml);
  write_text(path_, text);
  EXPECT_EQ(read_run_settings(path_).model, "lif");
  EXPECT_THAT(error_of(text + "\n"), AllOf(HasSubstr(path_.string()), HasSubstr("more than 65536 bytes"),
                                           HasSubstr("at most 65536 bytes (64 KiB)")));
}

TEST_F(TomlBounds, EndlessFileIsRefusedAfter64Kibibytes) {
  try {
    read_run_settings("/dev/zero");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr("/dev/zero"), HasSubstr("more than 65536 bytes")));
  }
}

TEST_F(TomlBounds, DirectoryIsRefusedByName) {
  try {
    read_run_settings(directory_.path());
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr(directory_.path().string()), HasSubstr("is a directory"),
                                    HasSubstr("allowed: a TOML file")));
  }
}

TEST(ParseRunSettings, ReadsTextInMemoryAndNamesItsSource) {
  EXPECT_EQ(parse_run_settings("model = \"lif\"\nt_end = 5\n", "request.toml").t_end, 5.0);
  try {
    parse_run_settings(nested_array(deep), "request.toml");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr("request.toml"), HasSubstr("nested more than 64 levels deep")));
  }
}

}  // namespace
}  // namespace neurodyn
