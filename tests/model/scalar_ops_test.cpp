// The branch operations of scalar_ops.hpp: on double exactly the conditional operator, std::min and std::max
// (ties and signed zeros included, so the double results keep their bits); on a dual the value and the
// derivative of the side taken; on a batch each element's own side.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>

#include "neurodyn/model/derivatives.hpp"
#include "neurodyn/model/scalar_ops.hpp"

namespace {

using namespace neurodyn;

bool same_bits(double x, double y) { return std::signbit(x) == std::signbit(y) && (x == y || (x != x && y != y)); }

TEST(ScalarOps, OnDoublesTheyAreTheStandardChoices) {
  const double values[] = {-1.5, -0.0, 0.0, 2.0, std::numeric_limits<double>::infinity()};
  for (double a : values) {
    for (double b : values) {
      EXPECT_TRUE(same_bits(ops::min<double>(a, b), std::min(a, b))) << a << " " << b;
      EXPECT_TRUE(same_bits(ops::max<double>(a, b), std::max(a, b))) << a << " " << b;
      EXPECT_TRUE(same_bits(ops::select<double>(a < b, a, b), a < b ? a : b)) << a << " " << b;
    }
    EXPECT_TRUE(same_bits(ops::exp(a), std::exp(a)));
  }
}

TEST(ScalarOps, OnDualsTheDerivativeIsThatOfTheSideTaken) {
  const Dual<2> x(3.0, 2, 0), y(5.0, 2, 1);
  const Dual<2> smaller = ops::min<Dual<2>>(x, y), larger = ops::max<Dual<2>>(x, y);
  EXPECT_EQ(smaller.value(), 3.0);
  EXPECT_EQ(smaller.derivatives(), Eigen::Vector2d(1.0, 0.0));
  EXPECT_EQ(larger.derivatives(), Eigen::Vector2d(0.0, 1.0));
  // A constant side has no derivative.
  EXPECT_TRUE(ops::min<Dual<2>>(x, 1.0).derivatives().isZero(0.0));
  EXPECT_EQ(ops::select<Dual<2>>(x < 4.0, 2.0 * x, 0.0).derivatives(), Eigen::Vector2d(2.0, 0.0));
  const Dual<2> e = ops::exp(2.0 * x);
  EXPECT_EQ(e.value(), std::exp(6.0));
  EXPECT_DOUBLE_EQ(e.derivatives()[0], 2.0 * std::exp(6.0));
  const Dual<2> m1 = ops::expm1(x);
  EXPECT_EQ(m1.value(), std::expm1(3.0));
  EXPECT_DOUBLE_EQ(m1.derivatives()[0], std::exp(3.0));
  EXPECT_EQ(ops::abs(-x).derivatives(), Eigen::Vector2d(1.0, 0.0));
}

TEST(ScalarOps, OnBatchesEachElementTakesItsOwnSide) {
  const Eigen::Array3d a(-1.0, 2.0, 7.0), b(0.5, 0.5, 9.0);
  EXPECT_TRUE((ops::min<Eigen::ArrayXd>(a, b) == Eigen::Array3d(-1.0, 0.5, 7.0)).all());
  EXPECT_TRUE((ops::max<Eigen::ArrayXd>(a, 1.0) == Eigen::Array3d(1.0, 2.0, 7.0)).all());
  EXPECT_TRUE((ops::select<Eigen::ArrayXd>(a < 1.0, 0.0, a) == Eigen::Array3d(0.0, 2.0, 7.0)).all());
  EXPECT_TRUE((ops::select<Eigen::ArrayXd>(a < 1.0, 4.0, 5.0) == Eigen::Array3d(4.0, 5.0, 5.0)).all());
  EXPECT_TRUE((ops::filled_like(Eigen::ArrayXd(a), 6.0) == 6.0).all());
  const Eigen::ArrayXd e = ops::exp(a);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(e[i], std::exp(a[i]));
}

}  // namespace
