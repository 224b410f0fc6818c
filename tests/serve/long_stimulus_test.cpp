// Long stimulus texts within the body limit are refused with a 400 answer and leave the server answering:
// the spec is scanned in one pass, never by a recursive matcher whose depth grows with the text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "running_server.hpp"

namespace neurodyn {
namespace {

using nlohmann::json;
using testing::post_simulate;
using testing::RunningServer;
using ::testing::HasSubstr;

// Under the 64 KiB body limit, and twice the length at which a recursive matcher overflows its stack.
constexpr std::size_t long_run_of_spaces = 60'000;

std::string simulate_body(const std::string& stimulus) {
  return json{{"model", "izh2003"}, {"stimulus", stimulus}}.dump();
}

TEST(LongStimulus, PlusAndManySpacesIs400AndTheServerStaysUp) {
  RunningServer server;
  auto client = server.client();
  const auto result = post_simulate(client, simulate_body("+" + std::string(long_run_of_spaces, ' ') + "x"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_THAT(json::parse(result->body)["error"].get<std::string>(), HasSubstr("unknown kind"));

  const auto models = client.Get("/api/models");
  ASSERT_TRUE(models);
  EXPECT_EQ(models->status, 200);
}

TEST(LongStimulus, FileComponentAfterManySpacesIsStillRefused) {
  RunningServer server;
  auto client = server.client();
  const auto result =
      post_simulate(client, simulate_body("const:amp=1 +" + std::string(long_run_of_spaces, ' ') + "file\t:/dev/zero"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_THAT(json::parse(result->body)["error"].get<std::string>(), HasSubstr("reads a file"));
}

TEST(LongStimulus, FileKindIsRecognisedWithBlanksAroundItOnly) {
  RunningServer server;
  auto client = server.client();
  for (const char* stimulus : {"file:x", " \n file \r\n: x", "const:amp=1+file:x", "step:amp=1,start=0 +\tfile :x"}) {
    const auto result = post_simulate(client, simulate_body(stimulus));
    ASSERT_TRUE(result) << stimulus;
    EXPECT_EQ(result->status, 400) << stimulus;
    EXPECT_THAT(json::parse(result->body)["error"].get<std::string>(), HasSubstr("reads a file")) << stimulus;
  }
  for (const char* stimulus : {"files:x", "profile:x", "const:amp=1+fil e:x"}) {
    const auto result = post_simulate(client, simulate_body(stimulus));
    ASSERT_TRUE(result) << stimulus;
    EXPECT_EQ(result->status, 400) << stimulus;
    EXPECT_THAT(json::parse(result->body)["error"].get<std::string>(), ::testing::Not(HasSubstr("reads a file")))
        << stimulus;
  }
}

}  // namespace
}  // namespace neurodyn
