#pragma once
// Every method neurodyn offers, in the order `neurodyn methods` lists them: one line per method. A method is
// a type with
//   static constexpr MethodInfo info     its name, title, order, adaptivity, Jacobian use and description
// and either
//   a stepper (stepper.hpp), driven by FixedStepDriver or AdaptiveDriver as its concept says, or
//   template <NeuronModel M> using Driver, a driver of its own constructed from the run (CVODE, the
//   published scheme).
// Optionally, for a method that serves only some models or inputs:
//   template <class M> static constexpr bool applies_to     whether it can run model M at all
//   template <class M> static void require_applicable(const M&, const Problem&)
//                                                           throws InputError saying why not (always, when
//                                                           applies_to<M> is false)
#include <tuple>

#include "backward_euler.hpp"
#include "cvode_driver.hpp"
#include "dormand_prince.hpp"
#include "explicit_runge_kutta.hpp"
#include "exponential_rosenbrock_euler.hpp"
#include "parker_sochacki.hpp"
#include "published_scheme.hpp"
#include "rosenbrock_euler.hpp"

namespace neurodyn::detail {

using RegisteredMethods =
    std::tuple<ExplicitEuler, PublishedScheme, BackwardEuler, ExplicitMidpoint, Heun, ClassicRungeKutta4,
               RosenbrockEulerStepDoubling, ExponentialRosenbrockEuler, ExponentialRosenbrock32, DormandPrince54,
               CvodeBdf, CvodeAdams, ParkerSochacki>;

// Calls visit(Method{}) for each registered method in order; stops at the first call that returns true.
template <class Visit>
bool for_each_method(Visit&& visit) {
  return std::apply([&](auto... methods) { return (visit(methods) || ...); }, RegisteredMethods{});
}

}  // namespace neurodyn::detail
