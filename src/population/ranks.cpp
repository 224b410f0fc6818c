#include "neurodyn/population/ranks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <thread>
#include <utility>

#include "neurodyn/error.hpp"

#ifdef NEURODYN_HAS_MPI
#define OMPI_SKIP_MPICXX 1  // the C interface only: the C++ bindings are deprecated and not linked
#include <mpi.h>
#endif

namespace neurodyn {
namespace {

// The number of ranks a launcher announced in the environment (0 if none).
int launched_ranks() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE"}) {
    if (const char* value = std::getenv(name)) return std::atoi(value);
  }
  return 0;
}

int this_rank = 0, rank_count = 1;

}  // namespace

#ifdef NEURODYN_HAS_MPI

namespace {

bool session_open = false;  // MPI_Init was called (and MPI_Finalize is due)

template <class T>
MPI_Datatype datatype();
template <>
MPI_Datatype datatype<std::int64_t>() {
  return MPI_INT64_T;
}
template <>
MPI_Datatype datatype<double>() {
  return MPI_DOUBLE;
}

// Every rank's count and where its values start in the concatenation, for MPI_Allgatherv.
struct Layout {
  std::vector<int> counts, offsets;
  int total = 0;
};
Layout gathered_layout(int count) {
  Layout layout{std::vector<int>(static_cast<std::size_t>(rank_count)),
                std::vector<int>(static_cast<std::size_t>(rank_count)), 0};
  MPI_Allgather(&count, 1, MPI_INT, layout.counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  for (std::size_t r = 0; r < layout.counts.size(); ++r) {
    layout.offsets[r] = layout.total;
    layout.total += layout.counts[r];
  }
  return layout;
}

template <class T>
std::vector<T> gather_everywhere(const std::vector<T>& values) {
  if (!session_open) return values;
  const int count = static_cast<int>(values.size());
  const Layout layout = gathered_layout(count);
  std::vector<T> all(static_cast<std::size_t>(layout.total));
  MPI_Allgatherv(values.data(), count, datatype<T>(), all.data(), layout.counts.data(), layout.offsets.data(),
                 datatype<T>(), MPI_COMM_WORLD);
  return all;
}

}  // namespace

Ranks::Ranks(int& argc, char**& argv) {
  if (launched_ranks() <= 0) return;
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
  MPI_Comm_rank(MPI_COMM_WORLD, &this_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &rank_count);
  session_open = true;
}

Ranks::~Ranks() {
  if (session_open) MPI_Finalize();
  session_open = false;
}

std::vector<std::int64_t> Ranks::all_gather(const std::vector<std::int64_t>& values) {
  return gather_everywhere(values);
}
std::vector<double> Ranks::all_gather(const std::vector<double>& values) { return gather_everywhere(values); }

std::vector<std::string> Ranks::all_gather(const std::string& text) {
  if (!session_open) return {text};
  const int length = static_cast<int>(text.size());
  const Layout layout = gathered_layout(length);
  std::string all(static_cast<std::size_t>(layout.total), ' ');
  MPI_Allgatherv(text.data(), length, MPI_CHAR, all.data(), layout.counts.data(), layout.offsets.data(), MPI_CHAR,
                 MPI_COMM_WORLD);
  std::vector<std::string> texts;
  for (std::size_t r = 0; r < layout.counts.size(); ++r) {
    texts.push_back(
        all.substr(static_cast<std::size_t>(layout.offsets[r]), static_cast<std::size_t>(layout.counts[r])));
  }
  return texts;
}

SharedCounter::SharedCounter() {
  if (!session_open) return;
  std::int64_t* base = nullptr;
  auto* window = new MPI_Win;
  MPI_Win_allocate(this_rank == 0 ? sizeof(std::int64_t) : 0, sizeof(std::int64_t), MPI_INFO_NULL, MPI_COMM_WORLD,
                   &base, window);
  if (this_rank == 0) *base = 0;
  MPI_Barrier(MPI_COMM_WORLD);  // the count is zero before anyone takes from it
  window_ = window;
}

SharedCounter::~SharedCounter() {
  if (!window_) return;
  auto* window = static_cast<MPI_Win*>(window_);
  MPI_Win_free(window);
  delete window;
}

std::int64_t SharedCounter::take(std::int64_t n) {
  if (!window_) return std::exchange(local_, local_ + n);
  auto& window = *static_cast<MPI_Win*>(window_);
  std::int64_t before = 0;
  MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, window);
  MPI_Fetch_and_op(&n, &before, MPI_INT64_T, 0, 0, MPI_SUM, window);
  MPI_Win_unlock(0, window);
  return before;
}

std::optional<RankFailure> Ranks::first_failure(const std::optional<RankFailure>& local) {
  if (!session_open) return local;
  int failing = local ? this_rank : rank_count;
  int first = rank_count;
  MPI_Allreduce(&failing, &first, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (first == rank_count) return std::nullopt;
  // The failing rank sends its kind and message to every rank.
  int header[2] = {local && first == this_rank ? static_cast<int>(local->kind) : 0,
                   local && first == this_rank ? static_cast<int>(local->message.size()) : 0};
  MPI_Bcast(header, 2, MPI_INT, first, MPI_COMM_WORLD);
  std::string message = first == this_rank ? local->message : std::string(static_cast<std::size_t>(header[1]), ' ');
  MPI_Bcast(message.data(), header[1], MPI_CHAR, first, MPI_COMM_WORLD);
  return RankFailure{static_cast<RankFailure::Kind>(header[0]), std::move(message)};
}

void Ranks::broadcast(std::vector<double>& values, int root) {
  if (!session_open) return;
  auto count = static_cast<std::int64_t>(values.size());
  MPI_Bcast(&count, 1, MPI_INT64_T, root, MPI_COMM_WORLD);
  values.resize(static_cast<std::size_t>(count));
  MPI_Bcast(values.data(), static_cast<int>(count), MPI_DOUBLE, root, MPI_COMM_WORLD);
}

#else

Ranks::Ranks(int&, char**&) {
  if (const int launched = launched_ranks(); launched > 1) {
    throw InputError(
        fmt::format("this neurodyn was built without MPI (NEURODYN_MPI=OFF) but launched on {} ranks; "
                    "run it without mpirun, or build it with Open MPI",
                    launched));
  }
}
Ranks::~Ranks() = default;
std::vector<std::int64_t> Ranks::all_gather(const std::vector<std::int64_t>& values) { return values; }
std::vector<double> Ranks::all_gather(const std::vector<double>& values) { return values; }
std::vector<std::string> Ranks::all_gather(const std::string& text) { return {text}; }
std::optional<RankFailure> Ranks::first_failure(const std::optional<RankFailure>& local) { return local; }
void Ranks::broadcast(std::vector<double>&, int) {}
SharedCounter::SharedCounter() = default;
SharedCounter::~SharedCounter() = default;
std::int64_t SharedCounter::take(std::int64_t n) { return std::exchange(local_, local_ + n); }

#endif

void throw_failure(const RankFailure& failure) {
  if (failure.kind == RankFailure::Kind::file) throw FileError(failure.message);
  throw InputError(failure.message);
}

unsigned Ranks::threads(unsigned requested) {
  if (requested > 0) return requested;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");  // Open MPI: the ranks on this machine
  const int ranks_here = local ? std::max(1, std::atoi(local)) : 1;
  return std::max(1u, cores / static_cast<unsigned>(ranks_here));
}

int Ranks::rank() { return this_rank; }
int Ranks::size() { return rank_count; }

}  // namespace neurodyn
