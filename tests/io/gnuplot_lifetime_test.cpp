// gnuplot never outlives the process that draws: killed with SIGKILL while gnuplot runs, the drawing
// process takes gnuplot with it.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "neurodyn/io/result_files.hpp"
#include "neurodyn/io/run_config.hpp"
#include "neurodyn/solve/solve.hpp"
#include "scratch_directory.hpp"

namespace neurodyn {
namespace {

using testing::read_text;
using testing::ScratchDirectory;
using testing::write_text;

// Whether `pid` has ended: no such process, or a zombie that its new parent has not reaped yet.
bool has_ended(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;
  const auto state = text.find(") ");
  return state != std::string::npos && (text[state + 2] == 'Z' || text[state + 2] == 'X');
}

// Polls `condition` every 10 ms for at most `limit`.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

TEST(GnuplotLifetime, GnuplotDiesWithTheProcessThatDraws) {
  ScratchDirectory bin;
  ScratchDirectory figures;
  const auto pid_file = bin / "gnuplot.pid";
  // A gnuplot that says who it is and never finishes.
  write_text(bin / "gnuplot", "#!/bin/sh\necho $$ > '" + pid_file.string() + "'\nexec sleep 60\n");
  std::filesystem::permissions(bin / "gnuplot", std::filesystem::perms::owner_all);

  RunSettings settings;
  settings.preset = "izh2004-A";
  const EffectiveRun run = resolve(settings);
  const Solution solution = solve(run.problem, run.method);

  const pid_t drawer = ::fork();
  ASSERT_GE(drawer, 0);
  if (drawer == 0) {
    ::setenv("PATH", bin.path().c_str(), 1);
    try {
      write_figures(figures.path(), run, solution);
    } catch (...) {
    }
    ::_exit(0);
  }
  const bool started = eventually([&] { return !read_text(pid_file).empty(); }, std::chrono::seconds(10));
  ::kill(drawer, SIGKILL);
  ::waitpid(drawer, nullptr, 0);
  ASSERT_TRUE(started) << "the fake gnuplot never ran";

  const pid_t gnuplot = std::stoi(read_text(pid_file));
  EXPECT_TRUE(eventually([&] { return has_ended(gnuplot); }, std::chrono::seconds(2)))
      << "gnuplot (pid " << gnuplot << ") outlived the process that started it";
  if (!has_ended(gnuplot)) ::kill(gnuplot, SIGKILL);
}

}  // namespace
}  // namespace neurodyn
