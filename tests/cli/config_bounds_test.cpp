// Hostile TOML given to --config or found as DIR/config.toml by `stats DIR`: each is refused with exit status 2
// and a message naming the file and what is allowed, never a crash or an internal error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int bad_input = 2;
constexpr int far_past_any_stack = 100'000;  // levels; over the size bound too
constexpr int deep_within_size = 30'000;     // levels of arrays in 60,000 bytes

const std::string seven_bytes_from_a_fuzzer = "['\xfb" "2.']";

std::string nested_array(int depth) {
  const auto levels = static_cast<std::size_t>(depth);
  return "t_end = " + std::string(levels, '[') + std::string(levels, ']') + "\n";
}

std::string nested_inline_table(int depth) {
  std::string text = "t_end = ";
  for (int i = 0; i < depth; ++i) text += "{a = ";
  return text + "1" + std::string(static_cast<std::size_t>(depth), '}') + "\n";
}

class ConfigBounds : public CliTest {
 protected:
  // Runs `simulate --config NAME` with `toml` written to NAME; expects exit status 2 and stderr naming the file.
  std::string refused_config(const std::string& name, const std::string& toml) {
    write_text(directory() / name, toml);
    return refused({"simulate", "--config", name, "--no-figures", "--out", "out"}, name);
  }

  std::string refused(const std::vector<std::string>& arguments, const std::string& named) {
    const auto result = run(arguments);
    EXPECT_EQ(result.exit_status, bad_input) << result.err;
    EXPECT_THAT(result.err, AllOf(HasSubstr("error: "), HasSubstr(named), Not(HasSubstr("internal error"))));
    EXPECT_THAT(files_in(out()), ::testing::IsEmpty());
    return result.err;
  }
};

TEST_F(ConfigBounds, SevenBytesFromAFuzzer) {
  EXPECT_THAT(refused_config("seven.toml", seven_bytes_from_a_fuzzer), HasSubstr("not valid UTF-8"));
}

TEST_F(ConfigBounds, InvalidUtf8) {
  EXPECT_THAT(refused_config("latin1.toml", "model = \"izh2003\"\n# gr\xfc\xdf" "e\n"),
              AllOf(HasSubstr("line 2"), HasSubstr("0xFC"), HasSubstr("allowed: UTF-8 text")));
}

TEST_F(ConfigBounds, DeeplyNestedArray) {
  EXPECT_THAT(refused_config("deep.toml", nested_array(deep_within_size)),
              AllOf(HasSubstr("nested more than 64 levels deep"), HasSubstr("allowed: at most 64")));
  EXPECT_THAT(refused_config("deeper.toml", nested_array(far_past_any_stack)), HasSubstr("allowed: a TOML file"));
}

TEST_F(ConfigBounds, DeeplyNestedInlineTable) {
  EXPECT_THAT(refused_config("deep.toml", nested_inline_table(deep_within_size / 3)),
              HasSubstr("nested more than 64 levels deep"));
  EXPECT_THAT(refused_config("deeper.toml", nested_inline_table(far_past_any_stack)),
              HasSubstr("allowed: a TOML file"));
}

TEST_F(ConfigBounds, DirectoryAsConfig) {
  std::filesystem::create_directory(directory() / "configs");
  EXPECT_THAT(refused({"simulate", "--config", "configs", "--no-figures", "--out", "out"}, "configs"),
              AllOf(HasSubstr("is a directory"), HasSubstr("allowed: a TOML file")));
}

TEST_F(ConfigBounds, EndlessFileAsConfig) {
  EXPECT_THAT(refused({"simulate", "--config", "/dev/zero", "--no-figures", "--out", "out"}, "/dev/zero"),
              HasSubstr("more than 65536 bytes"));
}

TEST_F(ConfigBounds, StatsOfAResultDirectoryWithAHostileConfig) {
  for (const std::string& toml : {seven_bytes_from_a_fuzzer, nested_array(deep_within_size)}) {
    const auto result_directory = directory() / "result";
    std::filesystem::create_directories(result_directory);
    write_text(result_directory / "config.toml", toml);
    write_text(result_directory / "spikes.csv", "time_ms\n12.5\n");
    refused({"stats", "result"}, "config.toml");
  }
}

}  // namespace
}  // namespace neurodyn::cli_test
