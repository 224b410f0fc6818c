// Every error a user can trigger: a non-zero exit status, a message on stderr that names the field and the
// offending value, and nothing written into --out.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;

constexpr int bad_input = 2;
constexpr int file_error = 4;

struct InputErrorCase {
  std::string name;
  std::vector<std::pair<std::string, std::string>> files;  // written into the test directory first
  std::vector<std::string> arguments;
  int exit_status;
  std::vector<std::string> message_parts;  // each must appear in stderr
};

std::ostream& operator<<(std::ostream& out, const InputErrorCase& error_case) { return out << error_case.name; }

class InputErrors : public CliTest, public ::testing::WithParamInterface<InputErrorCase> {};

TEST_P(InputErrors, ExitNonZeroNameTheCauseAndWriteNothing) {
  const auto& error_case = GetParam();
  for (const auto& [name, contents] : error_case.files) write_text(directory() / name, contents);

  const auto result = run(error_case.arguments);

  EXPECT_EQ(result.exit_status, error_case.exit_status) << result.err;
  EXPECT_THAT(result.err, HasSubstr("error: "));
  for (const auto& part : error_case.message_parts) EXPECT_THAT(result.err, HasSubstr(part));
  EXPECT_THAT(files_in(out()), ::testing::IsEmpty());
}

std::vector<std::string> simulate(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "simulate");
  arguments.insert(arguments.end(), {"--no-figures", "--out", "out"});
  return arguments;
}

const std::vector<InputErrorCase> input_error_cases{
    {"UnknownModel", {}, simulate({"--model", "izh1999"}), bad_input, {"model", "izh1999"}},
    {"UnknownMethod", {}, simulate({"--preset", "izh2004-A", "--method", "rk7"}), bad_input, {"method", "rk7"}},
    {"UnknownPreset", {}, simulate({"--preset", "izh2004-Z"}), bad_input, {"preset", "izh2004-Z"}},
    {"UnknownParameter", {}, simulate({"--preset", "izh2004-A", "--param", "zeta=1"}), bad_input, {"zeta"}},
    {"ParameterNotANumber",
     {},
     simulate({"--preset", "izh2004-A", "--param", "a=fast"}),
     bad_input,
     {"a", "fast", "not a number"}},
    {"ParameterWithoutValue",
     {},
     simulate({"--preset", "izh2004-A", "--param", "a"}),
     bad_input,
     {"--param", "NAME=VALUE"}},
    {"ParameterOutOfRange",
     {},
     simulate({"--preset", "izh2004-A", "--param", "vpeak=555"}),
     bad_input,
     {"vpeak", "555"}},
    {"ParameterNaN", {}, simulate({"--preset", "izh2004-A", "--param", "b=nan"}), bad_input, {"b", "nan"}},
    {"ZeroStep", {}, simulate({"--preset", "izh2004-A", "--dt", "0"}), bad_input, {"--dt '0' is not allowed", "dt > 0 ms"}},
    {"NegativeStep", {}, simulate({"--preset", "izh2004-A", "--dt", "-0.1"}), bad_input, {"--dt '-0.1'", "dt > 0 ms"}},
    {"StepLongerThanDuration",
     {},
     simulate({"--preset", "izh2004-A", "--t-end", "1", "--dt", "2"}),
     bad_input,
     {"dt = 2", "t_end"}},
    {"NaNStep", {}, simulate({"--preset", "izh2004-A", "--dt", "nan"}), bad_input, {"dt", "nan"}},
    {"NaNInitialVoltage", {}, simulate({"--preset", "izh2004-A", "--v0", "nan"}), bad_input, {"v0", "nan"}},
    {"NegativeDuration", {}, simulate({"--preset", "izh2004-A", "--t-end", "-5"}), bad_input, {"t_end", "-5"}},
    {"NegativeTolerance",
     {},
     simulate({"--preset", "izh2004-A", "--method", "rosenbrock-euler", "--rtol", "-1"}),
     bad_input,
     {"rtol", "-1"}},
    {"UnknownSpikeHandling",
     {},
     simulate({"--preset", "izh2004-A", "--spikes", "sometimes"}),
     bad_input,
     {"spikes", "sometimes"}},
    {"UnknownNewtonPolicy",
     {},
     simulate({"--preset", "izh2004-A", "--newton-failure", "pray"}),
     bad_input,
     {"--newton-failure 'pray'", "fail, halve-step"}},
    {"ThreeVoltageSubsteps",
     {},
     simulate({"--preset", "izh2004-A", "--v-substeps", "3"}),
     bad_input,
     {"--v-substeps '3'", "1 to 2"}},
    {"ModelConflictsWithPreset",
     {},
     simulate({"--preset", "izh2004-A", "--model", "lif"}),
     bad_input,
     {"lif", "izh2004-A"}},
    {"NoModel", {}, simulate({"--t-end", "10"}), bad_input, {"model"}},
    {"StepValueNotANumber", {}, simulate({"--preset", "izh2004-A", "--dt", "small"}), bad_input, {"--dt", "small"}},
    {"MalformedStimulusSpec",
     {},
     simulate({"--preset", "izh2004-A", "--stimulus", "step:amp=14,begin=10"}),
     bad_input,
     {"begin"}},
    {"UnknownStimulusKind",
     {},
     simulate({"--preset", "izh2004-A", "--stimulus", "square:amp=1"}),
     bad_input,
     {"square"}},
    {"UnreadableStimulusFile",
     {},
     simulate({"--preset", "izh2004-A", "--stimulus", "file:no/such/current.csv"}),
     file_error,
     {"no/such/current.csv"}},
    {"MissingOut", {}, {"simulate", "--preset", "izh2004-A"}, bad_input, {"--out"}},
    {"UnreadableConfig", {}, simulate({"--config", "missing.toml"}), file_error, {"missing.toml"}},
    {"MalformedToml",
     {{"broken.toml", "model = \"izh2003\"\nt_end = = 100\n"}},
     simulate({"--config", "broken.toml"}),
     bad_input,
     {"broken.toml"}},
    {"UnknownTomlKey",
     {{"typo.toml", "preset = \"izh2004-A\"\nt_ned = 100\n"}},
     simulate({"--config", "typo.toml"}),
     bad_input,
     {"typo.toml", "t_ned"}},
    {"TomlValueOfWrongType",
     {{"typed.toml", "preset = \"izh2004-A\"\n[method]\ndt = \"fine\"\n"}},
     simulate({"--config", "typed.toml"}),
     bad_input,
     {"typed.toml", "dt"}},
    {"TomlParameterOutOfRange",
     {{"range.toml", "model = \"izh2003\"\n[parameters]\nvpeak = 555.0\n"}},
     simulate({"--config", "range.toml"}),
     bad_input,
     {"vpeak", "555"}},
    {"RecordEveryZero",
     {},
     simulate({"--preset", "izh2004-A", "--record-every", "0"}),
     bad_input,
     {"--record-every", "0"}},
    {"SeriesOrderOutOfRange",
     {},
     simulate({"--preset", "izh2004-A", "--method", "parker-sochacki", "--series-order", "61"}),
     bad_input,
     {"--series-order '61'", "0 to 60"}},
    {"SeriesOrderForAMethodWithoutSeries",
     {},
     simulate({"--preset", "izh2004-A", "--series-order", "8"}),
     bad_input,
     {"series_order = 8", "parker-sochacki", "rk4"}},
    {"SeriesOrderNotAnInteger", {}, simulate({"--preset", "izh2004-A", "--series-order", "8.5"}), bad_input,
     {"--series-order", "8.5"}},
    {"ZeroMaxRate", {}, simulate({"--preset", "izh2004-A", "--max-rate-hz", "0"}), bad_input, {"--max-rate-hz '0'"}},
    {"OutputStepForAFixedStepMethod",
     {},
     simulate({"--preset", "izh2004-A", "--method", "rk4", "--output-step", "0.1"}),
     bad_input,
     {"output_step = 0.1", "adaptive", "rk4"}},
    {"NegativeOutputStep",
     {},
     simulate({"--preset", "izh2004-A", "--method", "dopri5", "--output-step", "-1"}),
     bad_input,
     {"output_step = -1"}},
    {"TomlOutputStepOfWrongType",
     {{"grid.toml", "preset = \"izh2004-A\"\n[method]\nname = \"dopri5\"\noutput_step = \"fine\"\n"}},
     simulate({"--config", "grid.toml"}),
     bad_input,
     {"grid.toml", "output_step"}},
    {"UnexpectedArgument", {}, simulate({"--preset", "izh2004-A", "--colour", "red"}), bad_input, {"--colour"}},
    {"NoSubcommand", {}, {}, bad_input, {"subcommand"}},
    {"NearMissFlag", {}, simulate({"--preset", "izh2004-A", "--tend", "100"}), bad_input,
     {"neurodyn simulate: unknown flag --tend (did you mean --t-end?)"}},
    {"UnknownCommand", {}, {"plot", "out"}, bad_input, {"unknown command 'plot'", "allowed: simulate"}},
    {"PotentialInAnotherUnit", {}, simulate({"--model", "fhn", "--v0", "-70"}), bad_input,
     {"v0 = -70 is out of range for fhn (v is dimensionless); allowed: [-10, 10]"}},
    {"MissingSubcommand", {}, {"recording"}, bad_input, {"neurodyn recording needs a subcommand; allowed: info, show, features"}},
    {"NearMissSubcommand", {}, {"recording", "inof", "x.abf"}, bad_input,
     {"neurodyn recording: unknown subcommand 'inof' (did you mean info?)"}},
    {"NearMissCommand", {}, {"simulat", "--preset", "izh2004-A"}, bad_input, {"did you mean simulate?"}},
    {"DurationNotANumber", {}, simulate({"--preset", "izh2004-A", "--t-end", "abc"}), bad_input,
     {"--t-end 'abc' is not allowed; allowed: MS (a number)"}},
    {"UnknownModelToDescribe", {}, {"models", "izh1999"}, bad_input, {"izh1999"}},
    {"UnknownModelOfPresets", {}, {"presets", "izh1999"}, bad_input, {"izh1999"}},
    {"PresetInTheWrongCase", {}, simulate({"--preset", "izh2007-rs"}), bad_input,
     {"preset = 'izh2007-rs' is unknown; did you mean: izh2007-RS?"}},
};

INSTANTIATE_TEST_SUITE_P(Cli, InputErrors, ::testing::ValuesIn(input_error_cases),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace neurodyn::cli_test
