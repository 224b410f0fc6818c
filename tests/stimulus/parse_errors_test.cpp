// Every class of spec error: each message names the component, the key, the value and what is allowed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <ostream>

#include "neurodyn/error.hpp"
#include "neurodyn/stimulus/parse.hpp"
#include "neurodyn/stimulus/stimulus.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

struct BadSpec {
  const char* name;
  const char* spec;
  std::vector<const char*> message_parts;
};

void PrintTo(const BadSpec& c, std::ostream* out) { *out << c.spec; }

class ParseErrors : public ::testing::TestWithParam<BadSpec> {};

TEST_P(ParseErrors, ThrowInputErrorNamingWhatAndWhatIsAllowed) {
  const BadSpec& bad = GetParam();
  try {
    parse_stimulus(bad.spec, 100.0);
    FAIL() << "no error for " << bad.spec;
  } catch (const InputError& error) {
    for (const char* part : bad.message_parts) EXPECT_THAT(error.what(), HasSubstr(part));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Grammar, ParseErrors,
    ::testing::Values(
        BadSpec{"MissingKey",
                "step:amp=70",
                {"'step:amp=70'", "key 'start' is missing", "required amp, start", "optional stop, edges"}},
        BadSpec{"NothingAfterKind", "sine:", {"'sine:'", "key 'amp' is missing", "required amp, freq_hz"}},
        BadSpec{
            "UnknownKey",
            "ramp:slope=1,start=0,end=5",
            {"'ramp:slope=1,start=0,end=5'", "unknown key 'end' (= 5)", "required slope, start; optional stop"}},
        BadSpec{"DuplicatedKey",
                "const:amp=1,amp=2",
                {"'const:amp=1,amp=2'", "'amp' is given twice", "amp = 1 and amp = 2", "each key once"}},
        BadSpec{"NotKeyValue", "step:amp=1,start", {"'start' is not key=value", "required amp, start"}},
        BadSpec{"NonNumeric", "step:amp=ten,start=0", {"amp = ten is not allowed", "a number such as"}},
        BadSpec{"TrailingCharacters", "step:amp=1.5pA,start=0", {"amp = 1.5pA is not allowed"}},
        BadSpec{"NaN", "step:amp=nan,start=0", {"'step:amp=nan,start=0'", "amp = nan", "a finite number"}},
        BadSpec{"InfiniteAmplitude", "const:amp=inf", {"amp = inf", "a finite number"}},
        BadSpec{"InfiniteRampStart", "ramp:slope=1,start=-inf", {"start = -inf", "a finite number"}},
        BadSpec{"NaNStop", "step:amp=1,start=0,stop=nan", {"stop = nan", "a number, or -inf / inf"}},
        BadSpec{"StopBeforeStart",
                "step:amp=1,start=50,stop=10",
                {"'step:amp=1,start=50,stop=10'", "stop = 10 is before start = 50", "stop >= start"}},
        BadSpec{"SineStopBeforeStart", "sine:amp=1,freq_hz=1,start=5,stop=4", {"stop = 4 is before start = 5"}},
        BadSpec{"BadEdges", "step:amp=1,start=0,edges=half", {"edges = half", "open or closed"}},
        BadSpec{"NegativeWidth",
                "pulses:amp=1,start=0,width=-1,period=5,count=2",
                {"width = -1 is out of range", "a finite number >= 0"}},
        BadSpec{"NegativePeriod", "pulses:amp=1,start=0,width=1,period=-5", {"period = -5", ">= 0"}},
        BadSpec{"ZeroPeriodForATrain",
                "pulses:amp=1,start=0,width=0,period=0,count=3",
                {"period = 0 is out of range", "a finite number > 0"}},
        BadSpec{"OverlappingPulses",
                "pulses:amp=1,start=0,width=5,period=5,count=3",
                {"width = 5 does not fit in period = 5", "width < period"}},
        BadSpec{"ZeroCount",
                "pulses:amp=1,start=0,width=1,period=5,count=0",
                {"count = 0 is not allowed", "an integer from 1 to 2147483647"}},
        BadSpec{"FractionalCount", "pulses:amp=1,start=0,width=1,period=5,count=2.5", {"count = 2.5"}},
        BadSpec{"NegativeFrequency", "sine:amp=1,freq_hz=-3", {"freq_hz = -3", ">= 0"}},
        BadSpec{"NegativeSigma", "noise:mean=0,sigma=-1,tau=5,seed=1", {"sigma = -1", ">= 0"}},
        BadSpec{"ZeroTau", "noise:mean=0,sigma=1,tau=0,seed=1", {"tau = 0", "a finite number > 0"}},
        BadSpec{"NegativeTau", "noise:mean=0,sigma=1,tau=-2,seed=1", {"tau = -2", "a finite number > 0"}},
        BadSpec{"ZeroSampleStep", "noise:mean=0,sigma=1,tau=2,seed=1,sample_step=0", {"sample_step = 0", "> 0"}},
        BadSpec{"NegativeSeed",
                "noise:mean=0,sigma=1,tau=2,seed=-1",
                {"seed = -1", "an integer from 0 to 18446744073709551615"}},
        BadSpec{"TooManyNoiseSamples",
                "noise:mean=0,sigma=1,tau=2,seed=1,sample_step=1e-9",
                {"sample_step = 1e-09", "samples", "at most 100000000"}},
        BadSpec{"UnknownKind",
                "step:amp=1,start=0+stp:amp=2",
                {"'stp:amp=2'", "unknown kind 'stp'", "step, const, pulses, ramp, sine, noise, file", "'none'"}},
        BadSpec{"EmptyComponent", "+const:amp=1", {"is empty", "joined by '+'"}},
        BadSpec{"NoneInsideASum", "none+const:amp=1", {"unknown kind 'none'"}},
        BadSpec{"MissingPath", "file:,time_unit=s", {"the file path is missing", "a path first"}},
        BadSpec{"BadTimeUnit", "file:x.txt,time_unit=min", {"time_unit = min", "ms or s"}},
        BadSpec{"NegativeColumn", "file:x.txt,time_col=-1", {"time_col = -1", "an integer from 0"}}),
    [](const ::testing::TestParamInfo<BadSpec>& instance) { return std::string(instance.param.name); });

TEST(ParseErrors, NoiseNeedsAFiniteSpan) {
  EXPECT_THAT(
      [] { parse_stimulus("noise:mean=0,sigma=1,tau=2,seed=1", std::numeric_limits<double>::infinity()); },
      ::testing::ThrowsMessage<InputError>(AllOf(HasSubstr("span_ms = inf"), HasSubstr("finite duration"))));
  // Other components do not need a span at all.
  EXPECT_NO_THROW(parse_stimulus("step:amp=1,start=0", std::numeric_limits<double>::infinity()));
}

TEST(ParseErrors, ConstructedComponentsAreValidatedToo) {
  EXPECT_THAT([] { Stimulus({Ramp{.slope = 1.0, .start = 5.0, .stop = 1.0}}); },
              ::testing::ThrowsMessage<InputError>(
                  AllOf(HasSubstr("stimulus component 1 (ramp)"), HasSubstr("stop = 1 is before start = 5"))));
  EXPECT_THAT([] { Stimulus({OrnsteinUhlenbeck{}}); },
              ::testing::ThrowsMessage<InputError>(HasSubstr("no samples")));
}

TEST(ParseGrammar, PlusInsideNumbersIsNotASeparator) {
  const Stimulus input = parse_stimulus("const:amp=1e+1 + step:amp=+2,start=-inf,stop=+inf", 0.0);
  EXPECT_EQ(input.components().size(), 2u);
  EXPECT_EQ(input.at(0.0).current, 12.0);
}

}  // namespace
}  // namespace neurodyn
