#pragma once
// What a model with a polynomial right-hand side needs to give the Taylor coefficients of its solution
// (Parker GE, Sochacki JS (1996) Neural Parallel Sci Comput 4:97; for spiking neurons Stewart RD, Bair W
// (2009) J Comput Neurosci 27:115): with x(t0 + s) = sum_k c_k s^k, the coefficient c_{k+1} follows from
// c_0..c_k by x' = f(x): c_{k+1} = [f(x)]_k / (k + 1), where a product in f becomes a Cauchy product of
// coefficient sequences. Such a model has the member series_coefficient (model_traits.hpp).
#include <array>
#include <cstddef>

#include "neurodyn/model/neuron_model.hpp"

namespace neurodyn {

// The longest series summed in one step.
constexpr int max_series_order = 60;

// Coefficients 0..max_series_order of the solution's series.
template <int N>
using SeriesCoefficients = std::array<StateVector<N>, max_series_order + 1>;

// Cauchy product term (a * b)_k = sum_j a_j b_{k-j}, for sequences given as functions of the index.
inline double cauchy(const auto& a, const auto& b, int k) {
  double sum = 0.0;
  for (int j = 0; j <= k; ++j) sum += a(j) * b(k - j);
  return sum;
}

// The k-th coefficient of the input I(t0 + s) = I(t0) + I'(t0) s (the input is linear on a piece).
inline double input_coefficient(const Drive& input, int k) {
  return k == 0 ? input.current : k == 1 ? input.slope : 0.0;
}

}  // namespace neurodyn
