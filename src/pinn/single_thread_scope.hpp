#pragma once
// LibTorch's intra-op threads, and those of the BLAS under it, held at one while a PINN trains. Its tensors are small
// (tens to thousands of rows): on two cores one thread trains fastest, and OpenBLAS's threads, which spin while they
// wait, make a window's least-squares solve twenty times slower when another process keeps one core busy
// (docs/benchmarks.md, "PINN"). OpenBLAS is found at run time (Debian's libblas.so.3 may be another BLAS).
#include <ATen/Parallel.h>
#include <dlfcn.h>

namespace neurodyn::detail {

class SingleThreadScope {
 public:
  SingleThreadScope() : previous_(at::get_num_threads()) {
    at::set_num_threads(1);
    if (set_blas_threads_ != nullptr && get_blas_threads_ != nullptr) {
      previous_blas_ = get_blas_threads_();
      set_blas_threads_(1);
    }
  }
  SingleThreadScope(const SingleThreadScope&) = delete;
  SingleThreadScope& operator=(const SingleThreadScope&) = delete;
  ~SingleThreadScope() {
    if (previous_blas_ > 0) set_blas_threads_(previous_blas_);
    at::set_num_threads(previous_);
  }

 private:
  using SetThreads = void (*)(int);
  using GetThreads = int (*)();
  int previous_;
  int previous_blas_ = 0;
  SetThreads set_blas_threads_ = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  GetThreads get_blas_threads_ = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
};

}  // namespace neurodyn::detail
