#pragma once
// The keys that the network and sweep configs share: seed, threads and the [method] table of a lane-stepped run.
#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "toml_table_reader.hpp"

namespace neurodyn::io_detail {

// seed = N (>= 0), threads = N (0 .. 1024: 0 for all cores), [method] name and dt: each left as it is when absent.
inline void read_seed_threads_method(const TableReader& top, std::uint64_t& seed, unsigned& threads,
                                     std::string& method, double& dt_ms) {
  if (const auto value = top.integer("seed")) {
    if (*value < 0) top.fail(*top.find("seed"), fmt::format("seed = {} must be >= 0", *value), "negative seed");
    seed = static_cast<std::uint64_t>(*value);
  }
  if (const auto value = top.integer("threads")) {
    if (*value < 0 || *value > 1024) {
      top.fail(*top.find("threads"), fmt::format("threads = {} must lie in [0, 1024]", *value), "bad threads");
    }
    threads = static_cast<unsigned>(*value);
  }
  if (const auto table = top.sub_table("method", "method.")) {
    table->require_known_keys({"name", "dt"});
    method = table->text("name").value_or(method);
    dt_ms = table->number("dt").value_or(dt_ms);
  }
}

}  // namespace neurodyn::io_detail
