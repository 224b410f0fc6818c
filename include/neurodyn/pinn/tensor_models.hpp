#pragma once
// The models of the catalog, evaluable on LibTorch tensors (one value per collocation point): the overloads of
// scalar_ops.hpp for at::Tensor, declared before the model headers so that the models' qualified calls
// (ops::select, ops::filled_like, ...) find them. Include this header before any model header.
#include <ATen/ATen.h>

#include <concepts>

#include "neurodyn/model/scalar_ops.hpp"

namespace neurodyn::ops {

// A side of a tensor select: itself, or a constant in the shape of the condition, in double.
inline at::Tensor tensor_side(const at::Tensor& condition, const at::Tensor& side) {
  (void)condition;
  return side;
}
inline at::Tensor tensor_side(const at::Tensor& condition, double side) {
  return at::full_like(condition, side, at::TensorOptions().dtype(at::kDouble));
}

// condition ? if_true : if_false element by element (the condition is a boolean tensor).
template <class T, class A, class B>
requires std::same_as<T, at::Tensor> T select(const at::Tensor& condition, const A& if_true, const B& if_false) {
  return at::where(condition, tensor_side(condition, if_true), tensor_side(condition, if_false));
}

inline at::Tensor filled_like(const at::Tensor& like, double value) { return at::full_like(like, value); }
inline at::Tensor filled_like(const at::Tensor& like, const at::Tensor& value) { return value.expand_as(like); }
inline at::Tensor exp(const at::Tensor& x) { return at::exp(x); }

}  // namespace neurodyn::ops

#include "neurodyn/model/catalog.hpp"
