#include "neurodyn/io/memory_budget.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <variant>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/method.hpp"
#include "neurodyn/stimulus/parse.hpp"

namespace neurodyn {

namespace {

// What one noise sample and one table row hold (bytes). Jumps and bends cost nothing: solvers ask for the next
// one when they reach a piece's end.
constexpr double bytes_per_noise_sample = sizeof(double);
constexpr double bytes_per_table_row = 2.0 * sizeof(double);

std::atomic<double> configured_budget{0.0};  // 0: half of the physical memory

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<double>(pages) * static_cast<double>(page_size) : 4e9;
}

std::string gigabytes(double bytes) { return fmt::format("{:.3g} GB", bytes / 1e9); }

std::string_view budget_source() {
  return configured_budget.load() > 0.0 ? "as set" : "half of this machine's physical memory, unless set";
}

}  // namespace

double memory_budget_bytes() {
  const double configured = configured_budget.load();
  return configured > 0.0 ? configured : physical_memory_bytes() / 2.0;
}

void set_memory_budget_bytes(double bytes) {
  if (!(bytes > 0.0) || !std::isfinite(bytes)) {
    throw InputError(fmt::format("memory budget = {} bytes is not allowed; allowed: a finite value > 0", bytes));
  }
  configured_budget = bytes;
}

void require_within_memory_budget(double bytes, std::string_view what, std::string_view advice) {
  const double budget = memory_budget_bytes();
  if (bytes <= budget) return;
  throw InputError(fmt::format("{} needs about {}, more than the memory budget of {} ({}); {}", what, gigabytes(bytes),
                               gigabytes(budget), budget_source(), advice));
}

double trace_bytes(const EffectiveRun& run, double samples) {
  const double numbers_per_sample = static_cast<double>(run.initial_state.size()) + 2.0;  // t, the state, I
  return samples * numbers_per_sample * sizeof(double);
}

void require_trace_within_memory_budget(const EffectiveRun& run, long long every, std::string_view advice) {
  if (method_info(run.method.name).adaptive) return;
  const double samples = std::floor(run.t_end / run.method.dt / static_cast<double>(every)) + 2.0;
  require_within_memory_budget(trace_bytes(run, samples),
                               fmt::format("the trace of t_end / dt = {} / {} ms kept every {} steps ({:g} samples)",
                                           run.t_end, run.method.dt, every, samples),
                               advice);
}

double stimulus_bytes(std::string_view spec, double t_end, const std::filesystem::path& stimulus_folder) {
  const Stimulus shape = parse_stimulus(spec, 0.0, stimulus_folder);  // the components, nothing sampled over the run
  double bytes = 0.0;
  for (const auto& component : shape.components()) {
    if (const auto* noise = std::get_if<OrnsteinUhlenbeck>(&component)) {
      bytes += (std::ceil(t_end / noise->sample_step) + 1.0) * bytes_per_noise_sample;
    } else if (const auto* table = std::get_if<CurrentTable>(&component)) {
      bytes += static_cast<double>(table->times.size()) * bytes_per_table_row;
    }
  }
  return bytes;
}

}  // namespace neurodyn
