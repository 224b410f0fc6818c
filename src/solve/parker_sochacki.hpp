#pragma once
// The Parker-Sochacki method (Parker & Sochacki 1996; for spiking neurons Stewart & Bair 2009, J Comput
// Neurosci 27:115): on a polynomial right-hand side the Taylor coefficients of the solution follow from
// Cauchy products by recurrence, x_{k+1} = F_k(x_0..x_k) / (k + 1), so each step is a power series in the
// time since its start, summed to a chosen order or until its terms fall below the tolerance. The series is
// also the step's dense output, on which spike crossings are located.
//
// Supported: the models with a polynomial right-hand side, which give their series coefficients
// (model_traits.hpp: PowerSeriesModel, power_series.hpp), with an input that is linear between its breakpoints
// (steps, pulses, ramps).
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "stepper.hpp"
#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/model/model_traits.hpp"
#include "neurodyn/model/power_series.hpp"
#include "neurodyn/solve/solve.hpp"

namespace neurodyn::detail {

// The names of the models the method applies to, in the order of AnyModel: "izh2003, izh2007, ...".
inline std::string power_series_model_names() {
  std::string names;
  const auto add = [&]<class M>(std::type_identity<M>) {
    if constexpr (PowerSeriesModel<M>) names += fmt::format("{}{}", names.empty() ? "" : ", ", M::name);
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (add(std::type_identity<std::variant_alternative_t<I, AnyModel>>{}), ...);
  }(std::make_index_sequence<std::variant_size_v<AnyModel>>{});
  return names;
}

// Throws InputError unless the model's right-hand side and the input are polynomial.
template <NeuronModel M>
void require_power_series(const M& model, const Stimulus& stimulus) {
  if constexpr (!PowerSeriesModel<M>) {
    throw InputError(fmt::format("method = 'parker-sochacki' needs a polynomial right-hand side; model {} has "
                                 "none; allowed: {}",
                                 M::name, power_series_model_names()));
  } else {
    if constexpr (ChecksPowerSeries<M>) model.require_power_series();
    if (!stimulus.piecewise_linear()) {
      throw InputError(fmt::format("method = 'parker-sochacki' needs an input that is linear between its "
                                   "breakpoints; stimulus '{}' is not; allowed: step, const, pulses, ramp",
                                   stimulus.spec()));
    }
  }
}

struct ParkerSochacki {
  static constexpr int order = max_series_order;  // for reporting only: the order is set per step
  static constexpr MethodInfo info{
      "parker-sochacki", "Parker-Sochacki power series", 0, false, false,
      "Taylor series of the solution by Cauchy-product recurrences on a polynomial right-hand side (Stewart & "
      "Bair 2009), summed to --series-order terms or until they fall below atol/rtol; crossings located on "
      "the series. izh2003, izh2007, fhn, lif; inputs made of steps, pulses and ramps"};
  static constexpr bool uses_start_slope = false;
  static constexpr bool solves_newton = false;
  static constexpr SolveStatus unsolved_status = SolveStatus::series_divergence;
  static constexpr std::string_view unsolved =
      "the power series did not converge within 60 terms: the step exceeds its radius of convergence (near the "
      "blow-up of v)";
  static_assert(max_series_order == 60, "the message above states the longest series");

  template <class M>
  static constexpr bool applies_to = PowerSeriesModel<M>;
  template <NeuronModel M>
  static void require_applicable(const M& model, const Problem& problem) {
    require_power_series(model, problem.stimulus);
    if (!problem.events.empty() && !std::isinf(problem.events.current_decay)) {
      throw InputError(fmt::format("method = 'parker-sochacki' needs an input that is linear between its "
                                   "breakpoints; event currents decaying with tau = {:g} ms are not; allowed: "
                                   "current_decay = inf (persistent jumps)",
                                   problem.events.current_decay));
    }
  }

  template <int N>
  struct Attempt {
    StateVector<N> end;
    bool solved = true;
    SeriesCoefficients<N> coefficients;
    int terms = 0;  // coefficients 0 .. terms - 1 are used
    double h = 0.0;
  };

  template <class Integrator, class State>
  auto step(Integrator& in, double t, const State& x, const State&, double h) const {
    constexpr int N = Integrator::N;
    const auto& options = in.options();
    const Drive input = in.drive(t);
    const State scale = in.model().error_scale();
    Attempt<N> out;
    out.h = h;
    auto& c = out.coefficients;
    c[0] = x;
    State sum = x;
    double h_power = 1.0;
    int small_terms = 0;  // consecutive terms below the tolerance
    int k = 0;
    for (; k < max_series_order; ++k) {
      c[static_cast<std::size_t>(k + 1)] = in.model().series_coefficient(c, k, input);
      in.count_rhs_evaluations(1);  // one coefficient costs about one evaluation of f
      h_power *= h;
      const State term = h_power * c[static_cast<std::size_t>(k + 1)];
      sum += term;
      if (options.series_order > 0) {
        if (k + 1 == options.series_order) break;
        continue;
      }
      const bool small =
          (term.array().abs() <= options.atol * scale.array() + options.rtol * sum.array().abs()).all();
      small_terms = small ? small_terms + 1 : 0;
      if (small_terms >= 2 && k >= 2) break;
    }
    out.terms = std::min(k + 2, max_series_order + 1);
    out.end = sum;
    out.solved = options.series_order > 0 || small_terms >= 2;  // else: the step exceeds the series' radius
    return out;
  }

  template <int N>
  auto dense_output(const Attempt<N>& step) const {
    return [&step](double theta) {
      const double s = theta * step.h;
      StateVector<N> value = step.coefficients[static_cast<std::size_t>(step.terms - 1)];
      for (int k = step.terms - 2; k >= 0; --k) value = value * s + step.coefficients[static_cast<std::size_t>(k)];
      return value;
    };
  }
};

}  // namespace neurodyn::detail
