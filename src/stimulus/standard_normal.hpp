#pragma once
// Standard normal deviates that are the same bytes with every C++ standard library.
//
// std::normal_distribution's algorithm is implementation-defined (libstdc++, libc++ and MSVC differ), so a
// seed would not pin the noise down. std::mt19937_64 is fully specified by the standard; on top of it this
// is Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6:260, 1964), built from exact operations
// (integer shifts, +, *, /, and sqrt, which IEEE 754 rounds exactly) and one std::log per pair. Only a
// C library whose log rounds differently from glibc's could change a bit.
#include <cstdint>
#include <random>

namespace neurodyn::stimulus_detail {

class StandardNormal {
 public:
  explicit StandardNormal(std::uint64_t seed) : engine_(seed) {}

  // The next N(0, 1) deviate; they come in pairs, the second kept for the next call.
  double operator()();

 private:
  // A uniform deviate in [-1, 1) with 53 random bits.
  double symmetric_uniform();

  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace neurodyn::stimulus_detail
