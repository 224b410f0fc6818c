// The equations on a batch (an Eigen array per state variable, one element per neuron, neuron_model.hpp) give
// every neuron the bits of the double evaluation: the same operations in the same order, element by element.
// Each batch mixes states on both sides of the models' branches.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "neurodyn/model/catalog.hpp"

namespace {

using namespace neurodyn;
using Batch = Eigen::ArrayXd;

static_assert(EvaluatesOn<Izhikevich2003, Batch> && EvaluatesOn<Izhikevich2007, Batch> &&
              EvaluatesOn<FitzHughNagumo, Batch> && EvaluatesOn<LeakyIntegrateAndFire, Batch>);

template <class M>
M preset_model(std::string_view preset_name) {
  const Preset& preset = find_preset(preset_name);
  return std::get<M>(make_model(preset.model, preset.parameters));
}

// Field, guard and (for a model with a reset) reset map of the batch against the double members, neuron by
// neuron; neuron k has state states[k] and input drives[k].
template <class M>
void expect_batch_equals_doubles(const M& model, const std::vector<typename M::State>& states,
                                 const std::vector<Drive>& drives) {
  ASSERT_EQ(states.size(), drives.size());
  const auto count = static_cast<Eigen::Index>(states.size());
  std::array<Batch, M::dimension> x;
  for (Batch& variable : x) variable.resize(count);
  BasicDrive<Batch> drive{Batch(count), Batch(count)};
  for (Eigen::Index k = 0; k < count; ++k) {
    const auto& state = states[static_cast<std::size_t>(k)];
    for (int i = 0; i < M::dimension; ++i) x[static_cast<std::size_t>(i)][k] = state[i];
    drive.current[k] = drives[static_cast<std::size_t>(k)].current;
    drive.slope[k] = drives[static_cast<std::size_t>(k)].slope;
  }
  const std::array<Batch, M::dimension> rates = model.field(x, drive);
  const Batch guards = model.spike_guard(x);
  for (Eigen::Index k = 0; k < count; ++k) {
    const auto& state = states[static_cast<std::size_t>(k)];
    SCOPED_TRACE(::testing::Message() << "neuron " << k << ", state (" << state.transpose() << ")");
    const auto rate = model.rhs(state, drives[static_cast<std::size_t>(k)]);
    for (int i = 0; i < M::dimension; ++i) EXPECT_EQ(rates[static_cast<std::size_t>(i)][k], rate[i]) << "f" << i;
    EXPECT_EQ(guards[k], model.guard(state));
  }
  if constexpr (M::has_reset) {
    const std::array<Batch, M::dimension> reset = model.reset_map(x);
    for (Eigen::Index k = 0; k < count; ++k) {
      const auto after = model.reset(states[static_cast<std::size_t>(k)]).state;
      for (int i = 0; i < M::dimension; ++i) EXPECT_EQ(reset[static_cast<std::size_t>(i)][k], after[i]) << "R" << i;
    }
  }
}

TEST(BatchEvaluation, Izhikevich2003) {
  const std::vector<Izhikevich2003::State> states{{-65.0, -13.0}, {-50.0, 0.0}, {25.0, 5.0}, {31.0, -20.0}};
  const std::vector<Drive> drives{{10.0, 0.0}, {0.0, 0.0}, {-3.5, 0.0}, {80.0, 0.1}};
  for (std::string_view preset : {"izh2004-A", "izh2004-G", "izh2004-R"}) {
    SCOPED_TRACE(preset);
    expect_batch_equals_doubles(preset_model<Izhikevich2003>(preset), states, drives);
  }
}

TEST(BatchEvaluation, Izhikevich2007OnBothSidesOfEverySwitch) {
  // b_switch_v = -65 mV (TC, RTN), vb = -55 mV (FS), u capped at 670 pA (LTS).
  const std::vector<Izhikevich2007::State> states{{-60.0, 0.0},   {-45.0, 30.0}, {30.0, 200.0}, {-70.0, -50.0},
                                                  {-66.0, 10.0},  {-64.0, 5.0},  {-56.0, 4.0},  {-54.0, 4.0},
                                                  {-65.0, 660.0}, {36.0, 700.0}};
  const std::vector<Drive> drives(states.size(), Drive{100.0, 0.0});
  for (std::string_view cell :
       {"izh2007-RS", "izh2007-IB", "izh2007-CH", "izh2007-LTS", "izh2007-FS", "izh2007-TC", "izh2007-RTN"}) {
    SCOPED_TRACE(cell);
    expect_batch_equals_doubles(preset_model<Izhikevich2007>(cell), states, drives);
  }
}

TEST(BatchEvaluation, FitzHughNagumoInBothForms) {
  const std::vector<FitzHughNagumo::State> states{{-1.2, -0.6}, {0.5, 0.3}, {2.0, 1.0}, {-2.1, 0.4}};
  const std::vector<Drive> drives{{0.0, 0.0}, {0.3, 0.0}, {0.5, 0.02}, {-0.4, -1.0}};
  expect_batch_equals_doubles(FitzHughNagumo{}, states, drives);
  expect_batch_equals_doubles(FitzHughNagumoLienard{}, states, drives);
}

TEST(BatchEvaluation, LeakyIntegrateAndFire) {
  const std::vector<LeakyIntegrateAndFire::State> states{LeakyIntegrateAndFire::State::Constant(-70.0),
                                                         LeakyIntegrateAndFire::State::Constant(-51.0),
                                                         LeakyIntegrateAndFire::State::Constant(-49.0)};
  const std::vector<Drive> drives{{600.0, 0.0}, {0.0, 0.0}, {250.0, 0.0}};
  expect_batch_equals_doubles(LeakyIntegrateAndFire{}, states, drives);
  expect_batch_equals_doubles(preset_model<LeakyIntegrateAndFire>("lif-refractory"), states, drives);
}

TEST(BatchEvaluation, AdExBelowAndBeyondTheCutoff) {
  const std::vector<AdEx::State> states{{-70.0, 0.0}, {-52.0, 50.0}, {-45.0, 100.0}, {5.0, 10.0}, {300.0, 0.0}};
  const std::vector<Drive> drives(states.size(), Drive{400.0, 0.0});
  for (std::string_view set : {"adex-tonic", "adex-initial-burst"}) {
    SCOPED_TRACE(set);
    expect_batch_equals_doubles(preset_model<AdEx>(set), states, drives);
  }
}

}  // namespace
