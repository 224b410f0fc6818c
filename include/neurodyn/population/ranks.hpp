#pragma once
// The processes of one run: the ranks of MPI_COMM_WORLD when `mpirun -n K neurodyn ...` started this process
// (Open MPI), or this process alone. Only what the network and the sweep exchange is here, each a collective
// operation that every rank calls in the same order.
//
// MPI is started only when a launcher set this process's rank in the environment (OMPI_COMM_WORLD_SIZE,
// PMIX_RANK), so a plain `neurodyn ...` pays nothing for it. A build without MPI (NEURODYN_MPI=OFF) runs as one
// process and refuses to run under a launcher of several ranks.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"

namespace neurodyn {

// A failure that every rank learns of: its kind (the exception to throw) and message.
struct RankFailure {
  enum class Kind { input, file };
  Kind kind = Kind::input;
  std::string message;
};

// A count shared by every rank, held by rank 0 (an MPI window): take(n) returns the count and adds n to it in one
// atomic step, so ranks that ask in any order get disjoint ranges of work (a sweep's dynamic load balance).
// Created and destroyed by every rank together.
class SharedCounter {
 public:
  SharedCounter();
  ~SharedCounter();
  SharedCounter(const SharedCounter&) = delete;
  SharedCounter& operator=(const SharedCounter&) = delete;
  std::int64_t take(std::int64_t n);

 private:
  std::int64_t local_ = 0;  // the count itself without an MPI session
  void* window_ = nullptr;  // the MPI window (MPI_Win), when there is a session
};

// Throws the failure's exception: InputError or FileError.
[[noreturn]] void throw_failure(const RankFailure& failure);

class Ranks {
 public:
  // Starts MPI when launched by mpirun (throws InputError when this build has no MPI and was launched on
  // several ranks); ends it on destruction. One per process, in main().
  Ranks(int& argc, char**& argv);
  ~Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  // The ranks of this process (0 and 1 when there is no launcher or no session).
  static int rank();
  static int size();
  static bool distributed() { return size() > 1; }
  // The threads a rank uses: `requested`, or when that is 0 this machine's cores shared among the ranks on it.
  static unsigned threads(unsigned requested);

  // Every rank's `values` concatenated in rank order, on every rank.
  static std::vector<std::int64_t> all_gather(const std::vector<std::int64_t>& values);
  static std::vector<double> all_gather(const std::vector<double>& values);
  // Every rank's `text`, one string per rank in rank order, on every rank.
  static std::vector<std::string> all_gather(const std::string& text);
  // The failure of the lowest rank that has one, on every rank (nothing if none has).
  static std::optional<RankFailure> first_failure(const std::optional<RankFailure>& local);
  // `values` of rank `root`, on every rank.
  static void broadcast(std::vector<double>& values, int root);

  // Runs `work` on this rank and makes a failure of any rank everyone's: every rank throws the error of the
  // lowest failing rank, so no rank waits for one that has stopped.
  template <class Work>
  static void collectively(Work&& work) {
    std::optional<RankFailure> failure;
    try {
      work();
    } catch (const InputError& error) {
      failure = RankFailure{RankFailure::Kind::input, error.what()};
    } catch (const FileError& error) {
      failure = RankFailure{RankFailure::Kind::file, error.what()};
    }
    if (const auto first = first_failure(failure)) throw_failure(*first);
  }
};

}  // namespace neurodyn
