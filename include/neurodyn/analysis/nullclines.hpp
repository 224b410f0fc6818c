#pragma once
// Nullclines of a two-variable model at a constant current: the curves where v' = 0 and where the second
// variable's derivative is 0, sampled as the second variable y at given v. y is found by Newton's method in y
// with the analytic Jacobian, from y = 0: exact after one step where the derivative is linear in y (the
// Izhikevich, FitzHugh-Nagumo and AdEx models), convergent where it is convex and increasing in y (the v' of
// the reduced Hodgkin-Huxley model is A n^4 + B n + C with A, B > 0 for E_K < v < E_Na). Where a derivative
// does not depend on y at some v, or Newton does not converge, the curve has no point there (NaN).
#include <cstddef>
#include <vector>

#include "neurodyn/model/catalog.hpp"

namespace neurodyn {

struct Nullclines {
  std::vector<double> v;       // the sampled v
  std::vector<double> first;   // y with v' = 0 at each v (NaN where there is none)
  std::vector<double> second;  // y with y' = 0 at each v (NaN where there is none)
};

// Samples `points` (>= 2) values of v evenly over [v_low, v_high]. Throws InputError for a model that does
// not have exactly two state variables (with the model's name and dimension), or an invalid range.
Nullclines nullclines(const AnyModel& model, double current, double v_low, double v_high, std::size_t points);

}  // namespace neurodyn
