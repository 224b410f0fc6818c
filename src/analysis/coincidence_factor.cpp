#include "neurodyn/analysis/coincidence_factor.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <string_view>

#include "neurodyn/error.hpp"

namespace neurodyn {
namespace {

void require_positive(std::string_view field, double value) {
  if (!(std::isfinite(value) && value > 0.0)) {
    throw InputError(fmt::format("{} = {:g} is not allowed; allowed: finite and > 0", field, value));
  }
}

// Every time finite, strictly increasing and within [0, duration_ms].
void require_train(std::string_view field, std::span<const double> times_ms, double duration_ms) {
  for (std::size_t k = 0; k < times_ms.size(); ++k) {
    const double t = times_ms[k];
    if (!std::isfinite(t)) {
      throw InputError(fmt::format("{}[{}] = {:g} ms is not allowed; allowed: finite spike times", field, k, t));
    }
    if (k > 0 && !(t > times_ms[k - 1])) {
      throw InputError(fmt::format("{}[{}] = {:g} ms does not follow {}[{}] = {:g} ms; allowed: strictly "
                                   "increasing spike times",
                                   field, k, t, field, k - 1, times_ms[k - 1]));
    }
    if (t < 0.0 || t > duration_ms) {
      throw InputError(fmt::format("{}[{}] = {:g} ms is outside the recording; allowed: [0, duration_ms = {:g}] ms",
                                   field, k, t, duration_ms));
    }
  }
}

// The most disjoint (data, model) pairs with |t_data - t_model| <= delta. Data spikes in time order, each
// paired with the earliest free model spike within delta. This is a maximum matching (exchange argument): take
// a maximum matching M that agrees with the greedy one on the first i - 1 data spikes. If the greedy pairs d_i
// with m, every model spike in d_i's window that those earlier spikes left free is >= m, so a partner m' of d_i
// in M has m' >= m. If M does not pair d_i with m: when m is free in M, pair d_i with m instead of m'; when M
// pairs m with a later d_j, give m to d_i and m' (if any) to d_j, which is within d_j's window since
// d_j - delta <= m <= m' <= d_i + delta <= d_j + delta. If the greedy leaves d_i unpaired, its window holds no
// free model spike, so M leaves it unpaired too. Either way M keeps its size and agrees on i data spikes.
// A model spike skipped because d - m > delta is too early for every later data spike as well.
std::size_t count_coincidences(std::span<const double> data_ms, std::span<const double> model_ms, double delta) {
  std::size_t coincidences = 0;
  std::size_t next = 0;  // the earliest model spike neither paired nor too early
  for (const double d : data_ms) {
    while (next < model_ms.size() && d - model_ms[next] > delta) ++next;
    if (next < model_ms.size() && model_ms[next] - d <= delta) {
      ++coincidences;
      ++next;
    }
  }
  return coincidences;
}

}  // namespace

CoincidenceFactor coincidence_factor(std::span<const double> data_ms, std::span<const double> model_ms,
                                     double duration_ms, const CoincidenceOptions& options) {
  require_positive("delta_ms", options.delta_ms);
  require_positive("duration_ms", duration_ms);
  require_train("data_ms", data_ms, duration_ms);
  require_train("model_ms", model_ms, duration_ms);

  const double delta = options.delta_ms;
  CoincidenceFactor result;
  result.data_spikes = data_ms.size();
  result.model_spikes = model_ms.size();
  const auto n_data = static_cast<double>(data_ms.size());
  const auto n_model = static_cast<double>(model_ms.size());
  const double nu_data = n_data / duration_ms;
  const double nu_model = n_model / duration_ms;
  const double chance = 2.0 * nu_data * delta;  // probability per data spike of a chance coincidence
  if (!(chance < 1.0)) {
    throw InputError(fmt::format("2 * nu * delta_ms = 2 * ({} data spikes / duration_ms = {:g}) * delta_ms = {:g} "
                                 "= {:g} leaves the coincidence factor undefined; allowed: < 1 (a smaller "
                                 "delta_ms or a longer recording)",
                                 data_ms.size(), duration_ms, delta, chance));
  }

  if (data_ms.empty() && model_ms.empty()) {
    result.gamma = 1.0;  // the model predicts the (absence of) spikes exactly
    result.error = 0.0;
    return result;
  }

  result.coincidences = count_coincidences(data_ms, model_ms, delta);
  result.expected_coincidences = chance * n_data;
  // Kistler et al. 1997; Jolivet et al. 2008.
  result.gamma = (static_cast<double>(result.coincidences) - result.expected_coincidences) /
                 (0.5 * (n_data + n_model)) / (1.0 - chance);
  if (options.rate_correction) {
    // brian2modelfitting, metric.py, get_gamma_factor: rate_term = 1 + 2 * abs((data_rate - model_rate) /
    // data_rate), error = clip(rate_term - gamma, 0, inf), after Clopath et al. 2007. Here gamma <= 1, so the
    // clip never acts.
    result.rate_penalty = data_ms.empty() ? std::numeric_limits<double>::infinity()
                                          : 2.0 * std::abs((nu_data - nu_model) / nu_data);
  }
  result.error = 1.0 + result.rate_penalty - result.gamma;
  return result;
}

}  // namespace neurodyn
