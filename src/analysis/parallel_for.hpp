#pragma once
// Runs body(i) for i = 0 .. count-1 on `threads` threads. Each index is run exactly once and the body writes
// only its own results, so the outcome is the same for any number of threads. An exception thrown by a body is
// rethrown after all threads have finished (that of the lowest index, so the error is deterministic too).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace neurodyn::analysis_detail {

// `requested` threads, or all cores for 0, but never more than there is work for.
inline unsigned thread_count(unsigned requested, std::size_t work) {
  const unsigned available = requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(available, work)));
}

template <class Body>
void parallel_for(std::size_t count, unsigned threads, const Body& body) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(count);
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        body(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (unsigned t = 1; t < thread_count(threads, count); ++t) helpers.emplace_back(work);
    work();
  }  // the helpers join here
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace neurodyn::analysis_detail
