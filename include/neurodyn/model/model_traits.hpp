#pragma once
// What analysis and solvers may ask of a model beyond NeuronModel (neuron_model.hpp): optional members, each
// found by a concept below, so that a new model brings its own knowledge in its header and the code that
// uses it never names a model. Where a member is absent, the user of the concept documents its default.
#include <array>
#include <concepts>
#include <cstddef>
#include <string>

#include "neurodyn/model/neuron_model.hpp"
#include "neurodyn/model/power_series.hpp"

namespace neurodyn {

// A range of the membrane potential (or of the dimensionless v), in the model's unit of v.
struct VoltageRange {
  double low;
  double high;
};

// The voltage reduction (src/analysis/voltage_reduction.hpp): the state at v with every other variable at its
// steady state for that v. Default: a one-variable model's state is v itself; other models need the member.
template <class M>
concept HasSteadyStateAt = requires(const M& model, double v) {
  { model.steady_state_at(v) } -> std::same_as<typename M::State>;
};

// The component of the right-hand side left over by the voltage reduction. Default: 0 (v').
template <class M>
concept HasReducedComponent = requires {
  { M::reduced_component } -> std::convertible_to<int>;
};

// The v range searched for fixed points. Default: -150 to 100 mV.
template <class M>
concept HasVoltageRange = requires {
  { M::voltage_range } -> std::convertible_to<VoltageRange>;
};

// Throws InputError for the parameter sets where the voltage reduction does not exist. Default: it always does.
template <class M>
concept ChecksReducible = requires(const M& model) { model.require_reducible(); };

// A phase plane for a model of more than two variables: a two-variable model `plane` that reduces it, the
// state variables of the original model shown on the plane's two axes (v first), and one line naming the
// reduction and its assumptions.
template <class Plane>
struct PlaneReduction {
  Plane plane;
  std::array<std::size_t, 2> axes;
  std::string description;
};

template <class M>
concept HasPlanarReduction = requires(const M& model) {
  { model.planar_reduction().plane.dimension } -> std::convertible_to<int>;
  { model.planar_reduction().axes } -> std::convertible_to<std::array<std::size_t, 2>>;
  { model.planar_reduction().description } -> std::convertible_to<std::string>;
};

// A polynomial right-hand side (power_series.hpp): the coefficient k + 1 of the solution's series from the
// coefficients 0..k, for an input linear on the step (`input` holds I and dI/dt at its start). The
// Parker-Sochacki method (src/solve/parker_sochacki.hpp) applies to these models.
template <class M>
concept PowerSeriesModel = requires(const M& model, const SeriesCoefficients<M::dimension>& c, Drive input) {
  { model.series_coefficient(c, 0, input) } -> std::same_as<StateVector<M::dimension>>;
};

// Throws InputError for the parameter sets whose right-hand side is not polynomial after all (piecewise
// rules). Default: every parameter set of a PowerSeriesModel is polynomial.
template <class M>
concept ChecksPowerSeries = requires(const M& model) { model.require_power_series(); };

// The model's paper publishes an integration scheme of its own (Izhikevich's Euler scheme with its grid
// rules, docs/reference.md section 1.1), which the solve layer offers as a method: `static constexpr bool
// has_published_scheme = true`. Default: no published scheme.
template <class M>
concept HasPublishedScheme = requires { requires M::has_published_scheme; };

// The model's state depends on the input itself, not only through its right-hand side (a form whose v' holds I,
// so that it jumps with I: on_input_jump is not the identity, and the field reads dI/dt): `static constexpr bool
// state_follows_input = true`. Default: the state is continuous across input jumps.
// The model's equations branch on the state with `if` (the Hodgkin-Huxley rates at their removable
// singularities), so they evaluate on double and dual numbers but not on batches, where each element would need
// its own side: `static constexpr bool branches_on_state = true`. Default: they evaluate on batches too.
template <class M>
concept BranchesOnState = requires { requires M::branches_on_state; };

template <class M>
concept StateFollowsInput = requires { requires M::state_follows_input; };

}  // namespace neurodyn
