#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "neurodyn/error.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/method_options.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::ScratchDirectory;
using testing::write_text;

class ReadRunSettings : public ::testing::Test {
 protected:
  RunSettings read(const std::string& toml) {
    write_text(path_, toml);
    return read_run_settings(path_);
  }
  // The message of the InputError that reading `toml` throws.
  std::string error_of(const std::string& toml) {
    try {
      read(toml);
    } catch (const InputError& error) {
      return error.what();
    }
    ADD_FAILURE() << "no InputError for:\n" << toml;
    return {};
  }
  ScratchDirectory directory_;
  std::filesystem::path path_ = directory_ / "run.toml";
};

TEST_F(ReadRunSettings, ReadsEveryKeyOfTheLayout) {
  const RunSettings settings = read(R"(
preset = "izh2004-A"
model = "izh2003"
stimulus = "step:amp=14,start=10"
t_end = 250.5
[initial]
v0 = -70.0
u0 = -14
[parameters]
a = 0.02
d = 6
[method]
name = "izhikevich-published"
dt = 0.25
rtol = 1e-8
atol = 1e-9
spikes = "grid"
newton_failure = "halve-step"
series_order = 12
max_rate_hz = 500
output_step = 0.05
[method.published]
u_from_new_v = false
reset_in_same_step = false
v_substeps = 2
)");
  EXPECT_EQ(settings.preset, "izh2004-A");
  EXPECT_EQ(settings.model, "izh2003");
  EXPECT_EQ(settings.stimulus, "step:amp=14,start=10");
  EXPECT_EQ(settings.t_end, 250.5);
  EXPECT_EQ(settings.v0, -70.0);
  EXPECT_EQ(settings.u0, -14.0);  // an integer is accepted as a number
  EXPECT_EQ(settings.parameters, (ParameterValues{{"a", 0.02}, {"d", 6.0}}));
  EXPECT_EQ(settings.method, "izhikevich-published");
  EXPECT_EQ(settings.output_step, 0.05);
  const MethodOptionSettings expected{{"dt", 0.25},
                                      {"rtol", 1e-8},
                                      {"atol", 1e-9},
                                      {"spikes", "grid"},
                                      {"newton_failure", "halve-step"},
                                      {"series_order", 12LL},
                                      {"max_rate_hz", 500.0},
                                      {"u_from_new_v", false},
                                      {"reset_in_same_step", false},
                                      {"v_substeps", 2LL}};
  EXPECT_EQ(settings.method_options, expected);  // max_rate_hz = 500 read as the real it is
}

TEST_F(ReadRunSettings, AbsentKeysStayUnset) {
  const RunSettings settings = read("model = \"lif\"\n");
  EXPECT_EQ(settings.model, "lif");
  EXPECT_FALSE(settings.preset || settings.stimulus || settings.t_end || settings.v0 || settings.u0 ||
               settings.method || settings.output_step);
  EXPECT_TRUE(settings.method_options.empty());
  EXPECT_TRUE(settings.parameters.empty());
}

TEST_F(ReadRunSettings, MalformedTomlNamesTheFileAndTheLine) {
  const std::string message = error_of("model = \"izh2003\"\nt_end = 100 ms\n");
  EXPECT_THAT(message, HasSubstr(path_.string()));
  EXPECT_THAT(message, HasSubstr("malformed TOML"));
  EXPECT_THAT(message, HasSubstr(" 2 | t_end = 100 ms"));  // the offending line with its number
}

TEST_F(ReadRunSettings, UnknownTopLevelKeyListsTheAllowedKeys) {
  const std::string message = error_of("model = \"izh2003\"\nduration = 100\n");
  EXPECT_THAT(message, AllOf(HasSubstr(path_.string()), HasSubstr("unknown key 'duration'"),
                             HasSubstr("preset, model, stimulus, t_end, initial, parameters, method"),
                             HasSubstr(" 2 | duration = 100")));
}

TEST_F(ReadRunSettings, UnknownKeyInATableNamesTheTable) {
  EXPECT_THAT(error_of("[method]\nstep = 0.1\n"),
              AllOf(HasSubstr("unknown key 'method.step'"), HasSubstr("in [method]"),
                    HasSubstr("name, output_step, published, dt, rtol, atol, min_step, max_steps, max_rate_hz, "
                              "runaway_window, series_order, spikes, newton_failure")));
  EXPECT_THAT(error_of("[initial]\nw0 = 1\n"), AllOf(HasSubstr("initial.w0"), HasSubstr("v0, u0")));
  EXPECT_THAT(
      error_of("[method.published]\nu_from_old_v = true\n"),
      AllOf(HasSubstr("method.published.u_from_old_v"), HasSubstr("u_from_new_v, reset_in_same_step, v_substeps")));
}

TEST_F(ReadRunSettings, WrongTypesAreNamed) {
  EXPECT_THAT(error_of("[method]\ndt = \"fast\"\n"),
              AllOf(HasSubstr(path_.string()), HasSubstr("method.dt must be a number; found: a string"),
                    HasSubstr(" 2 | dt = \"fast\"")));
  EXPECT_THAT(error_of("model = 2003\n"), HasSubstr("model must be a string; found: an integer"));
  EXPECT_THAT(error_of("[method.published]\nv_substeps = 1.5\n"),
              HasSubstr("method.published.v_substeps must be an integer; found: a float"));
  EXPECT_THAT(error_of("[method.published]\nu_from_new_v = 1\n"),
              HasSubstr("method.published.u_from_new_v must be true or false"));
  EXPECT_THAT(error_of("method = \"rk4\"\n"), HasSubstr("method must be a table; found: a string"));
  EXPECT_THAT(error_of("[method]\nseries_order = 8.5\n"),
              HasSubstr("method.series_order must be an integer; found: a float"));
  EXPECT_THAT(error_of("[method]\nmax_rate_hz = \"fast\"\n"), HasSubstr("method.max_rate_hz must be a number"));
  EXPECT_THAT(error_of("[method]\noutput_step = true\n"), HasSubstr("method.output_step must be a number"));
  EXPECT_THAT(error_of("[parameters]\na = \"0.02\"\n"), HasSubstr("parameters.a must be a number"));
}

TEST_F(ReadRunSettings, MethodOptionsOutOfRangeNameTheFileTheLineAndWhatIsAllowed) {
  EXPECT_THAT(error_of("[method]\nname = \"rk4\"\ndt = -0.5\n"),
              AllOf(HasSubstr(path_.string()), HasSubstr("method.dt = -0.5 ms is not allowed; allowed: a finite dt > 0 ms"),
                    HasSubstr(" 3 | dt = -0.5")));
  EXPECT_THAT(error_of("[method]\nspikes = \"nearest\"\n"), HasSubstr("allowed: grid, located"));
  EXPECT_THAT(error_of("[method.published]\nv_substeps = 3\n"),
              HasSubstr("method.published.v_substeps = 3 is not allowed; allowed: an integer from 1 to 2"));
}

TEST_F(ReadRunSettings, MissingFileIsAFileErrorNamingIt) {
  const auto missing = directory_ / "absent.toml";
  try {
    read_run_settings(missing);
    FAIL() << "expected FileError";
  } catch (const FileError& error) {
    EXPECT_THAT(error.what(), AllOf(HasSubstr(missing.string()), HasSubstr("No such file")));
  }
}

}  // namespace
}  // namespace neurodyn
