// Every way a client can get a request wrong is a 400 answer whose message names the field, the value and what
// is allowed, never an exception or a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "neurodyn/error.hpp"
#include "neurodyn/serve/simulate_api.hpp"

namespace neurodyn {
namespace {

using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;

struct BadRequest {
  std::string name;
  std::string body;
  std::vector<std::string> message_parts;  // each must appear in the error message
};

std::ostream& operator<<(std::ostream& out, const BadRequest& bad) { return out << bad.name; }

class RequestErrors : public ::testing::TestWithParam<BadRequest> {};

TEST_P(RequestErrors, AnswerIs400WithAMessageNamingTheProblem) {
  const BadRequest& bad = GetParam();
  const ApiResponse response = handle_simulate(bad.body);
  EXPECT_EQ(response.status, 400) << response.body;
  const json answer = json::parse(response.body);  // always JSON
  ASSERT_TRUE(answer.contains("error")) << response.body;
  const std::string message = answer["error"].get<std::string>();
  for (const auto& part : bad.message_parts) EXPECT_THAT(message, HasSubstr(part));
}

INSTANTIATE_TEST_SUITE_P(
    SimulateApi, RequestErrors,
    ::testing::Values(
        BadRequest{"MalformedJson", R"({"preset": "izh2004-A")", {"not valid JSON"}},
        BadRequest{"EmptyBody", "", {"not valid JSON"}},
        BadRequest{"TrailingGarbage", R"({"preset": "izh2004-A"} x)", {"not valid JSON"}},
        BadRequest{"NotAnObject", R"([1, 2, 3])", {"the request is [1,2,3]", "allowed: a JSON object"}},
        BadRequest{"NoModelNorPreset", R"({})", {"no model given", "izh2003"}},
        BadRequest{"UnknownKey", R"({"preset": "izh2004-A", "tend": 5})", {"unknown key 'tend'", "t_end"}},
        BadRequest{"UnknownModel", R"({"model": "izh2005"})", {"izh2005", "izh2003"}},
        BadRequest{"UnknownPreset", R"({"preset": "izh2004-Z"})", {"izh2004-Z"}},
        BadRequest{"UnknownParameter", R"({"model": "izh2003", "params": {"e": 1}})", {"'e'", "a, b, c, d"}},
        BadRequest{"ParameterOutOfRange", R"({"model": "izh2003", "params": {"a": 5}})", {"a = 5", "[-1, 2]"}},
        BadRequest{"ParameterNotANumber", R"({"model": "izh2003", "params": {"a": "fast"}})",
                   {"params.a = \"fast\"", "a number"}},
        BadRequest{"ParamsNotAnObject", R"({"model": "izh2003", "params": [1]})", {"params = [1]", "an object"}},
        BadRequest{"NumberAsString", R"({"preset": "izh2004-A", "dt": "0.1"})", {"dt = \"0.1\"", "a number"}},
        BadRequest{"OverflowingNumber", R"({"preset": "izh2004-A", "t_end": 1e400})", {"not valid JSON", "1e400"}},
        BadRequest{"UnknownMethod", R"({"preset": "izh2004-A", "method": "rk45"})", {"rk45", "dopri5"}},
        BadRequest{"NegativeStep", R"({"preset": "izh2004-A", "dt": -0.1})", {"dt = -0.1"}},
        BadRequest{"StepLongerThanRun", R"({"preset": "izh2004-A", "dt": 500})", {"dt = 500", "t_end"}},
        BadRequest{"TooLong", R"({"preset": "izh2004-A", "t_end": 1e6})", {"t_end = 1000000 ms", "t_end <= 100000 ms"}},
        BadRequest{"HugeDurationNamesTheRequestLimit", R"({"preset": "izh2004-A", "t_end": 1e308})",
                   {"t_end = 1e+308 ms", "t_end <= 100000 ms"}},
        BadRequest{"OutputGridTooFine",
                   R"({"model": "izh2003", "method": "dopri5", "t_end": 100000, "output_step": 1e-3})",
                   {"100000001 samples", "at most 1000000"}},
        BadRequest{"TooManySteps", R"({"preset": "izh2004-A", "t_end": 1e5, "dt": 0.001})",
                   {"100000000 steps", "at most 5000000 steps"}},
        BadRequest{"TooManyCompareSteps", R"({"preset": "izh2004-A", "compare": {"method": "euler", "dt": 1e-5}})",
                   {"10000000 steps", "at most 5000000 steps"}},
        BadRequest{"TooManyInputJumps",
                   R"({"model": "izh2003", "stimulus": "pulses:amp=1,start=0,width=1e-7,period=2e-7,count=2000000000"})",
                   {"jumps about 1000000002 times", "at most 5000000 jumps"}},
        BadRequest{"TooManyNoiseSamples",
                   R"({"model": "izh2003", "t_end": 1000, "stimulus": "noise:mean=5,sigma=1,tau=2,seed=1,sample_step=1e-4"})",
                   {"needs 10000000 samples", "at most 5000000"}},
        BadRequest{"UnknownCompareKey", R"({"preset": "izh2004-A", "compare": {"model": "lif"}})",
                   {"compare: unknown key 'model'", "method, output_step, dt, rtol"}},
        BadRequest{"OptionTheMethodDoesNotRead", R"({"preset": "izh2004-A", "series_order": 8})",
                   {"series_order = 8 is read by parker-sochacki; method rk4 does not read it"}},
        BadRequest{"IntegerOptionAsString", R"({"preset": "izh2004-A", "method": "izhikevich-published", "v_substeps": "2"})",
                   {"v_substeps = \"2\"", "an integer"}},
        BadRequest{"CompareOptionOutOfRange", R"({"preset": "izh2004-A", "compare": {"method": "euler", "spikes": "near"}})",
                   {"spikes = 'near' is not allowed; allowed: grid, located"}},
        BadRequest{"CompareNotAnObject", R"({"preset": "izh2004-A", "compare": "euler"})", {"compare = \"euler\""}},
        BadRequest{"SamplesTooMany", R"({"preset": "izh2004-A", "samples": 300000})", {"samples = 300000", "200000"}},
        BadRequest{"SamplesNotInteger", R"({"preset": "izh2004-A", "samples": 1.5})", {"samples = 1.5"}},
        BadRequest{"SamplesUnknownWord", R"({"preset": "izh2004-A", "samples": "most"})",
                   {"samples = \"most\"", "or \"all\""}},
        BadRequest{"BadStimulus", R"({"preset": "izh2004-A", "stimulus": "step:amp=ten"})", {"amp"}},
        BadRequest{"FileStimulus", R"({"model": "izh2003", "stimulus": "file:/etc/passwd"})",
                   {"reads a file", "step, const"}},
        BadRequest{"FileStimulusInSum", R"({"model": "izh2003", "stimulus": "const:amp=1 +  file : /dev/zero"})",
                   {"reads a file"}},
        BadRequest{"WrongFlagType", R"({"preset": "izh2004-A", "u_from_new_v": 1})", {"u_from_new_v = 1"}},
        BadRequest{"IntegerTooLarge", R"({"preset": "izh2004-A", "v_substeps": 99999999999})", {"v_substeps"}},
        BadRequest{"ConflictingModel", R"({"preset": "izh2004-A", "model": "lif"})", {"conflicts"}},
        BadRequest{"InvalidUtf8", "{\"model\": \"\xff\xfe\"}", {"not valid JSON"}}));

TEST(SimulateApi, DeeplyNestedJsonIsAnErrorNotACrash) {
  const std::string body = std::string(20'000, '[') + std::string(20'000, ']');
  const ApiResponse response = handle_simulate(body);
  EXPECT_EQ(response.status, 400);
}

TEST(SimulateApi, DeeplyNestedValuesAreNamedWithoutBeingShown) {
  constexpr std::size_t levels = 32'000;  // as deep as the 64 KiB body limit allows
  const std::string nested = std::string(levels, '[') + std::string(levels, ']');
  const std::vector<std::string> bodies{nested, R"({"model": )" + nested + "}",
                                        R"({"model": "izh2003", "params": {"a": )" + nested + "}}"};
  for (const auto& body : bodies) {
    const ApiResponse response = handle_simulate(body);
    EXPECT_EQ(response.status, 400);
    EXPECT_THAT(json::parse(response.body)["error"].get<std::string>(),
                HasSubstr("an array nested more than 16 levels deep"));
  }
}

TEST(SimulateApi, OversizedBodyIs413) {
  ApiLimits limits;
  limits.max_body_bytes = 100;
  const ApiResponse response = handle_simulate(std::string(200, ' '), limits);
  EXPECT_EQ(response.status, 413);
  EXPECT_THAT(json::parse(response.body)["error"].get<std::string>(), AllOf(HasSubstr("200"), HasSubstr("100")));
}

TEST(SimulateApi, ThrowingEntryPointThrowsInputError) {
  EXPECT_THROW(simulate(json{{"model", "nope"}}), InputError);
}

}  // namespace
}  // namespace neurodyn
