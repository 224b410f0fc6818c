#pragma once
// LibTorch's intra-op threads held at one while a PINN trains. Its tensors are small (tens to thousands of rows): on
// this project's two-core machines one thread trains fastest, and two OpenMP threads that spin while another
// process is busy can be ten times slower (docs/benchmarks.md, "PINN").
#include <ATen/Parallel.h>

namespace neurodyn::detail {

class SingleThreadScope {
 public:
  SingleThreadScope() : previous_(at::get_num_threads()) { at::set_num_threads(1); }
  SingleThreadScope(const SingleThreadScope&) = delete;
  SingleThreadScope& operator=(const SingleThreadScope&) = delete;
  ~SingleThreadScope() { at::set_num_threads(previous_); }

 private:
  int previous_;
};

}  // namespace neurodyn::detail
