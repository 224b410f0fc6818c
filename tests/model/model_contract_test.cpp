// The optional members of the model contract (model_traits.hpp): who has them, and that each says what its
// concept documents.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "neurodyn/error.hpp"
#include "neurodyn/model/catalog.hpp"
#include "neurodyn/model/derivatives.hpp"
#include "neurodyn/model/model_traits.hpp"

namespace {

using namespace neurodyn;
using ::testing::HasSubstr;

// Calls check(model) with the default model of every alternative of AnyModel.
template <class Check>
void for_each_model(Check&& check) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (check(std::variant_alternative_t<I, AnyModel>{}), ...);
  }(std::make_index_sequence<std::variant_size_v<AnyModel>>{});
}

// The names of the models that satisfy a trait.
template <class Trait>
std::set<std::string> models_with(Trait trait) {
  std::set<std::string> names;
  for_each_model([&]<class M>(const M&) {
    if (trait(std::type_identity<M>{})) names.emplace(M::name);
  });
  return names;
}

TEST(ModelContract, PublishedSchemeBelongsToIzhikevichsModels) {
  EXPECT_EQ(models_with([]<class M>(std::type_identity<M>) { return HasPublishedScheme<M>; }),
            (std::set<std::string>{"izh2003", "izh2007"}));
}

TEST(ModelContract, PowerSeriesBelongToThePolynomialModels) {
  EXPECT_EQ(models_with([]<class M>(std::type_identity<M>) { return PowerSeriesModel<M>; }),
            (std::set<std::string>{"fhn", "izh2003", "izh2007", "lif"}));
}

// For x' = f(x, I) with I linear in t: c1 = f(c0), and 2 c2 = d/dt f = df/dx c1 + df/dI I'.
TEST(ModelContract, SeriesCoefficientsAreTheTaylorCoefficients) {
  for_each_model([]<class M>(const M& model) {
    if constexpr (PowerSeriesModel<M>) {
      SCOPED_TRACE(std::string(M::name));
      const typename M::State x = model.default_initial_state() + M::State::Constant(0.5);
      const Drive input{3.0, 0.25};
      SeriesCoefficients<M::dimension> c{};
      c[0] = x;
      c[1] = model.series_coefficient(c, 0, input);
      c[2] = model.series_coefficient(c, 1, input);
      const typename M::State rate = model.rhs(x, input);
      const typename M::State second =
          model.jacobian(x, input) * rate + model.input_gradient(x) * input.slope;
      for (int i = 0; i < M::dimension; ++i) {
        EXPECT_NEAR(c[1][i], rate[i], 1e-13 * std::max(1.0, std::abs(rate[i]))) << i;
        EXPECT_NEAR(2.0 * c[2][i], second[i], 1e-12 * std::max(1.0, std::abs(second[i]))) << i;
      }
    }
  });
}

TEST(ModelContract, Izhikevich2007RefusesSeriesForItsPiecewiseRules) {
  Izhikevich2007 model;
  EXPECT_NO_THROW(model.require_power_series());
  model.b_switch_v = -65.0;
  EXPECT_THROW(model.require_power_series(), InputError);
  model.b_switch_v = 1e9;
  model.u_cubic = 0.025;
  EXPECT_THAT([&] { model.require_power_series(); },
              ::testing::ThrowsMessage<InputError>(HasSubstr("u_cubic > 0 and b_switch_v < 1e9 are piecewise")));
}

// At the steady state of v every equation but the reduced one is at rest (below the spike cutoff, where the
// reduction is used: AdEx freezes its field above it).
TEST(ModelContract, SteadyStateAtVZeroesEveryOtherEquation) {
  for_each_model([]<class M>(const M& model) {
    if constexpr (HasSteadyStateAt<M>) {
      SCOPED_TRACE(std::string(M::name));
      int reduced = 0;
      if constexpr (HasReducedComponent<M>) reduced = M::reduced_component;
      const VoltageRange range = [] {
        if constexpr (HasVoltageRange<M>) return M::voltage_range;
        return VoltageRange{-150.0, 100.0};
      }();
      for (double v = range.low; v <= range.high; v += (range.high - range.low) / 16.0) {
        const typename M::State x = model.steady_state_at(v);
        EXPECT_EQ(x[0], v);
        if (M::has_reset && model.guard(x) >= 0.0) continue;
        const typename M::State rate = model.rhs(x, {});
        for (int i = 0; i < M::dimension; ++i) {
          if (i != reduced) {
            EXPECT_NEAR(rate[i], 0.0, 1e-12 * std::max(1.0, std::abs(x[i]))) << "v = " << v;
          }
        }
      }
    }
  });
}

TEST(ModelContract, ReductionsRefuseParametersWithoutRelaxation) {
  Izhikevich2003 izhikevich;
  izhikevich.u_decay = 0.0;
  EXPECT_THAT([&] { izhikevich.require_reducible(); },
              ::testing::ThrowsMessage<InputError>(HasSubstr("izh2003 needs u_decay > 0")));
  FitzHughNagumoLienard lienard;
  lienard.b = 0.0;
  EXPECT_THAT([&] { lienard.require_reducible(); },
              ::testing::ThrowsMessage<InputError>(HasSubstr("fhn-lienard needs b > 0")));
}

TEST(ModelContract, HodgkinHuxleyIsDrawnInThePlaneOfItsReduction) {
  HodgkinHuxley model;
  model.g_K = 30.0;
  const auto reduction = model.planar_reduction();
  EXPECT_EQ(reduction.plane.g_K, 30.0);
  EXPECT_EQ(reduction.plane.h_intercept, 0.8);
  EXPECT_EQ(reduction.axes, (std::array<std::size_t, 2>{0, 3}));
  EXPECT_EQ(reduction.description, "hh-reduced: m = m_inf(v), h = 0.8 - n (Rinzel 1985), the membrane of hh");
  static_assert(!HasPlanarReduction<HodgkinHuxleyReduced> && !HasPlanarReduction<LeakyIntegrateAndFire>);
}

// A model on dual parameters takes its values from the double one, row by row of the table.
TEST(ModelContract, ReboundParametersKeepTheirValues) {
  for_each_model([]<class M>(const M& defaults) {
    SCOPED_TRACE(std::string(M::name));
    M model = defaults;
    for (std::size_t j = 0; j < M::parameters.size(); ++j) {
      model.*(M::parameters[j].member) += 0.125 * static_cast<double>(j + 1);
    }
    const auto dual_model = rebind<Dual<3>>(model);
    for (std::size_t j = 0; j < M::parameters.size(); ++j) {
      const auto& dual = dual_model.*(decltype(dual_model)::parameters[j].member);
      EXPECT_EQ(dual.value(), model.*(M::parameters[j].member)) << M::parameters[j].info.name;
      EXPECT_TRUE(dual.derivatives().isZero(0.0));
    }
  });
}

}  // namespace
