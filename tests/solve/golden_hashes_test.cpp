// Every preset under every method, hashed: the spike times, the recorded trace and the status of each run
// must stay the same bits as the ones recorded in tests/data/golden/solver_hashes.txt. A change to the solve
// layer that changes any result fails here; a change meant to change results rewrites the file (set
// NEURODYN_WRITE_GOLDEN=1 and run this test) in the commit that explains why.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "neurodyn/error.hpp"
#include "problems.hpp"

namespace neurodyn {
namespace {

const std::string golden_path = std::string(NEURODYN_TEST_DATA_DIR) + "/golden/solver_hashes.txt";

// FNV-1a over the bytes of the values: any change of any bit changes the hash.
class Fnv1a {
 public:
  void add(std::span<const double> values) {
    for (double value : values) {
      unsigned char bytes[sizeof(double)];
      std::memcpy(bytes, &value, sizeof(double));
      for (unsigned char byte : bytes) hash_ = (hash_ ^ byte) * 1099511628211ULL;
    }
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 14695981039346656037ULL;
};

// One line per preset and method: status, spike count, hash of the spikes, sample count, hash of the trace;
// "inapplicable" where the method refuses the problem (Parker-Sochacki, the published scheme).
std::string run_line(const Preset& preset, std::string_view method_name) {
  const Problem problem = testing::problem_from_preset(preset.name);
  MethodOptions options = method_at(method_name, method_info(method_name).adaptive ? 1e-6 : 0.01);
  if (method_name == "izhikevich-published" && preset.published_dt_ms) options.dt = *preset.published_dt_ms;
  Solution solution;
  try {
    solution = solve(problem, options);
  } catch (const InputError&) {
    return "inapplicable";
  }
  Fnv1a spikes, trace;
  spikes.add(solution.spike_times);
  trace.add(solution.times);
  trace.add(solution.states);
  std::ostringstream line;
  line << to_string(solution.status) << ' ' << solution.spike_times.size() << ' ' << std::hex << spikes.value()
       << std::dec << ' ' << solution.sample_count() << ' ' << std::hex << trace.value();
  return line.str();
}

std::map<std::string, std::string> compute_all() {
  std::map<std::string, std::string> lines;
  for (const Preset& preset : preset_catalog()) {
    for (const MethodInfo& method : method_catalog()) {
      lines[preset.name + " " + std::string(method.name)] = run_line(preset, method.name);
    }
  }
  return lines;
}

TEST(GoldenHashes, EveryPresetUnderEveryMethodKeepsItsBits) {
  const auto computed = compute_all();
  if (std::getenv("NEURODYN_WRITE_GOLDEN")) {
    std::ofstream out(golden_path);
    out << "# preset method: status spikes spike-hash samples trace-hash (tests/solve/golden_hashes_test.cpp)\n";
    for (const auto& [key, line] : computed) out << key << ": " << line << '\n';
    GTEST_SKIP() << "wrote " << golden_path;
  }
  std::ifstream in(golden_path);
  ASSERT_TRUE(in) << "missing " << golden_path;
  std::map<std::string, std::string> recorded;
  for (std::string text; std::getline(in, text);) {
    if (text.empty() || text[0] == '#') continue;
    const auto colon = text.find(": ");
    recorded[text.substr(0, colon)] = text.substr(colon + 2);
  }
  EXPECT_EQ(recorded.size(), computed.size());
  for (const auto& [key, line] : computed) {
    const auto found = recorded.find(key);
    if (found == recorded.end()) {
      ADD_FAILURE() << key << ": not in the golden file";
      continue;
    }
    EXPECT_EQ(found->second, line) << key;
  }
}

}  // namespace
}  // namespace neurodyn
