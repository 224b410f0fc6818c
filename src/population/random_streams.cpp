#include "neurodyn/population/random_streams.hpp"

#include <Random123/MicroURNG.hpp>
#include <boost/random/normal_distribution.hpp>

namespace neurodyn {

void standard_normal_octet(std::uint64_t seed, RandomStream stream, std::uint64_t a, std::uint64_t octet,
                           std::uint64_t c, double out[8]) {
  const r123::Philox4x64::ctr_type counter{{a, octet, c, 0}};
  const r123::Philox4x64::key_type key{{seed, static_cast<std::uint64_t>(stream)}};
  r123::MicroURNG<r123::Philox4x64> words(counter, key);
  boost::random::normal_distribution<double> normal;
  for (int i = 0; i < 8; ++i) out[i] = normal(words);
}

}  // namespace neurodyn
