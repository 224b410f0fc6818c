#pragma once
// What the models' equations use beyond + - * /, for every number type they are evaluated on
// (neuron_model.hpp):
//   double                           plain evaluation, the one the solvers use;
//   Eigen::AutoDiffScalar (a dual)   forward-mode derivatives: a branch takes one side and carries that
//                                    side's derivative, as the double evaluation takes that side's value;
//   an Eigen array (a batch)         one value per neuron: each element takes its own side.
// A number type joins by giving these functions an overload. select, min and max name their result type T
// because their sides may mix constants with T; on double they are exactly the conditional operator,
// std::min and std::max, so the double results keep their bits.
#include <Eigen/Core>
#include <cmath>
#include <concepts>
#include <type_traits>
#include <unsupported/Eigen/AutoDiff>

namespace neurodyn::ops {

// A batch: an Eigen array, one element per neuron.
template <class T>
concept Batch = std::derived_from<T, Eigen::ArrayBase<T>>;

// The evaluated dual number of a dual expression.
template <class D>
using PlainDual = Eigen::AutoDiffScalar<typename std::remove_cvref_t<D>::PlainObject>;

// condition ? if_true : if_false as a T, for a double or a dual (the condition is a bool).
template <class T, class A, class B>
  requires(!Batch<T>)
T select(bool condition, const A& if_true, const B& if_false) {
  return condition ? T(if_true) : T(if_false);
}

// The same element by element, for a batch (the condition is a boolean array); either side may be a constant.
template <Batch T, class Condition, class A, class B>
T select(const Eigen::ArrayBase<Condition>& condition, const A& if_true, const B& if_false) {
  if constexpr (std::is_arithmetic_v<A> && std::is_arithmetic_v<B>) {
    return condition.select(T::Constant(condition.rows(), condition.cols(), if_true), if_false);
  } else {
    return condition.select(if_true, if_false);
  }
}

// One whole side or the other, for a batch whose condition does not vary by element (a parameter shared by the
// batch, such as a switch of the model's form); both sides are batches.
template <Batch T, class A, class B>
  requires(!std::is_arithmetic_v<A> && !std::is_arithmetic_v<B>)
T select(bool condition, const A& if_true, const B& if_false) {
  return condition ? T(if_true) : T(if_false);
}

// std::min's choice, b if b < a and a otherwise, as a T.
template <class T, class A, class B>
T min(const A& a, const B& b) {
  return select<T>(b < a, b, a);
}

// std::max's choice, b if a < b and a otherwise, as a T.
template <class T, class A, class B>
T max(const A& a, const B& b) {
  return select<T>(a < b, b, a);
}

// `value` in the shape of `like`: itself for a double or a dual, a constant array for a batch, and the value
// itself when it is a batch already (a parameter that differs by neuron).
template <class T, class S>
T filled_like(const T& like, const S& value) {
  if constexpr (Batch<T> && Batch<S>) {
    return T(value);
  } else if constexpr (Batch<T>) {
    return T::Constant(like.rows(), like.cols(), value);
  } else {
    return T(value);
  }
}

inline double exp(double x) { return std::exp(x); }
template <class D>
PlainDual<D> exp(const Eigen::AutoDiffScalar<D>& x) {
  return Eigen::exp(x);
}
// A batch takes std::exp element by element, so that each element has the bits of the double evaluation
// (Eigen's vectorised exp may differ in the last bit).
template <class D>
typename D::PlainObject exp(const Eigen::ArrayBase<D>& x) {
  return x.unaryExpr([](double value) { return std::exp(value); });
}

// expm1 and abs serve branches that only a double or a dual can take (the Hodgkin-Huxley rates).
// exp(x) - 1, accurate for small x.
inline double expm1(double x) { return std::expm1(x); }
template <class D>
PlainDual<D> expm1(const Eigen::AutoDiffScalar<D>& x) {
  return PlainDual<D>(std::expm1(x.value()), x.derivatives() * std::exp(x.value()));
}

inline double abs(double x) { return std::abs(x); }
template <class D>
PlainDual<D> abs(const Eigen::AutoDiffScalar<D>& x) {
  return Eigen::abs(x);
}

}  // namespace neurodyn::ops
