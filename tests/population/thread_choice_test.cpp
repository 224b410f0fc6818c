// The choice between the threads and one thread follows the times reported to it: the faster way is kept between
// probes, a change of the faster way is found at the next probe, and probes grow rarer while the answer holds.
#include "thread_choice.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

namespace {

using neurodyn::population_detail::ThreadChoice;
using std::chrono::milliseconds;

// Runs `pieces` pieces, each taking `threads_ms` on the threads and `one_ms` on one; returns the choices made.
std::vector<bool> run(ThreadChoice& choice, int pieces, int threads_ms, int one_ms) {
  std::vector<bool> choices;
  for (int i = 0; i < pieces; ++i) {
    const bool on_threads = choice.on_threads();
    choices.push_back(on_threads);
    choice.done(milliseconds(on_threads ? threads_ms : one_ms));
  }
  return choices;
}

int count_on_threads(const std::vector<bool>& choices, std::size_t from, std::size_t to) {
  int count = 0;
  for (std::size_t i = from; i < to; ++i) count += choices[i];
  return count;
}

TEST(ThreadChoice, KeepsTheFasterWayBetweenProbes) {
  ThreadChoice slow_threads(true);
  const auto choices = run(slow_threads, 128, 5, 1);
  EXPECT_EQ(count_on_threads(choices, 0, 8), 8);     // the threads timed first
  EXPECT_EQ(count_on_threads(choices, 8, 16), 0);    // then one thread
  EXPECT_EQ(count_on_threads(choices, 16, 128), 0);  // then one thread kept

  ThreadChoice fast_threads(true);
  const auto kept = run(fast_threads, 128, 1, 2);
  EXPECT_EQ(count_on_threads(kept, 16, 128), 112);
}

TEST(ThreadChoice, FindsAChangeAtTheNextProbeAndProbesLessWhileTheAnswerHolds) {
  ThreadChoice choice(true);
  run(choice, 128, 5, 1);  // one thread faster: the first period
  // The threads become faster: the probe at piece 128 finds it, and they are used from piece 144 on.
  const auto after = run(choice, 128, 1, 2);
  EXPECT_EQ(count_on_threads(after, 0, 8), 8);
  EXPECT_EQ(count_on_threads(after, 8, 16), 0);
  EXPECT_EQ(count_on_threads(after, 16, 128), 112);
  // The same answer again at the probe that starts the next 512 pieces: the period doubles to 256, and after the
  // probe 256 pieces later to 512, so these pieces hold two probes (8 pieces on one thread each) and no third.
  const auto steady = run(choice, 512, 1, 2);
  EXPECT_EQ(count_on_threads(steady, 0, 512), 512 - 2 * 8);
  EXPECT_EQ(count_on_threads(steady, 256 + 8, 256 + 16), 0);
}

TEST(ThreadChoice, NeverUsesThreadsThatAreNotPossible) {
  ThreadChoice choice(false);
  EXPECT_EQ(count_on_threads(run(choice, 300, 1, 5), 0, 300), 0);
}

}  // namespace
