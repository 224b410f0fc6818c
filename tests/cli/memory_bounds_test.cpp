// Work and memory are estimated from the inputs and refused before they are spent: each input below once
// took gigabytes (or read a device without end) before failing. Each now exits 2 naming the field and the
// estimate, and no run of this file's commands grows past 1 GB of resident memory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::HasSubstr;

constexpr int bad_input = 2;
constexpr long max_resident_kilobytes = 1'000'000;  // 1 GB

struct BoundCase {
  std::string name;
  std::vector<std::string> arguments;
  std::vector<std::string> message_parts;
};

std::ostream& operator<<(std::ostream& out, const BoundCase& bound_case) { return out << bound_case.name; }

class MemoryBounds : public CliTest, public ::testing::WithParamInterface<BoundCase> {};

// The largest resident set of any child this test process has waited for (ru_maxrss: kilobytes on Linux).
long largest_child_resident_kilobytes() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  return usage.ru_maxrss;
}

TEST_P(MemoryBounds, RefusedBeforeTheMemoryIsSpent) {
  const auto& bound_case = GetParam();
  const auto result = run(bound_case.arguments);
  EXPECT_EQ(result.exit_status, bad_input) << result.err;
  for (const auto& part : bound_case.message_parts) EXPECT_THAT(result.err, HasSubstr(part));
  EXPECT_THAT(files_in(out()), ::testing::IsEmpty());
  EXPECT_LT(largest_child_resident_kilobytes(), max_resident_kilobytes);
}

std::vector<std::string> simulate(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "simulate");
  arguments.insert(arguments.end(), {"--no-figures", "--out", "out"});
  return arguments;
}

// --max-memory 1000 (MB) makes the budget the same on every machine; the first case uses the default.
const std::vector<BoundCase> bound_cases{
    {"OutputGridOfAHundredTrillionSamples",
     simulate({"--preset", "izh2004-A", "--method", "dopri5", "--output-step", "1e-12"}),
     {"output_step = 1e-12 ms", "samples", "memory budget", "half of this machine's physical memory"}},
    {"EveryStepOfALongFineRunKept",
     simulate({"--max-memory", "1000", "--preset", "izh2004-A", "--t-end", "1e6", "--dt", "0.001", "--record-every",
               "1"}),
     {"kept every 1 steps", "needs about", "memory budget of 1 GB (as set)", "--record-every"}},
    {"NoiseSampledAtANanosecondForAnHour",
     simulate({"--max-memory", "1000", "--model", "izh2003", "--t-end", "3.6e6", "--stimulus",
               "noise:mean=5,sigma=1,tau=2,seed=1,sample_step=1e-6"}),
     {"stimulus = 'noise:", "needs about", "sample_step"}},
    {"StimulusTableThatIsADevice",
     simulate({"--model", "izh2003", "--stimulus", "file:/dev/zero"}),
     {"'/dev/zero' is a character device", "a regular text file"}},
    {"TraceFileThatIsADevice", {"stats", "/dev/zero"}, {"'/dev/zero' is a character device"}},
    {"ConfigThatIsADirectory", simulate({"--config", "."}), {"directory"}},
    {"TooManyRepeats", {"compare", "--repeats", "100000", "--out", "out"}, {"repeats = 100000", "1 to 1000"}},
};

INSTANTIATE_TEST_SUITE_P(Cli, MemoryBounds, ::testing::ValuesIn(bound_cases),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace neurodyn::cli_test
