#pragma once
// Root and extremum finding for a scalar function of one variable (the reduced residual of fixed_points.cpp).
#include <algorithm>
#include <cmath>
#include <vector>

namespace neurodyn::analysis_detail {

// Bisection between a and b (in either order), where f(a) and f(b) have opposite signs, to the last
// representable midpoint.
template <class F>
double bisect(const F& f, double a, double b) {
  const bool negative_at_a = f(a) < 0.0;
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double middle = 0.5 * (a + b);
    if (middle == a || middle == b) break;
    ((f(middle) < 0.0) == negative_at_a ? a : b) = middle;
  }
  return 0.5 * (a + b);
}

// The location of the maximum of a unimodal f on [low, high] by golden-section search (to about 1e-9 of the
// interval; the value there is then exact to rounding, which is what the callers use).
template <class F>
double golden_section_maximum(const F& f, double low, double high) {
  const double inverse_phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = low, b = high;
  double c = b - inverse_phi * (b - a), d = a + inverse_phi * (b - a);
  double fc = f(c), fd = f(d);
  for (int iteration = 0; iteration < 100 && b - a > 1e-9 * (high - low); ++iteration) {
    if (fc > fd) {
      b = d, d = c, fd = fc;
      c = b - inverse_phi * (b - a), fc = f(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + inverse_phi * (b - a), fd = f(d);
    }
  }
  return fc > fd ? c : d;
}

// The roots of f on a grid of `points` values over [low, high]: a sign change between neighbours is refined by
// bisection (and dropped if it is a jump of f, not a root); a grid extremum that points towards zero is
// refined, and where f crosses zero there the two roots on its sides are refined too, so a pair of roots
// closer together than the grid is found. Sorted.
template <class F>
std::vector<double> roots_on_grid(const F& f, double low, double high, std::size_t points) {
  std::vector<double> x(points), y(points);
  for (std::size_t i = 0; i < points; ++i) {
    x[i] = low + (high - low) * static_cast<double>(i) / static_cast<double>(points - 1);
    y[i] = f(x[i]);
  }
  std::vector<double> roots;
  const auto add_refined = [&](double a, double b, double fa, double fb) {
    const double root = bisect(f, a, b);
    if (std::abs(f(root)) <= 1e-3 * std::max(std::abs(fa), std::abs(fb))) roots.push_back(root);
  };
  for (std::size_t i = 0; i + 1 < points; ++i) {
    if (y[i] == 0.0)
      roots.push_back(x[i]);
    else if (y[i + 1] != 0.0 && (y[i] < 0.0) != (y[i + 1] < 0.0))
      add_refined(x[i], x[i + 1], y[i], y[i + 1]);
  }
  if (y[points - 1] == 0.0) roots.push_back(x[points - 1]);
  for (std::size_t i = 1; i + 1 < points; ++i) {
    const double sign = y[i] > 0.0 ? 1.0 : -1.0;  // an extremum pointing towards zero is a minimum of sign * f
    const bool towards_zero = sign * y[i] < sign * y[i - 1] && sign * y[i] <= sign * y[i + 1];
    const bool same_sign = sign * y[i - 1] > 0.0 && sign * y[i] > 0.0 && sign * y[i + 1] > 0.0;
    if (!towards_zero || !same_sign) continue;
    const auto toward = [&](double v) { return -sign * f(v); };
    const double extremum = golden_section_maximum(toward, x[i - 1], x[i + 1]);
    const double value = f(extremum);
    if (value == 0.0) {
      roots.push_back(extremum);  // a double root
    } else if (sign * value < 0.0) {
      add_refined(x[i - 1], extremum, y[i - 1], value);
      add_refined(extremum, x[i + 1], value, y[i + 1]);
    }
  }
  std::sort(roots.begin(), roots.end());
  return roots;
}

}  // namespace neurodyn::analysis_detail
